/**
 * Lambda's Invoke, locally: resolves the function (name, `name:qualifier`, ARN),
 * its version or alias, enforces Lambda's limits (payload sizes, account and
 * reserved concurrency), runs the invocation in a warm runtime pool, and records it
 * (one SQLite row with its START/END/REPORT log, written in batches) with its
 * billed duration and cost. Also publishes versions (code frozen in a snapshot
 * folder), manages aliases with weighted routing, and runs asynchronous invocations
 * through a durable queue with retries and destinations.
 */
import {mkdirSync, renameSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {dirname, join} from 'node:path';
import type {Db} from '../store/database.js';
import {FunctionStore, INVOCATION_COLUMNS, InvocationStatus, packInvocation, type AliasRow, type AsyncEventRow, type InvocationRecord, type VersionRow} from '../store/functionsStore.js';
import {invocationLogText, LogFormat, withNewline} from '../store/functionsLog.js';
import {createInvocationSink, type InvocationSink} from '../store/functionsWriter.js';
import type {AliasConfig, FunctionConfig, LayerConfig, VersionConfig} from '../project/model.js';
import {AsyncQueue, type AsyncQueueOptions, type AttemptResult, type EventConfig} from './asyncInvocations.js';
import {billedDuration, defaultPrices, invocationCost, type Prices} from './billing.js';
import {codeSha256, copyCode, unzippedSize} from './codeSnapshot.js';
import {ConcurrencyLimiter} from './concurrencyLimiter.js';
import {functionArn, parseFunctionName} from './functionName.js';
import {tailLog, timeoutLine} from './invocationLog.js';
import {functionNotFound, invalidParameter, LambdaErrorCode, LambdaServiceError} from './lambdaServiceError.js';
import {newRequestId} from './requestId.js';
import {createRuntimePool, lambdaEnvironment, runtimeFamily, type InvokeOutcome, type InvokeRequest, type RuntimePool} from './runtimes/index.js';

export const InvocationType = {
	RequestResponse: 'RequestResponse',
	Event: 'Event',
	DryRun: 'DryRun',
} as const;
export type InvocationType = (typeof InvocationType)[keyof typeof InvocationType];

export interface InvokeInput {
	/** Name, `name:qualifier`, or a full or partial ARN. */
	functionName: string;
	payload?: Buffer | string;
	invocationType?: InvocationType;
	logType?: 'None' | 'Tail';
	qualifier?: string;
	/** Base64 JSON, as Invoke's ClientContext. */
	clientContext?: string;
}

export interface InvokeResult {
	statusCode: number;
	functionError?: 'Unhandled' | 'Handled';
	payload: Buffer;
	executedVersion: string;
	/** Base64 of the last 4 KB of the log, for `logType: 'Tail'`. */
	logResult?: string;
	requestId: string;
}

export interface FunctionVersionInfo {
	functionName: string;
	version: string;
	description: string;
	codeSha256: string;
	createdAt: number;
}

export interface AliasInfo {
	functionName: string;
	name: string;
	aliasArn: string;
	functionVersion: string;
	description: string;
	additionalVersionWeights?: Record<string, number>;
}

export interface AliasInput {
	functionName: string;
	name: string;
	functionVersion: string;
	description?: string;
	additionalVersionWeights?: Record<string, number>;
}

export interface FunctionServiceOptions {
	db: Db;
	functions: FunctionConfig[];
	layers?: LayerConfig[];
	versions?: VersionConfig[];
	aliases?: AliasConfig[];
	region: string;
	accountId: string;
	/** Account concurrency limit (AWS default 1,000). */
	accountConcurrency?: number;
	prices?: Partial<Prices>;
	/** Where published versions' code is copied; default `versions/` beside the database. */
	versionsDir?: string;
	/** Restart $LATEST environments when their code changes (default true). */
	hotReload?: boolean;
	/** Run queued asynchronous invocations in this process (default true). */
	asyncDispatch?: boolean;
	async?: AsyncQueueOptions;
	/** For alias weighted routing; Math.random by default. */
	random?: () => number;
	/**
	 * Commit invocation rows from a writer thread (default for a database file). Rows
	 * then become readable a moment later: `flushed()` waits for them.
	 */
	writerThread?: boolean;
}

/** Rows bound for the writer thread wait at most this long, or until there are this many. */
const ROW_DELAY_MS = 5;
const ROW_BATCH = 1024;

/** Lambda's quotas. */
export const limits = {
	syncPayloadBytes: 6 * 1024 * 1024,
	asyncPayloadBytes: 256 * 1024,
	/** The response limit as Lambda states it in its error. */
	responseBytes: 6291556,
	unzippedCodeBytes: 262144000,
	layers: 5,
	timeout: {min: 1, max: 900},
	memory: {min: 128, max: 10240},
} as const;

interface Target {
	fn: FunctionConfig;
	version: string;
	/** The alias or version the caller named, if any. */
	qualifier: string | undefined;
	invokedArn: string;
	/** Priced as Graviton. */
	arm: boolean;
	/** The version's warm environments, once looked up. */
	pool?: RuntimePool;
}

/** An invocation whose outcome is known: what its caller is told and its row is made from. */
interface Answered {
	target: Target;
	requestId: string;
	invocationType: string;
	startTime: number;
	outcome: InvokeOutcome;
	ok: boolean;
	errorType: string | undefined;
	/** The response, or Lambda's error for one past the size limit. */
	payload: Buffer;
	/** The Lambda log, when the caller asked for it (a `Tail` invoke). */
	log: string;
}


export class FunctionService {
	readonly store: FunctionStore;
	private readonly functions = new Map<string, FunctionConfig>();
	private readonly layers: LayerConfig[];
	private readonly templateVersions: VersionConfig[];
	private readonly templateAliases: AliasConfig[];
	private readonly region: string;
	private readonly accountId: string;
	private readonly prices: Prices;
	private readonly versionsDir: string;
	private readonly hotReload: boolean;
	private readonly random: () => number;
	private readonly limiter: ConcurrencyLimiter;
	private readonly pools = new Map<string, RuntimePool>();
	private readonly validated = new Set<string>();
	private readonly versionConfigs = new Map<string, FunctionConfig>();
	private readonly synced = new Set<string>();
	private readonly parsedNames = new Map<string, ReturnType<typeof parseFunctionName>>();
	/** Targets of names that always resolve alike (no alias): most invokes skip resolution. */
	private readonly fixedTargets = new Map<string, Target>();
	private readonly queue: AsyncQueue;
	/** Created at the first write: a writer thread starting beside the first environment would slow every cold start. */
	private sinkInstance: InvocationSink | undefined;
	private readonly createSink: () => InvocationSink;
	/** Rows of this event-loop turn, flattened (see packInvocation). */
	private pending: unknown[] = [];
	private pendingRows = 0;
	private flushScheduled = false;
	private flushTimer: NodeJS.Timeout | undefined;
	/** Invocations already answered, their rows made on the next turn. */
	private later: Answered[] = [];
	/** Whether rows go to a writer thread (a database file) rather than inline. */
	private readonly threadSink: boolean;
	private closed = false;

	constructor(options: FunctionServiceOptions) {
		this.store = new FunctionStore(options.db);
		this.createSink = () => createInvocationSink(options.db, this.store, {thread: options.writerThread});
		// The same choice createInvocationSink makes.
		this.threadSink = options.writerThread !== false && !options.db.memory && Boolean(options.db.name) && options.db.name !== ':memory:';
		for (const fn of options.functions) this.functions.set(fn.name, fn);
		this.layers = options.layers ?? [];
		this.templateVersions = options.versions ?? [];
		this.templateAliases = options.aliases ?? [];
		this.region = options.region;
		this.accountId = options.accountId;
		this.prices = {...defaultPrices, ...options.prices};
		const dbFile = options.db.name;
		this.versionsDir =
			options.versionsDir ?? (dbFile && dbFile !== ':memory:' ? join(dirname(dbFile), 'versions') : join(tmpdir(), `stratus-versions-${process.pid}`));
		this.hotReload = options.hotReload ?? true;
		this.random = options.random ?? Math.random;
		const reserved = new Map<string, number>();
		for (const fn of options.functions) if (fn.reservedConcurrency !== undefined) reserved.set(fn.name, fn.reservedConcurrency);
		this.limiter = new ConcurrencyLimiter(options.accountConcurrency ?? 1000, reserved);
		this.queue = new AsyncQueue(
			this.store,
			{
				attempt: event => this.attemptAsync(event),
				config: event => this.eventConfig(event),
				deliver: (destination, record) => this.deliver(destination, record),
			},
			{...options.async, dispatch: options.asyncDispatch ?? true},
		);
	}

	async invoke(input: InvokeInput): Promise<InvokeResult> {
		if (this.closed) throw new LambdaServiceError(LambdaErrorCode.Service, 'The function service is closed.');
		const invocationType = input.invocationType ?? InvocationType.RequestResponse;
		const target = this.resolve(input.functionName, input.qualifier);
		const payload = typeof input.payload === 'string' ? Buffer.from(input.payload) : (input.payload ?? Buffer.alloc(0));
		const limit = invocationType === InvocationType.Event ? limits.asyncPayloadBytes : limits.syncPayloadBytes;
		if (payload.length > limit) {
			throw new LambdaServiceError(LambdaErrorCode.RequestEntityTooLarge, `Request must be smaller than ${limit} bytes for the InvokeFunction operation`);
		}
		const payloadText = validateJson(typeof input.payload === 'string' ? input.payload : payload);
		if (invocationType === InvocationType.DryRun) return {statusCode: 204, payload: Buffer.alloc(0), executedVersion: target.version, requestId: newRequestId()};
		if (invocationType === InvocationType.Event) {
			const requestId = newRequestId();
			this.queue.enqueue({requestId, functionName: target.fn.name, qualifier: target.qualifier ?? null, payload, clientContext: input.clientContext ?? null});
			return {statusCode: 202, payload: Buffer.alloc(0), executedVersion: target.version, requestId};
		}
		const startTime = Date.now();
		const requestId = newRequestId(startTime);
		const wantLog = input.logType === 'Tail';
		this.limiter.acquire(target.fn.name);
		let outcome: InvokeOutcome;
		try {
			outcome = await this.pool(target).invoke(invokeRequest(target, payload, requestId, input.clientContext, startTime, payloadText));
		} finally {
			this.limiter.release(target.fn.name);
		}
		const answered = this.answer(target, requestId, invocationType, startTime, outcome, wantLog);
		const result: InvokeResult = {statusCode: 200, payload: answered.payload, executedVersion: target.version, requestId};
		if (!answered.ok) result.functionError = 'Unhandled';
		if (wantLog) result.logResult = tailLog(answered.log);
		return result;
	}

	/** Resolves when every queued asynchronous invocation (with its retries) is done. */
	drainAsync(): Promise<void> {
		return this.queue.drain();
	}

	/** The function's config as a version or alias runs it (for the CLI and the engine). */
	functionConfig(functionName: string, qualifier?: string): FunctionConfig {
		return this.resolve(functionName, qualifier).fn;
	}

	listFunctions(): FunctionConfig[] {
		return [...this.functions.values()];
	}

	// --- resolution ---------------------------------------------------------------

	private resolve(functionName: string, explicitQualifier: string | undefined): Target {
		if (explicitQualifier === undefined) {
			const known = this.fixedTargets.get(functionName);
			if (known) return known;
		}
		const target = this.lookup(functionName, explicitQualifier);
		// $LATEST and numbered versions resolve the same way every time; an alias may route elsewhere on the next call.
		const fixed = target.qualifier === undefined || target.qualifier === target.version;
		if (explicitQualifier === undefined && fixed) {
			if (this.fixedTargets.size > 10_000) this.fixedTargets.clear();
			this.fixedTargets.set(functionName, target);
		}
		return target;
	}

	private lookup(functionName: string, explicitQualifier: string | undefined): Target {
		let ref = this.parsedNames.get(functionName);
		if (!ref) {
			ref = parseFunctionName(functionName);
			if (this.parsedNames.size > 10_000) this.parsedNames.clear();
			this.parsedNames.set(functionName, ref);
		}
		if (ref.qualifier !== undefined && explicitQualifier !== undefined && ref.qualifier !== explicitQualifier) {
			throw invalidParameter('The derived qualifier from the function name does not match the specified qualifier.');
		}
		const qualifier = explicitQualifier ?? ref.qualifier;
		const region = ref.region ?? this.region;
		const accountId = ref.accountId ?? this.accountId;
		const base = this.functions.get(ref.name);
		if (!base) throw functionNotFound(functionArn(region, accountId, ref.name, qualifier ?? '$LATEST'));
		if (!this.validated.has(base.name)) this.validate(base);
		if (!this.synced.has(base.name)) this.syncTemplate(base);
		const invokedArn = functionArn(this.region, this.accountId, base.name, qualifier);
		const target = (fn: FunctionConfig, version: string): Target => ({fn, version, qualifier, invokedArn, arm: fn.architectures?.includes('arm64') ?? false});
		if (qualifier === undefined || qualifier === '$LATEST') return target(base, '$LATEST');
		if (/^\d+$/.test(qualifier)) {
			const fn = this.versionConfig(base.name, Number(qualifier));
			if (!fn) throw functionNotFound(functionArn(region, accountId, base.name, qualifier));
			return target(fn, qualifier);
		}
		const alias = this.store.alias(base.name, qualifier);
		if (!alias) throw functionNotFound(functionArn(region, accountId, base.name, qualifier));
		const version = this.route(alias);
		if (version === '$LATEST') return target(base, version);
		const fn = this.versionConfig(base.name, Number(version));
		if (!fn) throw functionNotFound(functionArn(region, accountId, base.name, version));
		return target(fn, version);
	}

	/** Weighted alias routing: each additional version takes its share, the alias's version the rest. */
	private route(alias: AliasRow): string {
		if (!alias.additionalVersionWeights) return alias.functionVersion;
		const weights = JSON.parse(alias.additionalVersionWeights) as Record<string, number>;
		let roll = this.random();
		for (const [version, weight] of Object.entries(weights)) {
			if (roll < weight) return version;
			roll -= weight;
		}
		return alias.functionVersion;
	}

	private versionConfig(functionName: string, version: number): FunctionConfig | undefined {
		const key = `${functionName}:${version}`;
		let fn = this.versionConfigs.get(key);
		if (!fn) {
			const row = this.store.version(functionName, version);
			if (!row) return undefined;
			fn = {...(JSON.parse(row.config) as FunctionConfig), codeDir: row.codeDir};
			this.versionConfigs.set(key, fn);
		}
		return fn;
	}

	/** Lambda rejects these at deploy time; here, at first use, so one bad function does not stop the rest. */
	private validate(fn: FunctionConfig): void {
		const {timeout, memory} = limits;
		if (!(fn.timeout >= timeout.min)) throw invalidParameter(constraint(fn.timeout, 'timeout', `greater than or equal to ${timeout.min}`));
		if (!(fn.timeout <= timeout.max)) throw invalidParameter(constraint(fn.timeout, 'timeout', `less than or equal to ${timeout.max}`));
		if (!(fn.memorySize >= memory.min)) throw invalidParameter(constraint(fn.memorySize, 'memorySize', `greater than or equal to ${memory.min}`));
		if (!(fn.memorySize <= memory.max)) throw invalidParameter(constraint(fn.memorySize, 'memorySize', `less than or equal to ${memory.max}`));
		if (fn.layers.length > limits.layers) throw invalidParameter(`Cannot reference more than ${limits.layers} layers.`);
		if (!runtimeFamily(fn.runtime)) {
			throw new LambdaServiceError(
				LambdaErrorCode.InvalidRuntime,
				`The runtime parameter of ${fn.runtime} is not supported by stratus: it runs nodejs*, python3.* and provided* functions.`,
			);
		}
		const size = unzippedSize([fn.codeDir, ...this.layerDirs(fn)], limits.unzippedCodeBytes);
		if (size > limits.unzippedCodeBytes) {
			throw invalidParameter(`Function code combined with layers exceeds the maximum allowed size of ${limits.unzippedCodeBytes} bytes.`);
		}
		this.validated.add(fn.name);
	}

	/** Layer content folders in the function's order; layers published outside this project cannot be run and are left out. */
	private layerDirs(fn: FunctionConfig): string[] {
		return fn.layers.flatMap(ref => {
			const layer = this.layers.find(l => l.arn === ref || l.logicalId === ref || l.name === ref || l.arn.replace(/:\d+$/, '') === ref.replace(/:\d+$/, ''));
			return layer ? [layer.contentDir] : [];
		});
	}

	// --- running ------------------------------------------------------------------

	private pool(target: Target): RuntimePool {
		if (target.pool) return target.pool;
		const key = `${target.fn.name}\0${target.version}`;
		let pool = this.pools.get(key);
		if (!pool) {
			const layerDirs = this.layerDirs(target.fn);
			const env = lambdaEnvironment({fn: target.fn, version: target.version, region: this.region, layerDirs, codeDir: target.fn.codeDir});
			pool = createRuntimePool({fn: target.fn, version: target.version, layerDirs, env, watch: this.hotReload && target.version === '$LATEST'});
			this.pools.set(key, pool);
		}
		target.pool = pool;
		return pool;
	}

	/**
	 * What an invocation's outcome means for its caller. Its row is made on the next
	 * turn, after the caller has its answer, unless the caller wants the log back or
	 * rows are written inline.
	 */
	private answer(target: Target, requestId: string, invocationType: string, startTime: number, outcome: InvokeOutcome, wantLog: boolean): Answered {
		let {ok, payload, errorType} = outcome;
		if (ok && payload.length > limits.responseBytes) {
			ok = false;
			errorType = 'Function.ResponseSizeTooLarge';
			payload = Buffer.from(
				JSON.stringify({errorMessage: `Response payload size exceeded maximum allowed payload size (${limits.responseBytes} bytes).`, errorType}),
			);
		}
		const answered: Answered = {target, requestId, invocationType, startTime, outcome, ok, errorType, payload, log: ''};
		if (wantLog || !this.threadSink) answered.log = this.report(answered, wantLog);
		else {
			this.later.push(answered);
			if (this.later.length === 1) setImmediate(this.runLater);
		}
		return answered;
	}

	private readonly runLater = (): void => {
		const answered = this.later;
		this.later = [];
		for (const invocation of answered) this.report(invocation, false);
	};

	/** Records the invocation's row; returns its Lambda log when the caller asked for it (a `Tail` invoke), else an empty string. */
	private report({target, requestId, invocationType, startTime, outcome, ok, errorType}: Answered, wantLog: boolean): string {
		const {fn} = target;
		const billedDurationMs = billedDuration(outcome.durationMs, outcome.initDurationMs);
		let logs = outcome.logs ? withNewline(outcome.logs) : '';
		if (outcome.timedOut) logs += timeoutLine(requestId, fn.timeout);
		const row: InvocationRecord = {
			requestId,
			functionName: fn.name,
			version: target.version,
			qualifier: target.qualifier ?? null,
			invocationType,
			startTime,
			durationMs: outcome.durationMs,
			billedDurationMs,
			initDurationMs: outcome.initDurationMs ?? null,
			memorySizeMb: fn.memorySize,
			maxMemoryUsedMb: Math.min(fn.memorySize, Math.max(1, outcome.maxMemoryUsedMB)),
			status: outcome.timedOut ? InvocationStatus.TimedOut : ok ? InvocationStatus.Succeeded : InvocationStatus.Failed,
			errorType: ok ? null : (errorType ?? 'Unhandled'),
			cost: invocationCost(this.prices, fn.memorySize, billedDurationMs, target.arm),
			logs,
			initLogs: outcome.initLogs || null,
		};
		this.record(row);
		return wantLog ? invocationLogText({...row, logFormat: LogFormat.Output}) : '';
	}

	/**
	 * Rows go in batches, one transaction each: inline, at the end of the event-loop
	 * turn; to a writer thread, after up to ROW_DELAY_MS or ROW_BATCH rows, because
	 * each message wakes that thread, which costs more than the rows themselves when
	 * invocations come one at a time.
	 */
	private record(row: InvocationRecord): void {
		packInvocation(this.pending, row);
		if (++this.pendingRows >= ROW_BATCH) {
			this.flush();
			return;
		}
		if (this.flushScheduled) return;
		this.flushScheduled = true;
		if (this.threadSink) this.flushTimer = setTimeout(() => this.flush(), ROW_DELAY_MS);
		else setImmediate(() => this.flush());
	}

	private flush(): void {
		this.runLater();
		this.flushScheduled = false;
		clearTimeout(this.flushTimer);
		if (this.pending.length === 0) return;
		const batch = this.pending;
		this.pending = [];
		this.pendingRows = 0;
		try {
			(this.sinkInstance ??= this.createSink()).write(batch);
		} catch (error) {
			if ((error as {code?: string}).code !== 'SQLITE_BUSY' || this.closed) throw error;
			// Another process holds the write lock past busy_timeout: keep the rows and try again shortly.
			this.pending = batch.concat(this.pending);
			this.pendingRows = this.pending.length / INVOCATION_COLUMNS;
			this.flushScheduled = true;
			this.flushTimer = setTimeout(() => this.flush(), 100);
		}
	}

	/** Resolves once every invocation recorded so far is committed (readable by queries and other processes). */
	async flushed(): Promise<void> {
		this.flush();
		await this.sinkInstance?.flushed();
	}

	// --- asynchronous invocations ---------------------------------------------------

	private eventConfig(event: AsyncEventRow): EventConfig | undefined {
		const fn = this.functions.get(event.functionName);
		if (!fn) return undefined;
		const config = fn.eventInvokeConfig ?? {};
		return {
			functionArn: functionArn(this.region, this.accountId, fn.name),
			maximumRetryAttempts: config.maximumRetryAttempts ?? 2,
			maximumEventAgeInSeconds: config.maximumEventAgeInSeconds ?? 21600,
			onSuccess: config.onSuccess,
			onFailure: config.onFailure,
			deadLetterTarget: fn.deadLetterTarget,
			timeoutSeconds: fn.timeout,
		};
	}

	private async attemptAsync(event: AsyncEventRow): Promise<AttemptResult> {
		const target = this.resolve(event.functionName, event.qualifier ?? undefined);
		const startTime = Date.now();
		this.limiter.acquire(target.fn.name);
		let outcome: InvokeOutcome;
		try {
			outcome = await this.pool(target).invoke(invokeRequest(target, event.payload, event.requestId, event.clientContext ?? undefined, startTime));
		} finally {
			this.limiter.release(target.fn.name);
		}
		const answered = this.answer(target, event.requestId, InvocationType.Event, startTime, outcome, false);
		return {ok: answered.ok, payload: answered.payload, executedVersion: target.version, errorType: answered.errorType};
	}

	/**
	 * A destination that is one of this project's functions is invoked asynchronously
	 * with the record; queues, topics and buses are not run here, so for them the
	 * stored destination record is the delivery.
	 */
	private deliver(destination: string, record: string): void {
		let ref: ReturnType<typeof parseFunctionName>;
		try {
			ref = parseFunctionName(destination);
		} catch {
			return;
		}
		const fn = this.functions.get(ref.name);
		if (!fn) return;
		this.queue.enqueue({requestId: newRequestId(), functionName: fn.name, qualifier: ref.qualifier ?? null, payload: Buffer.from(record), clientContext: null});
	}

	// --- versions and aliases ----------------------------------------------------------

	/**
	 * PublishVersion: freezes the function's current code and configuration as the next
	 * version number. An unchanged function returns its latest version, as on AWS.
	 */
	publishVersion(functionName: string, description = ''): FunctionVersionInfo {
		const fn = this.requireFunction(functionName);
		return versionInfo(this.publish(fn, description));
	}

	private publish(fn: FunctionConfig, description: string): VersionRow {
		const sha = codeSha256(fn.codeDir);
		const frozen = JSON.stringify({...fn, codeDir: ''});
		const latest = this.store.latestVersion(fn.name);
		if (latest && latest.codeSha256 === sha && latest.config === frozen) return latest;
		// Copy outside the write transaction; number and move it inside, so concurrent publishers get distinct numbers.
		const staging = join(this.versionsDir, fn.name, `.staging-${process.pid}-${Date.now()}`);
		mkdirSync(dirname(staging), {recursive: true});
		copyCode(fn.codeDir, staging);
		try {
			return this.store.publishVersion(fn.name, (next, current) => {
				if (current && current.codeSha256 === sha && current.config === frozen) return current;
				const codeDir = join(this.versionsDir, fn.name, String(next));
				rmSync(codeDir, {recursive: true, force: true});
				renameSync(staging, codeDir);
				return {description, codeSha256: sha, codeDir, config: frozen, createdAt: Date.now()};
			});
		} finally {
			rmSync(staging, {recursive: true, force: true});
		}
	}

	listVersions(functionName: string): FunctionVersionInfo[] {
		this.requireFunction(functionName);
		return this.store.versions(functionName).map(versionInfo);
	}

	createAlias(input: AliasInput): AliasInfo {
		const fn = this.requireFunction(input.functionName);
		this.checkAlias(fn, input);
		const now = Date.now();
		const row: AliasRow = {
			functionName: fn.name,
			name: input.name,
			functionVersion: input.functionVersion,
			additionalVersionWeights: weightsJson(input.additionalVersionWeights),
			description: input.description ?? '',
			createdAt: now,
			updatedAt: now,
		};
		if (!this.store.insertAlias(row)) {
			throw new LambdaServiceError(LambdaErrorCode.ResourceConflict, `Alias already exists: ${functionArn(this.region, this.accountId, fn.name, input.name)}`);
		}
		return this.aliasInfo(row);
	}

	/** UpdateAlias: fields left out keep their values. */
	updateAlias(input: Partial<AliasInput> & {functionName: string; name: string}): AliasInfo {
		const fn = this.requireFunction(input.functionName);
		const current = this.store.alias(fn.name, input.name);
		if (!current) throw aliasNotFound(this.region, this.accountId, fn.name, input.name);
		const merged: AliasInput = {
			functionName: fn.name,
			name: input.name,
			functionVersion: input.functionVersion ?? current.functionVersion,
			description: input.description ?? current.description,
			additionalVersionWeights:
				input.additionalVersionWeights ?? (current.additionalVersionWeights ? (JSON.parse(current.additionalVersionWeights) as Record<string, number>) : undefined),
		};
		this.checkAlias(fn, merged);
		const row = {
			functionName: fn.name,
			name: input.name,
			functionVersion: merged.functionVersion,
			additionalVersionWeights: weightsJson(merged.additionalVersionWeights),
			description: merged.description ?? '',
			updatedAt: Date.now(),
		};
		this.store.updateAlias(row);
		return this.aliasInfo({...row, createdAt: current.createdAt});
	}

	getAlias(functionName: string, name: string): AliasInfo {
		const fn = this.requireFunction(functionName);
		const row = this.store.alias(fn.name, name);
		if (!row) throw aliasNotFound(this.region, this.accountId, fn.name, name);
		return this.aliasInfo(row);
	}

	listAliases(functionName: string): AliasInfo[] {
		const fn = this.requireFunction(functionName);
		return this.store.aliases(fn.name).map(row => this.aliasInfo(row));
	}

	deleteAlias(functionName: string, name: string): void {
		const fn = this.requireFunction(functionName);
		this.store.deleteAlias(fn.name, name);
	}

	private checkAlias(fn: FunctionConfig, input: AliasInput): void {
		if (!/^(?!^[0-9]+$)[a-zA-Z0-9-_]{1,128}$/.test(input.name)) {
			throw invalidParameter(`1 validation error detected: Value '${input.name}' at 'name' failed to satisfy constraint: Member must satisfy regular expression pattern: (?!^[0-9]+$)([a-zA-Z0-9-_]+)`);
		}
		const versionExists = (version: string) => version === '$LATEST' || (/^\d+$/.test(version) && this.store.version(fn.name, Number(version)) !== undefined);
		if (!versionExists(input.functionVersion)) throw functionNotFound(functionArn(this.region, this.accountId, fn.name, input.functionVersion));
		const weights = input.additionalVersionWeights;
		if (!weights || Object.keys(weights).length === 0) return;
		if (Object.keys(weights).length > 1) throw invalidParameter('Number of items in AdditionalVersionWeights cannot be greater than 1');
		if (input.functionVersion === '$LATEST') throw invalidParameter('$LATEST is not supported for an alias pointing to more than 1 version');
		for (const [version, weight] of Object.entries(weights)) {
			if (version === '$LATEST') throw invalidParameter('$LATEST is not supported for an alias pointing to more than 1 version');
			if (version === input.functionVersion) throw invalidParameter('Primary and additional version cannot be the same');
			if (!versionExists(version)) throw functionNotFound(functionArn(this.region, this.accountId, fn.name, version));
			if (!(weight >= 0 && weight <= 1)) throw invalidParameter(`Invalid weight ${weight} for version ${version}: a weight is between 0.0 and 1.0`);
		}
	}

	private aliasInfo(row: AliasRow): AliasInfo {
		return {
			functionName: row.functionName,
			name: row.name,
			aliasArn: functionArn(this.region, this.accountId, row.functionName, row.name),
			functionVersion: row.functionVersion,
			description: row.description,
			...(row.additionalVersionWeights ? {additionalVersionWeights: JSON.parse(row.additionalVersionWeights) as Record<string, number>} : {}),
		};
	}

	/**
	 * What a deploy would do for the template's AWS::Lambda::Version and ::Alias
	 * resources and SAM's AutoPublishAlias: publish the current code if it changed and
	 * point the aliases at it. Done once per function, at its first use.
	 */
	private syncTemplate(fn: FunctionConfig): void {
		this.synced.add(fn.name);
		const ownVersions = this.templateVersions.filter(v => v.functionName === fn.name || v.functionName === fn.logicalId);
		let published: VersionRow | undefined;
		if (ownVersions.length > 0 || fn.autoPublishAlias) published = this.publish(fn, ownVersions[0]?.description ?? '');
		const upsert = (name: string, functionVersion: string, weights?: Record<string, number>) => {
			const existing = this.store.alias(fn.name, name);
			if (existing) this.updateAlias({functionName: fn.name, name, functionVersion, additionalVersionWeights: weights});
			else this.createAlias({functionName: fn.name, name, functionVersion, additionalVersionWeights: weights});
		};
		if (fn.autoPublishAlias && published) upsert(fn.autoPublishAlias, String(published.version));
		for (const alias of this.templateAliases) {
			if (alias.functionName !== fn.name && alias.functionName !== fn.logicalId) continue;
			// A version given as a reference to a template Version resource means the version just published.
			const version = alias.functionVersion === '$LATEST' || /^\d+$/.test(alias.functionVersion) ? alias.functionVersion : String(published?.version ?? '$LATEST');
			upsert(alias.name, version, alias.additionalVersionWeights);
		}
	}

	private requireFunction(functionName: string): FunctionConfig {
		const ref = parseFunctionName(functionName);
		const fn = this.functions.get(ref.name);
		if (!fn) throw functionNotFound(functionArn(ref.region ?? this.region, ref.accountId ?? this.accountId, ref.name, ref.qualifier ?? '$LATEST'));
		return fn;
	}

	async close(): Promise<void> {
		if (this.closed) return;
		this.closed = true;
		this.queue.close();
		await Promise.all([...this.pools.values()].map(pool => pool.dispose()));
		this.pools.clear();
		this.flush();
		await this.sinkInstance?.close();
	}
}

/** The request a runtime pool runs: the deadline counts from when the invoke began. */
function invokeRequest(target: Target, payload: Buffer, requestId: string, clientContext: string | undefined, startTime: number, payloadText?: string): InvokeRequest {
	return {requestId, payload, payloadText, deadlineMs: startTime + target.fn.timeout * 1000, invokedFunctionArn: target.invokedArn, clientContext};
}

/** Rejects a payload that is not JSON; returns its text (decoded once, for runtimes that pass text on). */
function validateJson(payload: Buffer | string): string {
	if (payload.length === 0) return '';
	const text = typeof payload === 'string' ? payload : payload.toString('utf8');
	try {
		JSON.parse(text);
		return text;
	} catch (error) {
		throw new LambdaServiceError(
			LambdaErrorCode.InvalidRequestContent,
			`Could not parse request body into json: Could not parse payload into json: ${(error as Error).message}`,
		);
	}
}

function constraint(value: number, field: string, rule: string): string {
	return `1 validation error detected: Value '${value}' at '${field}' failed to satisfy constraint: Member must have value ${rule}`;
}

function weightsJson(weights: Record<string, number> | undefined): string | null {
	return weights && Object.keys(weights).length > 0 ? JSON.stringify(weights) : null;
}

function aliasNotFound(region: string, accountId: string, functionName: string, name: string): LambdaServiceError {
	return new LambdaServiceError(LambdaErrorCode.ResourceNotFound, `Alias not found: ${functionArn(region, accountId, functionName, name)}`);
}

function versionInfo(row: VersionRow): FunctionVersionInfo {
	return {functionName: row.functionName, version: String(row.version), description: row.description, codeSha256: row.codeSha256, createdAt: row.createdAt};
}
