/**
 * Schedule tables. `schedule_fires` holds one row per due time a schedule reached:
 * fired (ok or error), missed, or still firing. Its UNIQUE (schedule, due_at) is the
 * claim: an engine inserts the row before it calls the target, so two engines (or
 * a restarted one) can never fire the same due time twice.
 *
 * `schedule_cursors` remembers since when each schedule has been watched, with a
 * fingerprint of its timing: a schedule first seen, edited or re-enabled starts
 * counting due times from that moment instead of catching up on its past.
 */
import type {Schema} from './schema.js';

export const schedulesSchema: Schema = {
	room: 'schedules',
	migrations: [
		{
			id: '001-init',
			sql: `
CREATE TABLE schedule_fires (
	id INTEGER PRIMARY KEY,
	schedule TEXT NOT NULL,
	due_at INTEGER NOT NULL,
	fired_at INTEGER,
	target TEXT NOT NULL,
	status TEXT NOT NULL,
	error TEXT,
	execution_arn TEXT,
	request_id TEXT,
	owner TEXT,
	UNIQUE (schedule, due_at)
);

CREATE TABLE schedule_cursors (
	schedule TEXT PRIMARY KEY,
	fingerprint TEXT NOT NULL,
	since INTEGER NOT NULL
) WITHOUT ROWID;
`,
		},
	],
};
