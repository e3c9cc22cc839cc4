/**
 * Where invocation rows go. For a database file, a writer thread with its own
 * connection commits the batches, so the inserts (the largest per-invocation cost)
 * run beside the main thread instead of on it; an in-memory database cannot be
 * shared between threads and is written inline.
 *
 * Batches arrive as flat arrays (see `packInvocation`) and are acknowledged after
 * commit, so `flushed()` tells when everything recorded so far is readable.
 */
import {existsSync} from 'node:fs';
import {createRequire} from 'node:module';
import {fileURLToPath} from 'node:url';
import {Worker} from 'node:worker_threads';
import type {Db} from './database.js';
import {FunctionStore} from './functionsStore.js';

export interface InvocationSink {
	/** Flat rows, INVOCATION_COLUMNS values per invocation. */
	write(rows: unknown[]): void;
	/** Resolves once every row written before the call is committed. */
	flushed(): Promise<void>;
	close(): Promise<void>;
}

export function createInvocationSink(db: Db, store: FunctionStore, options: {thread?: boolean} = {}): InvocationSink {
	if (options.thread === false || db.memory || !db.name || db.name === ':memory:') return new InlineSink(store);
	return new ThreadSink(db.name);
}

class InlineSink implements InvocationSink {
	constructor(private readonly store: FunctionStore) {}

	write(rows: unknown[]): void {
		this.store.writeInvocationRows(rows);
	}

	async flushed(): Promise<void> {}

	async close(): Promise<void> {}
}

/** main -> writer: [sequence, rows] or ['close']; writer -> main: [sequence] once committed. */
export type WriterRequest = [sequence: number, rows: unknown[]] | ['close'];

let entry: {source: string | URL; eval: boolean} | undefined;

function writerEntry(): {source: string | URL; eval: boolean} {
	if (entry) return entry;
	const js = new URL('./functionsWriterThread.js', import.meta.url);
	if (existsSync(fileURLToPath(js))) entry = {source: js, eval: false};
	else {
		// From source under tsx: compile the thread's TypeScript with tsx's require hook.
		const ts = fileURLToPath(new URL('./functionsWriterThread.ts', import.meta.url));
		const tsx = createRequire(import.meta.url).resolve('tsx/cjs/api');
		entry = {source: `require(${JSON.stringify(tsx)}).register(); require(${JSON.stringify(ts)});`, eval: true};
	}
	return entry;
}

class ThreadSink implements InvocationSink {
	private readonly worker: Worker;
	private sent = 0;
	private acknowledged = 0;
	private waiters: Array<{sequence: number; resolve: () => void}> = [];
	private failure: Error | undefined;
	private readonly exited: Promise<void>;

	constructor(path: string) {
		const {source, eval: isEval} = writerEntry();
		this.worker = new Worker(source, {eval: isEval, workerData: {path}, execArgv: []});
		this.worker.unref();
		this.worker.on('message', (message: [number] | ['error', string]) => {
			if (message[0] === 'error') {
				this.failure = new Error(`invocation writer: ${message[1]}`);
				return;
			}
			this.acknowledged = message[0];
			this.settle();
		});
		this.worker.on('error', error => {
			this.failure = error;
		});
		this.exited = new Promise(resolve => this.worker.once('exit', () => resolve()));
	}

	write(rows: unknown[]): void {
		if (this.failure) throw this.failure;
		this.sent++;
		// Keep the process alive while rows are on their way to disk.
		if (this.sent - this.acknowledged === 1) this.worker.ref();
		this.worker.postMessage([this.sent, rows] satisfies WriterRequest);
	}

	private settle(): void {
		if (this.acknowledged === this.sent) this.worker.unref();
		const ready = this.waiters.filter(waiter => waiter.sequence <= this.acknowledged);
		this.waiters = this.waiters.filter(waiter => waiter.sequence > this.acknowledged);
		for (const waiter of ready) waiter.resolve();
	}

	flushed(): Promise<void> {
		if (this.failure) return Promise.reject(this.failure);
		if (this.acknowledged >= this.sent) return Promise.resolve();
		return new Promise(resolve => this.waiters.push({sequence: this.sent, resolve}));
	}

	async close(): Promise<void> {
		await this.flushed();
		this.worker.ref();
		this.worker.postMessage(['close'] satisfies WriterRequest);
		await this.exited;
	}
}
