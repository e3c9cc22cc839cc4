/**
 * Node.js functions: a warm pool of worker threads per function version. Each worker
 * is one execution environment with its own `process.env` and heap limit (the
 * function's MemorySize); it serves one invocation at a time and the pool grows when
 * invocations overlap. A worker past its deadline is terminated (an infinite loop
 * too) and the next invocation starts a fresh one.
 */
import {existsSync} from 'node:fs';
import {createRequire} from 'node:module';
import {join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {Worker} from 'node:worker_threads';
import {CodeWatcher} from '../codeWatcher.js';
import {Deadline, deadlines} from '../deadlines.js';
import {logStreamName} from '../lambdaEnvironment.js';
import {packageRoot} from '../packageRoot.js';
import {exitPayload, exitReason, failedOutcome, outOfMemoryPayload, RuntimeErrorType, timeoutPayload} from '../runtimeErrors.js';
import type {InitResult, InvokeOutcome, InvokeRequest, RuntimePool, RuntimePoolSpec} from '../runtimeTypes.js';
import {resolveNodeHandler, type HandlerProblem, type ResolvedHandler} from './nodeHandler.js';
import type {InvokeMessage, NodeWorkerData, WorkerMessage} from './nodeWorker.js';

/** Init has its own limit on AWS, separate from the function timeout. */
const INIT_LIMIT_MS = 10_000;
const LOG_BUFFER_BYTES = 256 * 1024;

let entry: {source: string | URL; eval: boolean} | undefined;

/** Built output runs dist's nodeWorker.js; from source under tsx the worker registers tsx itself first. */
function workerEntry(): {source: string | URL; eval: boolean} {
	if (entry) return entry;
	const js = new URL('./nodeWorker.js', import.meta.url);
	if (existsSync(fileURLToPath(js))) entry = {source: js, eval: false};
	else {
		const ts = fileURLToPath(new URL('./nodeWorker.ts', import.meta.url));
		const tsx = createRequire(join(packageRoot(), 'package.json')).resolve('tsx/cjs/api');
		entry = {source: `const unregister = require(${JSON.stringify(tsx)}).register(); require(${JSON.stringify(ts)}); unregister();`, eval: true};
	}
	return entry;
}

/** One invocation in flight; it is its own entry in the process's deadline list. */
class Running extends Deadline {
	readonly start = performance.now();
	readonly at: number;
	postedLogs = '';
	resolve!: (outcome: InvokeOutcome) => void;

	constructor(
		private readonly env: NodeEnvironment,
		readonly req: InvokeRequest,
		readonly cold: boolean,
		timeoutMs: number,
	) {
		super();
		this.at = this.start + timeoutMs;
	}

	expire(): void {
		this.env.timedOut();
	}
}

class NodeEnvironment {
	readonly worker: Worker;
	readonly ready: Promise<InitResult>;
	dead = false;
	private readonly logLength: Int32Array;
	private readonly logBuffer: SharedArrayBuffer;
	/** [durationMs, maxMemoryUsedMB] of a successful invocation (NodeWorkerData.resultBuffer). */
	private readonly result: Float64Array;
	private resolveReady!: (result: InitResult) => void;
	private initStart = performance.now();
	private initTimer: NodeJS.Timeout | undefined;
	private initLogsPosted = '';
	private initDurationMs = 0;
	private initLogs = '';
	private running: Running | undefined;
	/** What the worker already holds as the invoked ARN (see InvokeMessage). */
	private lastInvokedArn: string | undefined;
	private outOfMemory = false;
	private maxMemoryUsedMB = 0;

	constructor(
		private readonly pool: NodePool,
		readonly generation: number,
		handler: ResolvedHandler,
	) {
		const {fn, version, env} = pool.spec;
		this.logBuffer = new SharedArrayBuffer(4 + LOG_BUFFER_BYTES);
		this.logLength = new Int32Array(this.logBuffer, 0, 1);
		this.result = new Float64Array(new SharedArrayBuffer(2 * Float64Array.BYTES_PER_ELEMENT));
		const stream = logStreamName(version);
		const workerData: NodeWorkerData = {
			handlerFile: handler.file,
			moduleFormat: handler.moduleFormat,
			exportPath: handler.exportPath,
			handlerString: fn.handler,
			functionName: fn.name,
			functionVersion: version,
			memoryLimitInMB: fn.memorySize,
			logGroupName: `/aws/lambda/${fn.name}`,
			logStreamName: stream,
			sourceMaps: handler.sourceMaps,
			logBuffer: this.logBuffer,
			resultBuffer: this.result.buffer as SharedArrayBuffer,
		};
		this.ready = new Promise(resolve => (this.resolveReady = resolve));
		const {source, eval: isEval} = workerEntry();
		this.worker = new Worker(source, {
			eval: isEval,
			workerData,
			env: {...env, AWS_LAMBDA_LOG_STREAM_NAME: stream},
			execArgv: [],
			resourceLimits: {maxOldGenerationSizeMb: fn.memorySize},
			stdout: false,
			stderr: false,
		});
		this.worker.on('message', (message: WorkerMessage) => this.onMessage(message));
		this.worker.on('error', error => {
			if ((error as NodeJS.ErrnoException).code === 'ERR_WORKER_OUT_OF_MEMORY') this.outOfMemory = true;
		});
		this.worker.on('exit', code => this.onExit(code));
		// Idle environments never keep the process alive; the init and deadline timers do while there is work.
		this.worker.unref();
		this.initTimer = setTimeout(() => this.initTimedOut(), INIT_LIMIT_MS);
	}

	run(req: InvokeRequest, cold: boolean, timeoutMs: number): Promise<InvokeOutcome> {
		const running = new Running(this, req, cold, timeoutMs);
		const outcome = new Promise<InvokeOutcome>(resolve => (running.resolve = resolve));
		this.running = running;
		deadlines.add(running);
		const payload = req.payload.length === 0 ? '{}' : (req.payloadText ?? req.payload.toString('utf8'));
		const arn = req.invokedFunctionArn === this.lastInvokedArn ? undefined : (this.lastInvokedArn = req.invokedFunctionArn);
		// A cold start's deadline moved later by its init (timeoutMs counts from now); a warm one is the request's own.
		const deadlineMs = cold ? Date.now() + timeoutMs : req.deadlineMs;
		const message: InvokeMessage =
			arn === undefined && req.clientContext === undefined ? `${req.requestId}\t${deadlineMs}\t${payload}` : [req.requestId, payload, deadlineMs, arn, req.clientContext];
		this.worker.postMessage(message);
		return outcome;
	}

	private onMessage(message: WorkerMessage): void {
		if (typeof message === 'string') {
			this.finish(true, message, undefined, this.result[0], this.result[1], false);
			return;
		}
		switch (message[0]) {
			case 'init': {
				clearTimeout(this.initTimer);
				this.initDurationMs = performance.now() - this.initStart;
				this.initLogs = this.initLogsPosted + this.sharedLogs();
				const [, ok, errorPayload, errorType] = message;
				this.resolveReady({
					ok,
					errorPayload: errorPayload === undefined ? undefined : Buffer.from(errorPayload),
					errorType,
					initDurationMs: this.initDurationMs,
					initLogs: this.initLogs,
				});
				return;
			}
			case 'log':
				if (this.running) this.running.postedLogs += message[1];
				else this.initLogsPosted += message[1];
				return;
			case 'done':
				this.finish(message[1], message[2], message[3], message[4], message[5], message[6]);
				return;
		}
	}

	private finish(ok: boolean, body: string, errorType: string | undefined, durationMs: number, maxMemoryUsedMB: number, recycle: boolean): void {
		const running = this.running;
		if (!running) return;
		this.running = undefined;
		deadlines.delete(running);
		this.maxMemoryUsedMB = maxMemoryUsedMB;
		const outcome: InvokeOutcome = {
			ok,
			payload: Buffer.from(body),
			errorType,
			logs: running.postedLogs + this.sharedLogs(),
			durationMs,
			maxMemoryUsedMB,
			timedOut: false,
		};
		if (running.cold) {
			outcome.initDurationMs = this.initDurationMs;
			outcome.initLogs = this.initLogs;
		}
		if (recycle) this.dispose();
		else this.pool.release(this);
		running.resolve(outcome);
	}

	private sharedLogs(): string {
		const length = Atomics.load(this.logLength, 0);
		return length === 0 ? '' : Buffer.from(this.logBuffer, 4, length).toString('utf8');
	}

	timedOut(): void {
		const running = this.running;
		if (!running) return;
		this.running = undefined;
		this.dispose();
		const {fn} = this.pool.spec;
		running.resolve({
			ok: false,
			payload: timeoutPayload(running.req.requestId, fn.timeout),
			errorType: RuntimeErrorType.Timeout,
			logs: running.postedLogs + this.sharedLogs(),
			durationMs: performance.now() - running.start,
			maxMemoryUsedMB: this.maxMemoryUsedMB,
			timedOut: true,
			...(running.cold ? {initDurationMs: this.initDurationMs, initLogs: this.initLogs} : {}),
		});
	}

	private initTimedOut(): void {
		this.dispose();
		this.resolveReady({
			ok: false,
			errorPayload: Buffer.from(JSON.stringify({errorType: RuntimeErrorType.Timeout, errorMessage: `Init phase exceeded ${INIT_LIMIT_MS / 1000} seconds`})),
			errorType: RuntimeErrorType.Timeout,
			initDurationMs: INIT_LIMIT_MS,
			initLogs: this.initLogsPosted + this.sharedLogs(),
		});
	}

	private onExit(code: number): void {
		clearTimeout(this.initTimer);
		const wasDead = this.dead;
		this.dead = true;
		this.pool.forget(this);
		const running = this.running;
		this.running = undefined;
		const requestId = running?.req.requestId ?? '';
		const payload = this.outOfMemory ? outOfMemoryPayload(requestId) : exitPayload(requestId, exitReason(code, null));
		const errorType = this.outOfMemory ? RuntimeErrorType.OutOfMemory : RuntimeErrorType.Exit;
		if (running) {
			deadlines.delete(running);
			running.resolve({
				ok: false,
				payload,
				errorType,
				logs: running.postedLogs + this.sharedLogs(),
				durationMs: performance.now() - running.start,
				maxMemoryUsedMB: this.outOfMemory ? this.pool.spec.fn.memorySize : this.maxMemoryUsedMB,
				timedOut: false,
				...(running.cold ? {initDurationMs: this.initDurationMs, initLogs: this.initLogs} : {}),
			});
		} else if (!wasDead) {
			// Died during init (a handler module calling process.exit, or running out of memory while loading).
			this.resolveReady({
				ok: false,
				errorPayload: payload,
				errorType,
				initDurationMs: performance.now() - this.initStart,
				initLogs: this.initLogsPosted + this.sharedLogs(),
			});
		}
	}

	dispose(): Promise<number> {
		this.dead = true;
		this.pool.forget(this);
		return this.worker.terminate();
	}
}

export class NodePool implements RuntimePool {
	private idle: NodeEnvironment[] = [];
	private readonly all = new Set<NodeEnvironment>();
	private generation = 0;
	private handler: Promise<ResolvedHandler | HandlerProblem> | undefined;
	private readonly watcher: CodeWatcher | undefined;
	private disposed = false;

	constructor(readonly spec: RuntimePoolSpec) {
		if (spec.watch) this.watcher = new CodeWatcher(() => this.codeChanged());
	}

	invoke(req: InvokeRequest): Promise<InvokeOutcome> {
		const timeoutMs = Math.max(0, req.deadlineMs - Date.now());
		let env = this.idle.pop();
		while (env && (env.dead || env.generation !== this.generation)) {
			void env.dispose();
			env = this.idle.pop();
		}
		if (env) return env.run(req, false, timeoutMs);
		return this.coldInvoke(req, timeoutMs);
	}

	private async coldInvoke(req: InvokeRequest, timeoutMs: number): Promise<InvokeOutcome> {
		const generation = this.generation;
		this.handler ??= resolveNodeHandler(this.spec.env.LAMBDA_TASK_ROOT ?? this.spec.fn.codeDir, this.spec.fn.handler);
		const handler = await this.handler;
		if ('errorType' in handler) {
			// Resolve again next time: the missing file may be about to appear.
			this.handler = undefined;
			const payload = Buffer.from(JSON.stringify({errorType: handler.errorType, errorMessage: handler.errorMessage, trace: []}));
			return failedOutcome(payload, handler.errorType);
		}
		this.watcher?.watch(handler.watchDirs);
		if (this.disposed) return failedOutcome(Buffer.from(JSON.stringify({errorType: 'ServiceException', errorMessage: 'function pool closed'})), 'ServiceException');
		const env = new NodeEnvironment(this, generation, handler);
		this.all.add(env);
		const init = await env.ready;
		if (!init.ok) {
			void env.dispose();
			return failedOutcome(init.errorPayload!, init.errorType!, {initDurationMs: init.initDurationMs, initLogs: init.initLogs});
		}
		return env.run(req, true, timeoutMs);
	}

	release(env: NodeEnvironment): void {
		if (env.dead) return;
		if (env.generation !== this.generation || this.disposed) void env.dispose();
		else this.idle.push(env);
	}

	forget(env: NodeEnvironment): void {
		this.all.delete(env);
	}

	/** New code: idle environments go now, busy ones when they finish. */
	private codeChanged(): void {
		this.generation++;
		this.handler = undefined;
		const idle = this.idle;
		this.idle = [];
		for (const env of idle) void env.dispose();
	}

	async dispose(): Promise<void> {
		this.disposed = true;
		this.watcher?.close();
		this.idle = [];
		await Promise.all([...this.all].map(env => env.dispose()));
	}
}
