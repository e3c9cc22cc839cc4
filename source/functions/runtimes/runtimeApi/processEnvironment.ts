/**
 * One execution environment that is a process: a runtime (the Python bootstrap, or
 * a custom `bootstrap`) talking to its own HTTP Runtime API. What
 * the process prints between taking an event and answering it is that invocation's log.
 *
 * The process leads its own process group so a timeout kills everything it started
 * (the bash tutorial runtime's curl, say). Memory is watched from /proc: past
 * MemorySize the environment is killed, as Lambda does.
 */
import {spawn, type ChildProcess} from 'node:child_process';
import {closeSync, openSync, readSync} from 'node:fs';
import {randomHex} from '../../requestId.js';
import {Deadline, deadlines} from '../deadlines.js';
import {logStreamName} from '../lambdaEnvironment.js';
import {exitPayload, exitReason, outOfMemoryPayload, RuntimeErrorType, timeoutPayload} from '../runtimeErrors.js';
import type {InitResult, InvokeOutcome, InvokeRequest, RuntimePoolSpec} from '../runtimeTypes.js';
import {RuntimeApiServer, type RuntimeApiHandlers} from './runtimeApiServer.js';

export interface Launch {
	command: string;
	args: string[];
	/** What the process sees as its name: `sh` makes bash behave as Amazon Linux's /bin/sh. */
	argv0?: string;
	cwd: string;
}

/**
 * One invocation in flight, and its entry in the process's deadline timer: due every
 * MEMORY_POLL_MS for a memory check, and at the deadline.
 */
class Running extends Deadline {
	readonly start = performance.now();
	/** performance.now() at which the invocation times out. */
	readonly deadline: number;
	at: number;
	resolve!: (outcome: InvokeOutcome) => void;

	constructor(
		private readonly env: ProcessEnvironment,
		readonly req: InvokeRequest,
		readonly cold: boolean,
		timeoutMs: number,
	) {
		super();
		this.deadline = this.start + timeoutMs;
		this.at = Math.min(this.deadline, this.start + MEMORY_POLL_MS);
	}

	expire(): void {
		this.env.watch();
	}
}

const INIT_LIMIT_MS = 10_000;
const MEMORY_POLL_MS = 100;
/** /proc/<pid>/status is about 1.5 KB. */
const statusBuffer = Buffer.allocUnsafe(8192);

export interface EnvironmentOwner {
	readonly spec: RuntimePoolSpec;
	release(env: ProcessEnvironment): void;
	forget(env: ProcessEnvironment): void;
}

export class ProcessEnvironment {
	readonly ready: Promise<InitResult>;
	dead = false;
	private resolveReady!: (result: InitResult) => void;
	private readonly server: RuntimeApiServer;
	private child: ChildProcess | undefined;
	private initialized = false;
	private initStart = performance.now();
	private initDurationMs = 0;
	private initLogs = '';
	private initTimer: NodeJS.Timeout | undefined;
	private output = '';
	private running: Running | undefined;
	private killedForMemory = false;
	private maxMemoryUsedMB = 0;
	private initError: {body: Buffer; errorType: string} | undefined;
	private statusFd: number | undefined;

	constructor(
		private readonly owner: EnvironmentOwner,
		readonly generation: number,
		launch: Launch,
	) {
		this.ready = new Promise(resolve => (this.resolveReady = resolve));
		const handlers: RuntimeApiHandlers = {
			onNext: () => this.onNext(),
			onResponse: (id, body, maxMemoryKb) => this.onResult(id, true, body, undefined, maxMemoryKb),
			onError: (id, body, errorType, maxMemoryKb) => this.onResult(id, false, body, errorType ?? errorTypeOf(body), maxMemoryKb),
			onInitError: (body, errorType) => this.onInitError(body, errorType ?? errorTypeOf(body) ?? 'Runtime.Unknown'),
		};
		this.server = new RuntimeApiServer(handlers);
		void this.start(launch);
	}

