/**
 * The one SQLite file every stratus process shares. WAL lets a running engine and
 * any number of headless commands read and write the same file; busy_timeout turns
 * lock contention into a short wait instead of SQLITE_BUSY.
 */
import Database from 'better-sqlite3';
import {mkdirSync} from 'node:fs';
import {dirname} from 'node:path';
import {schemas} from './schema/index.js';

export type Db = Database.Database;

export function openDatabase(path: string): Db {
	if (path !== ':memory:') mkdirSync(dirname(path), {recursive: true});
	const db = new Database(path);
	// First, so that even switching to WAL waits for a lock instead of failing when processes start together.
	db.pragma('busy_timeout = 10000');
	db.pragma('journal_mode = WAL');
	// NORMAL keeps WAL durable across process crashes (kill -9); only an OS crash can lose the last commits.
	db.pragma('synchronous = NORMAL');
	db.pragma('foreign_keys = OFF');
	migrate(db);
	return db;
}

/** Append-only migrations, each applied once, identified by `room/name`. */
function migrate(db: Db): void {
	db.exec('CREATE TABLE IF NOT EXISTS migrations (id TEXT PRIMARY KEY, applied_at INTEGER NOT NULL)');
	const applied = new Set(db.prepare('SELECT id FROM migrations').pluck().all() as string[]);
	const pending = schemas.flatMap(schema => schema.migrations.map(m => ({...m, id: `${schema.room}/${m.id}`})))
		.filter(m => !applied.has(m.id));
	if (pending.length === 0) return;
	// IMMEDIATE: two processes starting together must not both apply the same migration.
	db.transaction(() => {
		const again = new Set(db.prepare('SELECT id FROM migrations').pluck().all() as string[]);
		for (const m of pending) {
			if (again.has(m.id)) continue;
			db.exec(m.sql);
			db.prepare('INSERT INTO migrations (id, applied_at) VALUES (?, ?)').run(m.id, Date.now());
		}
	}).immediate();
}

/** Bumps whenever another connection commits: a cheap way to notice other processes' writes. */
export function dataVersion(db: Db): number {
	return db.pragma('data_version', {simple: true}) as number;
}
