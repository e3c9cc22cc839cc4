/**
 * Waits for answers to task tokens. Answers may come from any process (a
 * `stratus approve`, the TUI, a worker, the HTTP API), so they arrive through the
 * database: while anything waits, the watcher polls PRAGMA data_version (cheap)
 * and reads the tokens only when another connection has committed.
 *
 * Heartbeat and task timeouts run on the engine's clock; a heartbeat moves the
 * deadline, so a deadline that passes is re-read before the task times out.
 */
import {ErrorName, StatesError} from '../asl/statesError.js';
import {dataVersion} from '../store/database.js';
import {TaskTokenStatus, type TaskTokenRow, type TaskTokenStore} from '../store/taskTokens.js';
import type {Clock} from './clock.js';
import type {ExecutionRun} from './execution.js';

const POLL_MS = 100;

interface Waiter {
	token: string;
	run: ExecutionRun;
	resolve: (output: string) => void;
	reject: (error: StatesError) => void;
	onStarted?: (workerName: string) => void;
	started: boolean;
}

export class TokenWatcher {
	private readonly waiters = new Map<string, Waiter>();
	private timer?: NodeJS.Timeout;
	private lastVersion = -1;

	constructor(
		readonly store: TaskTokenStore,
		private readonly clock: Clock,
	) {}

	/**
	 * Resolves with the output JSON text of SendTaskSuccess; rejects with the
	 * SendTaskFailure error, States.HeartbeatTimeout or States.Timeout.
	 */
	wait(run: ExecutionRun, token: string, options: {signal: AbortSignal; onStarted?: (workerName: string) => void}): Promise<string> {
		return new Promise<string>((resolve, reject) => {
			const waiter: Waiter = {token, run, resolve, reject, onStarted: options.onStarted, started: false};
			const done = () => {
				this.waiters.delete(token);
				options.signal.removeEventListener('abort', abort);
				if (this.waiters.size === 0) this.stopPolling();
			};
			waiter.resolve = output => (done(), resolve(output));
			waiter.reject = error => (done(), reject(error));
			const abort = () => {
				const timedOut = options.signal.reason instanceof StatesError && options.signal.reason.error === ErrorName.Timeout;
				this.store.close(token, timedOut ? TaskTokenStatus.TimedOut : TaskTokenStatus.Closed, this.clock.now());
				waiter.reject(options.signal.reason);
			};
			if (options.signal.aborted) return abort();
			options.signal.addEventListener('abort', abort, {once: true});
			this.waiters.set(token, waiter);
			this.check(waiter);
			this.watchDeadlines(waiter, options.signal);
			this.startPolling();
		});
	}

	/** Reads every waited token now (after an answer written through this process's own connection). */
	poll(): void {
		for (const waiter of [...this.waiters.values()]) this.check(waiter);
	}

	closeExecution(run: ExecutionRun): void {
		for (const waiter of [...this.waiters.values()]) {
			if (waiter.run === run) this.store.close(waiter.token, TaskTokenStatus.Closed, this.clock.now());
		}
	}

	private check(waiter: Waiter): void {
		const row = this.store.get(waiter.token);
		if (!row) return;
		if (row.status === TaskTokenStatus.Started && !waiter.started) {
			waiter.started = true;
			waiter.onStarted?.(row.workerName ?? '');
		}
		if (row.status === TaskTokenStatus.Succeeded) waiter.resolve(row.output ?? 'null');
		else if (row.status === TaskTokenStatus.Failed) waiter.reject(new StatesError(row.error ?? '', row.cause ?? undefined));
	}

	private async watchDeadlines(waiter: Waiter, signal: AbortSignal): Promise<void> {
		for (;;) {
			const row = this.store.get(waiter.token);
			if (!row || !this.waiters.has(waiter.token)) return;
			const deadline = nextDeadline(row);
			if (deadline === undefined) return;
			try {
				await this.clock.sleepUntil(deadline, signal);
			} catch {
				return;
			}
			if (!this.waiters.has(waiter.token)) return;
			this.check(waiter);
			if (!this.waiters.has(waiter.token)) return;
			const now = this.clock.now();
			const fresh = this.store.get(waiter.token)!;
			if (fresh.heartbeatDeadline !== null && fresh.heartbeatDeadline <= now) {
				this.store.close(waiter.token, TaskTokenStatus.TimedOut, now);
				return waiter.reject(new StatesError(ErrorName.HeartbeatTimeout, undefined));
			}
		}
	}

	private startPolling(): void {
		if (this.timer) return;
		this.timer = setInterval(() => {
			const version = dataVersion(this.store.db);
			if (version === this.lastVersion) return;
			this.lastVersion = version;
			this.poll();
		}, POLL_MS);
	}

	private stopPolling(): void {
		if (this.timer) clearInterval(this.timer);
		this.timer = undefined;
		this.lastVersion = -1;
	}
}

function nextDeadline(row: TaskTokenRow): number | undefined {
	// TimeoutSeconds is the Task state's own timer; only heartbeats are watched here.
	return row.heartbeatDeadline ?? undefined;
}
