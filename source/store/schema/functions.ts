/**
 * Lambda tables (invocations with their logs, versions, aliases, async queue,
 * destination records).
 *
 * Invocations are written in batches at tens of thousands per second, so the row
 * carries its log text (one insert per invocation, not one per line) and the
 * request id index stays cheap because stratus issues time-ordered request ids.
 * Since 002 a row keeps only what the function printed; START, END and REPORT are
 * rendered from its columns when read (functionsLog.ts, `log_format` 1).
 * The request id is not unique: an asynchronous event keeps its request id across
 * retries, as on AWS, and each attempt is its own row.
 */
import type {Schema} from './schema.js';

export const functionsSchema: Schema = {
	room: 'functions',
	migrations: [
		{
			id: '001-init',
			sql: `
CREATE TABLE function_invocations (
	id INTEGER PRIMARY KEY,
	request_id TEXT NOT NULL,
	function_name TEXT NOT NULL,
	version TEXT NOT NULL,
	qualifier TEXT,
	invocation_type TEXT NOT NULL,
	start_time INTEGER NOT NULL,
	duration_ms REAL NOT NULL,
	billed_duration_ms INTEGER NOT NULL,
	init_duration_ms REAL,
	memory_size_mb INTEGER NOT NULL,
	max_memory_used_mb INTEGER NOT NULL,
	status TEXT NOT NULL,
	error_type TEXT,
	cost REAL NOT NULL,
	logs TEXT NOT NULL
);
CREATE INDEX function_invocations_by_request ON function_invocations (request_id);
CREATE INDEX function_invocations_by_function ON function_invocations (function_name, id);

CREATE TABLE function_versions (
	function_name TEXT NOT NULL,
	version INTEGER NOT NULL,
	description TEXT NOT NULL DEFAULT '',
	code_sha256 TEXT NOT NULL,
	code_dir TEXT NOT NULL,
	config TEXT NOT NULL,
	created_at INTEGER NOT NULL,
	PRIMARY KEY (function_name, version)
) WITHOUT ROWID;

CREATE TABLE function_aliases (
	function_name TEXT NOT NULL,
	name TEXT NOT NULL,
	function_version TEXT NOT NULL,
	additional_version_weights TEXT,
	description TEXT NOT NULL DEFAULT '',
	created_at INTEGER NOT NULL,
	updated_at INTEGER NOT NULL,
	PRIMARY KEY (function_name, name)
) WITHOUT ROWID;

CREATE TABLE function_async_events (
	id INTEGER PRIMARY KEY,
	request_id TEXT NOT NULL,
	function_name TEXT NOT NULL,
	qualifier TEXT,
	payload BLOB NOT NULL,
	client_context TEXT,
	status TEXT NOT NULL,
	attempts INTEGER NOT NULL DEFAULT 0,
	enqueued_at INTEGER NOT NULL,
	next_attempt_at INTEGER NOT NULL,
	lease_until INTEGER,
	executed_version TEXT,
	last_error_type TEXT,
	last_response BLOB,
	updated_at INTEGER NOT NULL
);
CREATE INDEX function_async_events_due ON function_async_events (status, next_attempt_at);

CREATE TABLE function_destination_records (
	id INTEGER PRIMARY KEY,
	request_id TEXT NOT NULL,
	function_name TEXT NOT NULL,
	kind TEXT NOT NULL,
	destination TEXT NOT NULL,
	condition TEXT NOT NULL,
	record TEXT NOT NULL,
	created_at INTEGER NOT NULL
);
CREATE INDEX function_destination_records_by_function ON function_destination_records (function_name, id);
`,
		},
		{
			// Rows written before keep log_format 0: their logs column is the whole text, START to REPORT.
			id: '002-log-output',
			sql: `
ALTER TABLE function_invocations ADD COLUMN init_logs TEXT;
ALTER TABLE function_invocations ADD COLUMN log_format INTEGER NOT NULL DEFAULT 0;
`,
		},
	],
};
