/**
 * Copies the WAL back into the database file from a worker thread. SQLite runs
 * that checkpoint inside whichever commit crosses `wal_autocheckpoint`, with an
 * fsync, so a busy engine paid for it on its own thread in the middle of a batch.
 * A second connection in a worker checkpoints PASSIVE (never blocking a writer or
 * a reader) a few times a second; the engine's connection keeps a far higher
 * autocheckpoint only as a safety net, should the worker fall behind.
 */
import {createRequire} from 'node:module';
import {Worker} from 'node:worker_threads';
import type {Db} from './database.js';

const INTERVAL_MS = 200;
const SAFETY_NET_PAGES = 50_000;
const DEFAULT_PAGES = 1000;

// CommonJS inside the worker: better-sqlite3 is a CommonJS module, its path resolved here.
const workerSource = `
const {workerData} = require('node:worker_threads');
const Database = require(workerData.module);
const db = new Database(workerData.path, {fileMustExist: true});
db.pragma('busy_timeout = 1000');
setInterval(() => {
	try {
		db.pragma('wal_checkpoint(PASSIVE)');
	} catch {
		// Busy or closing: the next round, or the safety net, catches up.
	}
}, workerData.intervalMs);
`;

const running = new Set<string>();

/** Starts checkpointing `db`'s file off this thread, once per file per process; stops when `db` closes. */
export function checkpointInBackground(db: Db): void {
	if (db.memory || running.has(db.name)) return;
	const worker = new Worker(workerSource, {
		eval: true,
		workerData: {module: createRequire(import.meta.url).resolve('better-sqlite3'), path: db.name, intervalMs: INTERVAL_MS},
	});
	worker.unref();
	running.add(db.name);
	db.pragma(`wal_autocheckpoint = ${SAFETY_NET_PAGES}`);
	const stop = () => {
		clearInterval(watch);
		running.delete(db.name);
		void worker.terminate();
	};
	worker.on('error', () => {
		stop();
		if (db.open) db.pragma(`wal_autocheckpoint = ${DEFAULT_PAGES}`);
	});
	// better-sqlite3 has no close event: look, cheaply, whether the connection is still open.
	const watch = setInterval(() => {
		if (!db.open) stop();
	}, 1000);
	watch.unref();
}