	private async start(launch: Launch): Promise<void> {
		let address: string;
		try {
			address = await this.server.listen();
		} catch (error) {
			this.failInit(Buffer.from(JSON.stringify({errorType: 'Runtime.Unknown', errorMessage: String(error)})), 'Runtime.Unknown');
			return;
		}
		const {env, version} = this.owner.spec;
		const child = spawn(launch.command, launch.args, {
			argv0: launch.argv0,
			cwd: launch.cwd,
			env: {...env, AWS_LAMBDA_RUNTIME_API: address, AWS_LAMBDA_LOG_STREAM_NAME: logStreamName(version)},
			stdio: ['ignore', 'pipe', 'pipe'],
			detached: true,
		});
		this.child = child;
		child.stdout!.setEncoding('utf8');
		child.stderr!.setEncoding('utf8');
		child.stdout!.on('data', (text: string) => (this.output += text));
		child.stderr!.on('data', (text: string) => (this.output += text));
		child.on('error', error => {
			// spawn itself failed: the entrypoint cannot be executed.
			const message = `RequestId: ${this.running?.req.requestId ?? ''} Error: ${(error as NodeJS.ErrnoException).code === 'EACCES' ? `fork/exec ${launch.command}: permission denied` : error.message}`;
			this.failInit(Buffer.from(JSON.stringify({errorType: RuntimeErrorType.InvalidEntrypoint, errorMessage: message})), RuntimeErrorType.InvalidEntrypoint);
			this.dispose();
		});
		child.on('exit', (code, signal) => this.onExit(code, signal));
		// Idle environments never keep the process alive; the init and deadline timers do while there is work.
		child.unref();
		(child.stdout as unknown as {unref?: () => void}).unref?.();
		(child.stderr as unknown as {unref?: () => void}).unref?.();
		this.initTimer = setTimeout(() => {
			this.failInit(
				Buffer.from(JSON.stringify({errorType: RuntimeErrorType.Timeout, errorMessage: `Init phase exceeded ${INIT_LIMIT_MS / 1000} seconds`})),
				RuntimeErrorType.Timeout,
			);
			this.dispose();
		}, INIT_LIMIT_MS);
	}

	run(req: InvokeRequest, cold: boolean, timeoutMs: number): Promise<InvokeOutcome> {
		const running = new Running(this, req, cold, timeoutMs);
		const outcome = new Promise<InvokeOutcome>(resolve => (running.resolve = resolve));
		this.running = running;
		deadlines.add(running);
		this.server.deliver({
			requestId: req.requestId,
			payload: req.payload.length === 0 ? Buffer.from('{}') : req.payload,
			deadlineMs: Date.now() + timeoutMs,
			invokedFunctionArn: req.invokedFunctionArn,
			traceId: traceId(),
			clientContext: req.clientContext,
		});
		return outcome;
	}

	private onNext(): void {
		if (!this.initialized) {
			this.initialized = true;
			clearTimeout(this.initTimer);
			this.initDurationMs = performance.now() - this.initStart;
			// Output written before the first `next` belongs to init; let the pipes catch up first.
			setImmediate(() => {
				this.initLogs = this.output;
				this.output = '';
				this.resolveReady({ok: true, initDurationMs: this.initDurationMs, initLogs: this.initLogs});
			});
		}
	}

	private onResult(requestId: string, ok: boolean, body: Buffer, errorType: string | undefined, maxMemoryKb: number | undefined): boolean {
		const running = this.running;
		if (!running || running.req.requestId !== requestId) return false;
		this.running = undefined;
		deadlines.delete(running);
		const durationMs = performance.now() - running.start;
		// The process wrote its output before posting: one more turn lets the pipe data land first.
		setImmediate(() => {
			const outcome: InvokeOutcome = {
				ok,
				payload: body,
				errorType: ok ? undefined : (errorType ?? 'Unhandled'),
				logs: this.takeOutput(),
				durationMs,
				maxMemoryUsedMB: maxMemoryKb === undefined ? this.memoryUsedMB() : this.reportedMemoryMB(maxMemoryKb),
				timedOut: false,
			};
			if (running.cold) {
				outcome.initDurationMs = this.initDurationMs;
				outcome.initLogs = this.initLogs;
			}
			this.owner.release(this);
			running.resolve(outcome);
		});
		return true;
	}

	private onInitError(body: Buffer, errorType: string): void {
		this.initError = {body, errorType};
		if (!this.initialized) {
			this.failInit(body, errorType);
			this.dispose();
		}
	}

	private failInit(errorPayload: Buffer, errorType: string): void {
		if (this.initialized) return;
		this.initialized = true;
		clearTimeout(this.initTimer);
		const initDurationMs = performance.now() - this.initStart;
		setImmediate(() => this.resolveReady({ok: false, errorPayload, errorType, initDurationMs, initLogs: this.takeOutput()}));
	}

	private timedOut(): void {
		const running = this.running;
		if (!running) return;
		this.running = undefined;
		const maxMemoryUsedMB = this.memoryUsedMB();
		this.dispose();
		setImmediate(() =>
			running.resolve({
				ok: false,
				payload: timeoutPayload(running.req.requestId, this.owner.spec.fn.timeout),
				errorType: RuntimeErrorType.Timeout,
				logs: this.takeOutput(),
				durationMs: performance.now() - running.start,
				maxMemoryUsedMB,
				timedOut: true,
				...(running.cold ? {initDurationMs: this.initDurationMs, initLogs: this.initLogs} : {}),
			}),
		);
	}

