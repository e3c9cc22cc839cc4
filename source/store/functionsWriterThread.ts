/**
 * The invocation writer thread: its own connection to the database file, one
 * transaction per batch, an acknowledgement after each commit. A batch that meets
 * a lock held past busy_timeout is retried rather than lost.
 */
import Database from 'better-sqlite3';
import {parentPort, workerData} from 'node:worker_threads';
import {FunctionStore} from './functionsStore.js';
import type {WriterRequest} from './functionsWriter.js';

const db = new Database((workerData as {path: string}).path);
db.pragma('busy_timeout = 10000');
db.pragma('synchronous = NORMAL');
const store = new FunctionStore(db);
const port = parentPort!;
const queue: Array<[number, unknown[]]> = [];
let retrying = false;
let closing = false;

function drain(): void {
	while (queue.length > 0) {
		const [sequence, rows] = queue[0];
		try {
			store.writeInvocationRows(rows);
		} catch (error) {
			if ((error as {code?: string}).code === 'SQLITE_BUSY') {
				retrying = true;
				setTimeout(() => {
					retrying = false;
					drain();
				}, 100);
				return;
			}
			port.postMessage(['error', (error as Error).message]);
		}
		queue.shift();
		port.postMessage([sequence]);
	}
	if (closing) {
		db.close();
		port.close();
	}
}

port.on('message', (message: WriterRequest) => {
	if (message[0] === 'close') {
		closing = true;
		if (!retrying) drain();
		return;
	}
	queue.push(message as [number, unknown[]]);
	if (!retrying) drain();
});
