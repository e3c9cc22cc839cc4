/**
 * Step Functions tables. History rows are keyed by (execution, event id) without a
 * rowid so a batch insert appends to one B-tree; details stay JSON text because they
 * are written once and read rarely.
 */
import type {Schema} from './schema.js';

export const executionsSchema: Schema = {
	room: 'executions',
	migrations: [
		{
			id: '001-init',
			sql: `
CREATE TABLE state_machines (
	arn TEXT PRIMARY KEY,
	name TEXT NOT NULL,
	type TEXT NOT NULL,
	definition TEXT NOT NULL,
	created_at INTEGER NOT NULL,
	updated_at INTEGER NOT NULL
);
CREATE TABLE executions (
	id INTEGER PRIMARY KEY,
	arn TEXT NOT NULL UNIQUE,
	name TEXT NOT NULL,
	state_machine_arn TEXT NOT NULL,
	type TEXT NOT NULL,
	status TEXT NOT NULL,
	input TEXT,
	output TEXT,
	error TEXT,
	cause TEXT,
	start_date INTEGER NOT NULL,
	stop_date INTEGER,
	parent_arn TEXT,
	definition TEXT NOT NULL,
	checkpoint TEXT,
	last_event_id INTEGER NOT NULL DEFAULT 0,
	stop_requested TEXT
);
CREATE INDEX executions_by_machine ON executions (state_machine_arn, start_date DESC);
CREATE INDEX executions_by_status ON executions (status);
CREATE TABLE history_events (
	execution_id INTEGER NOT NULL,
	id INTEGER NOT NULL,
	previous_event_id INTEGER NOT NULL,
	type TEXT NOT NULL,
	timestamp INTEGER NOT NULL,
	details TEXT,
	PRIMARY KEY (execution_id, id)
) WITHOUT ROWID;
`,
		},
		// Task tokens: activity tasks and .waitForTaskToken callbacks waiting for an answer from any process.
		{
			id: '002-task-tokens',
			sql: `
		CREATE TABLE task_tokens (
			token TEXT PRIMARY KEY,
			execution_id INTEGER NOT NULL,
			execution_arn TEXT NOT NULL,
			state_name TEXT NOT NULL,
			kind TEXT NOT NULL,
			activity_arn TEXT,
			input TEXT NOT NULL,
			status TEXT NOT NULL,
			output TEXT,
			error TEXT,
			cause TEXT,
			worker_name TEXT,
			created_at INTEGER NOT NULL,
			heartbeat_seconds INTEGER,
			heartbeat_deadline INTEGER,
			timeout_deadline INTEGER,
			updated_at INTEGER NOT NULL
		);
		CREATE INDEX task_tokens_pending ON task_tokens (status, created_at);
		CREATE TABLE activities (
			arn TEXT PRIMARY KEY,
			name TEXT NOT NULL,
			created_at INTEGER NOT NULL
		);
`,
		},
		// Which live engine runs an execution: a crashed owner's executions are claimed by the next engine.
		{
			id: '003-owner',
			sql: `
ALTER TABLE executions ADD COLUMN owner TEXT;
ALTER TABLE executions ADD COLUMN owner_seen INTEGER;
CREATE INDEX executions_running ON executions (status, owner) WHERE status = 'RUNNING';
`,
		},
			// History as pages (one row per execution per writer batch, see historyPage.ts), each
		// definition stored once, ids handed out in blocks: per-event rows, a definition copy
		// per execution and a commit per new row capped a STANDARD execution at SQLite's row
		// rate. Old rows become one page per execution.
		{
			id: '004-history-pages',
			sql: `
-- key = execution_id × 2^32 + first event id: one B-tree serves appends and per-execution
-- reads, and a rowid table keeps bodies up to ~4 KB inside their leaf page.
CREATE TABLE history_pages (
	key INTEGER PRIMARY KEY,
	last_id INTEGER NOT NULL,
	body TEXT NOT NULL
);
INSERT INTO history_pages (key, last_id, body)
	SELECT execution_id * 4294967296 + min(id), max(id),
		json_group_array(json_array(id, previous_event_id, type, timestamp, details) ORDER BY id)
	FROM history_events GROUP BY execution_id;
DROP TABLE history_events;
CREATE TABLE definitions (
	id INTEGER PRIMARY KEY,
	hash TEXT NOT NULL UNIQUE,
	text TEXT NOT NULL
);
ALTER TABLE executions ADD COLUMN definition_id INTEGER;
INSERT INTO definitions (hash, text) SELECT 'legacy:' || min(id), definition FROM executions GROUP BY definition;
UPDATE executions SET definition_id = (SELECT d.id FROM definitions d WHERE d.text = executions.definition), definition = '';
-- Execution ids come from here, a block per process, so an engine can name an execution
-- before its row is written (the row lands with its first history page, one commit).
CREATE TABLE id_sequences (
	name TEXT PRIMARY KEY,
	next INTEGER NOT NULL
);
INSERT INTO id_sequences (name, next) SELECT 'executions', coalesce(max(id), 0) + 1 FROM executions;
-- Queries by status other than RUNNING are rare; the partial index serves RUNNING.
DROP INDEX executions_by_status;
`,
		},
	],
};