	private onExit(code: number | null, signal: NodeJS.Signals | null): void {
		const wasDead = this.dead;
		this.dead = true;
		this.closeStatus();
		this.server.close();
		this.owner.forget(this);
		const running = this.running;
		this.running = undefined;
		const reason = exitReason(code, signal);
		if (running) {
			deadlines.delete(running);
			const payload = this.killedForMemory ? outOfMemoryPayload(running.req.requestId) : exitPayload(running.req.requestId, reason);
			setImmediate(() =>
				running.resolve({
					ok: false,
					payload,
					errorType: this.killedForMemory ? RuntimeErrorType.OutOfMemory : RuntimeErrorType.Exit,
					logs: this.takeOutput(),
					durationMs: performance.now() - running.start,
					maxMemoryUsedMB: this.killedForMemory ? this.owner.spec.fn.memorySize : this.maxMemoryUsedMB,
					timedOut: false,
					...(running.cold ? {initDurationMs: this.initDurationMs, initLogs: this.initLogs} : {}),
				}),
			);
		} else if (!wasDead && !this.initialized) {
			// Exited during init: its own init/error report if it sent one, else the exit itself.
			if (this.initError) this.failInit(this.initError.body, this.initError.errorType);
			else this.failInit(exitPayload('', reason), RuntimeErrorType.Exit);
		}
	}

	private takeOutput(): string {
		const text = this.output;
		this.output = '';
		return text;
	}

	/** While an invocation runs: past MemorySize the process is killed (its exit fails the invocation); past the deadline it times out. */
	watch(): void {
		const running = this.running;
		if (!running) return;
		const remaining = running.deadline - performance.now();
		if (remaining <= 0) {
			this.timedOut();
			return;
		}
		const rss = this.readStatus('VmRSS');
		if (rss !== undefined && rss > this.owner.spec.fn.memorySize) {
			this.killedForMemory = true;
			this.kill();
			return;
		}
		running.at = Math.min(running.deadline, performance.now() + MEMORY_POLL_MS);
		deadlines.add(running);
	}

	private reportedMemoryMB(maxMemoryKb: number): number {
		this.maxMemoryUsedMB = Math.max(this.maxMemoryUsedMB, Math.ceil(maxMemoryKb / 1024));
		return this.maxMemoryUsedMB;
	}

	/** Peak resident memory of the runtime process (VmHWM), in MB. */
	private memoryUsedMB(): number {
		const peak = this.readStatus('VmHWM');
		if (peak !== undefined) this.maxMemoryUsedMB = Math.max(this.maxMemoryUsedMB, peak);
		return this.maxMemoryUsedMB;
	}

	/**
	 * A memory figure (kB in /proc/<pid>/status) in MB. Runtimes that do not report
	 * their own memory have it read after every invocation, so the file stays open and
	 * is re-read in place.
	 */
	private readStatus(field: 'VmRSS' | 'VmHWM'): number | undefined {
		const pid = this.child?.pid;
		// Once the process is gone its pid may belong to another one.
		if (!pid || this.dead) return undefined;
		try {
			this.statusFd ??= openSync(`/proc/${pid}/status`, 'r');
			const text = statusBuffer.toString('latin1', 0, readSync(this.statusFd, statusBuffer, 0, statusBuffer.length, 0));
			const at = text.indexOf(`\n${field}:`);
			return at < 0 ? undefined : Math.ceil(parseInt(text.slice(at + field.length + 2), 10) / 1024);
		} catch {
			return undefined;
		}
	}

	private closeStatus(): void {
		if (this.statusFd === undefined) return;
		closeSync(this.statusFd);
		this.statusFd = undefined;
	}

	private kill(): void {
		const pid = this.child?.pid;
		if (!pid) return;
		try {
			process.kill(-pid, 'SIGKILL');
		} catch {
			try {
				this.child?.kill('SIGKILL');
			} catch {
				// Already gone.
			}
		}
	}

	dispose(): void {
		this.dead = true;
		clearTimeout(this.initTimer);
		this.owner.forget(this);
		this.kill();
		this.closeStatus();
		this.server.close();
	}
}

function errorTypeOf(body: Buffer): string | undefined {
	try {
		const parsed = JSON.parse(body.toString('utf8')) as {errorType?: unknown};
		return typeof parsed.errorType === 'string' ? parsed.errorType : undefined;
	} catch {
		return undefined;
	}
}

let traceSecond = -1;
let tracePrefix = '';

/** An X-Ray trace header as Lambda passes it: `Root=1-<epoch hex>-<24 hex>;Parent=<16 hex>;Sampled=0`. */
function traceId(): string {
	const second = Math.floor(Date.now() / 1000);
	if (second !== traceSecond) {
		traceSecond = second;
		tracePrefix = `Root=1-${second.toString(16)}-`;
	}
	return `${tracePrefix}${randomHex(12)};Parent=${randomHex(8)};Sampled=0`;
}
