/**
 * The WorkbenchBackend of a real workspace: reads come from the store's query
 * functions (the TUI writes no SQL), executions start on the in-process engine, and
 * approvals answer task tokens in the shared SQLite file, where the engine (this
 * process's or a `stratus serve` elsewhere) picks them up.
 *
 * Lists read lean summaries (store/executionSummaries.ts): no definitions, inputs or
 * outputs, which only the execution a person opens needs. Its definition is parsed
 * once per stored definition, and the last few opened histories are kept while they
 * have not grown.
 *
 * Change notification polls every 250 ms: `PRAGMA data_version` moves when another
 * connection (another stratus process, the function service's writer thread)
 * commits; the in-process engine writes through this connection, which does not
 * move it, so the running executions' progress (their last event ids) is compared
 * too. Either moving means something changed; listeners hear once per poll at most.
 */
import {randomUUID} from 'node:crypto';
import {existsSync, readdirSync, readFileSync, statSync} from 'node:fs';
import {basename, join, relative} from 'node:path';
import type {StateMachineDefinition} from '../asl/definition.js';
import type {StateMachineRef} from '../engine/engine.js';
import {EngineService} from '../engine/engineService.js';
import type {HistoryEvent} from '../engine/historyEvent.js';
import {sendTaskFailure, sendTaskSuccess, TaskAnswerError} from '../engine/taskAnswers.js';
import {dataVersion} from '../store/database.js';
import {ExecutionSummaries, type ExecutionSummaryRow} from '../store/executionSummaries.js';
import {functionStats as storedFunctionStats, invocationLogs, listInvocations} from '../store/functionsQueries.js';
import {LambdaServiceError} from '../functions/index.js';
import {FunctionStore} from '../store/functionsStore.js';
import type {TaskTokenRow} from '../store/taskTokens.js';
import type {Workspace} from '../workspace/workspace.js';
import {
	BackendError,
	machineNameOf,
	type ExecutionDetail,
	type ExecutionFilter,
	type ExecutionSummary,
	type FunctionStats,
	type FunctionSummary,
	type Invocation,
	type InvokeResult,
	type MachineSummary,
	type PendingTask,
	type SampleEvent,
	type ScheduleFire,
	type ScheduleSummary,
	type Unsubscribe,
	type WorkbenchBackend,
} from './backend.js';
import {scheduleSummaryOf} from './scheduleSummary.js';

export interface LiveBackendOptions {
	/** Milliseconds between change polls (default 250). */
	pollMs?: number;
	/** Most executions one list holds (default 20,000). */
	listLimit?: number;
	/** Told about executions started here whose run failed outside the state machine (a store error, say). */
	onBackgroundError?: (error: Error) => void;
}

/** Histories kept parsed: the selected execution's and a few just left, for moving back and forth. */
const HISTORIES_KEPT = 8;
/** Lists kept: one per machine a person switches between, and all machines. */
const LISTS_KEPT = 4;

interface KeptList {
	/** How many executions matched when read (the limit aside). */
	count: number;
	rows: ExecutionSummaryRow[];
	list: ExecutionSummary[];
}

function isFinal(status: ExecutionSummaryRow['status']): boolean {
	return status !== 'RUNNING' && status !== 'PENDING_REDRIVE';
}

export class LiveBackend implements WorkbenchBackend {
	private readonly functionStore: FunctionStore;
	private readonly listeners = new Set<() => void>();
	private readonly runs = new Set<Promise<unknown>>();
	private timer: NodeJS.Timeout | undefined;
	private lastSeen: {data: number; running: string};
	private readonly summaries: ExecutionSummaries;
	/** Parsed definitions by their JSON text (machines) and by stored definition id (executions): each is parsed once. */
	private readonly definitions = new Map<string, StateMachineDefinition>();
	private readonly definitionsById = new Map<number, StateMachineDefinition>();
	/** The last few histories read, by execution id; most recently read last. */
	private readonly histories = new Map<number, {lastEventId: number; events: HistoryEvent[]}>();
	private readonly machineNames = new Map<string, string>();
	/** The last few lists read, by filter; most recently read last. */
	private readonly lists = new Map<string, KeptList>();

	private readonly listLimit: number;

	constructor(
		readonly workspace: Workspace,
		private readonly options: LiveBackendOptions = {},
	) {
		this.listLimit = options.listLimit ?? 20_000;
		this.summaries = new ExecutionSummaries(workspace.db);
		this.functionStore = new FunctionStore(workspace.db);
		this.lastSeen = this.counters();
	}

	functions(): FunctionSummary[] {
		const {project} = this.workspace;
		return project.functions.map(f => {
			// Published versions and aliases live in the store; the template's aliases show before the first publish.
			const aliases = new Map(project.aliases.filter(a => a.functionName === f.name || a.functionName === f.logicalId).map(a => [a.name, a.functionVersion]));
			for (const a of this.functionStore.aliases(f.name)) aliases.set(a.name, a.functionVersion);
			return {
				name: f.name,
				arn: f.arn,
				runtime: f.runtime,
				handler: f.handler,
				memorySize: f.memorySize,
				timeout: f.timeout,
				versions: this.functionStore.versions(f.name).map(v => String(v.version)),
				aliases: [...aliases].map(([name, functionVersion]) => ({name, functionVersion})),
			};
		});
	}

	functionStats(): FunctionStats[] {
		return storedFunctionStats(this.workspace.db).map(s => ({
			functionName: s.functionName,
			invocations: s.invocations,
			errors: s.errors,
			p50DurationMs: s.p50DurationMs,
			p95DurationMs: s.p95DurationMs,
			cost: s.cost,
			lastInvokedAt: s.lastInvokedAt ?? null,
		}));
	}

	invocations(functionName: string, limit = 20): Invocation[] {
		return listInvocations(this.workspace.db, {functionName, limit}).map(row => ({
			requestId: row.requestId,
			functionName: row.functionName,
			version: row.version,
			startTime: row.startTime,
			durationMs: row.durationMs,
			billedDurationMs: row.billedDurationMs,
			initDurationMs: row.initDurationMs,
			memorySizeMb: row.memorySizeMb,
			maxMemoryUsedMb: row.maxMemoryUsedMb,
			status: row.status,
			errorType: row.errorType,
			cost: row.cost,
			logs: invocationLogs(this.workspace.db, row.requestId),
		}));
	}

	/**
	 * SAM's test events: `events/*.json` beside the template, `events/<function>/*.json`,
	 * and `events/*.json` in the function's code folder. Files naming the function come first.
	 */
	sampleEvents(functionName: string): SampleEvent[] {
		const {project} = this.workspace;
		const fn = project.functions.find(f => f.name === functionName);
		const folders = [join(project.root, 'events'), join(project.root, 'events', functionName)];
		if (fn) folders.push(join(fn.codeDir, 'events'));
		const seen = new Set<string>();
		const found: SampleEvent[] = [];
		for (const folder of folders) {
			if (!isDirectory(folder)) continue;
			for (const file of readdirSync(folder).sort()) {
				const path = join(folder, file);
				if (!file.endsWith('.json') || seen.has(path) || !isFile(path)) continue;
				seen.add(path);
				try {
					found.push({name: file, source: relative(project.root, path) || basename(path), payload: readFileSync(path, 'utf8')});
				} catch {
					// An unreadable file is not offered.
				}
			}
		}
		const key = functionName.toLowerCase();
		return found.sort((a, b) => Number(b.source.toLowerCase().includes(key)) - Number(a.source.toLowerCase().includes(key)));
	}

	stateMachines(): MachineSummary[] {
		const machines: MachineSummary[] = this.workspace.project.stateMachines.map(m => ({
			name: m.name,
			arn: m.arn,
			type: m.type,
			definition: m.definition,
		}));
		const known = new Set(machines.map(m => m.arn));
		// Machines run from definition files (`stratus run file.asl.json`) are in the store only.
		for (const stored of this.workspace.store.stateMachines()) {
			if (known.has(stored.arn)) continue;
			machines.push({name: stored.name, arn: stored.arn, type: stored.type === 'EXPRESS' ? 'EXPRESS' : 'STANDARD', definition: this.definition(stored.definition)});
		}
		return machines;
	}

	/**
	 * Newest first, at most `listLimit`. The last lists read are kept and brought up to
	 * date by re-reading only unfinished executions while no execution has started (see
	 * executionSummaries.ts): ten thousand rows take ~30 ms to read, and a running engine
	 * changes something up to ten times a second. An unchanged list is the same array.
	 */
	executions(filter: ExecutionFilter = {}): ExecutionSummary[] {
		const limit = Math.min(filter.limit ?? this.listLimit, this.listLimit);
		const query = {stateMachineArn: filter.stateMachineArn, status: filter.status, limit};
		const key = JSON.stringify(query);
		const count = this.summaries.count(query);
		let kept = this.lists.get(key);
		// Without a status filter no execution leaves the list, so an unchanged count means the same executions.
		if (kept && kept.count === count && !query.status) kept = this.refreshed(kept, query);
		else {
			const rows = this.summaries.list(query);
			kept = {count, rows, list: rows.map(row => this.summaryOf(row))};
		}
		this.lists.delete(key);
		if (this.lists.size >= LISTS_KEPT) this.lists.delete(this.lists.keys().next().value!);
		this.lists.set(key, kept);
		return kept.list;
	}

	/** The kept list with its unfinished executions re-read; itself when none changed. */
	private refreshed(kept: KeptList, query: {stateMachineArn?: string; status?: ExecutionFilter['status']; limit: number}): KeptList {
		const unfinished = kept.rows.filter(row => !isFinal(row.status)).map(row => row.id);
		const fresh = new Map(this.summaries.unfinished(query, unfinished).map(row => [row.id, row]));
		let changed = false;
		const rows = kept.rows.map(row => {
			const now = fresh.get(row.id);
			if (!now || (now.status === row.status && now.stopDate === row.stopDate && now.error === row.error)) return row;
			changed = true;
			return now;
		});
		return changed ? {count: kept.count, rows, list: rows.map((row, i) => (row === kept.rows[i] ? kept.list[i] : this.summaryOf(row)))} : kept;
	}

	execution(executionArn: string): ExecutionDetail | undefined {
		const row = this.summaries.detail(executionArn);
		if (!row) return undefined;
		return {
			...this.summaryOf(row),
			input: row.input,
			output: row.output,
			error: row.error,
			cause: row.cause,
			definition: (row.definitionId === null ? undefined : this.storedDefinition(row.definitionId)) ?? this.definition(this.workspace.store.get(executionArn)!.definition),
		};
	}

	history(executionArn: string): HistoryEvent[] {
		const row = this.summaries.progress(executionArn);
		if (!row) return [];
		const cached = this.histories.get(row.id);
		if (cached && cached.lastEventId === row.lastEventId) {
			this.histories.delete(row.id);
			this.histories.set(row.id, cached);
			return cached.events;
		}
		const events = this.workspace.store.history(row.id).map(e => ({
			id: e.id,
			previousEventId: e.previousEventId,
			type: e.type as HistoryEvent['type'],
			timestamp: e.timestamp,
			details: e.details ? (JSON.parse(e.details) as Record<string, unknown>) : undefined,
		}));
		this.histories.delete(row.id);
		// A person scrolling through thousands of executions reads each history once: keep only the last few.
		if (this.histories.size >= HISTORIES_KEPT) this.histories.delete(this.histories.keys().next().value!);
		this.histories.set(row.id, {lastEventId: row.lastEventId, events});
		return events;
	}

	pendingTasks(): PendingTask[] {
		return this.workspace.tokens.open().map(taskOf);
	}

	schedules(): ScheduleSummary[] {
		const now = new Date(this.workspace.clock.now());
		// Fires are not recorded yet: lastFire fills in when source/events stores schedule runs.
		return this.workspace.project.schedules.map(s => scheduleSummaryOf(s, now, null));
	}

	/** Wired when source/events records schedule runs in the store; until then there are none to show. */
	scheduleFires(_limit: number): ScheduleFire[] {
		return [];
	}

	async startExecution(machineName: string, input: string): Promise<{executionArn: string}> {
		const {project, engine} = this.workspace;
		const machine =
			project.stateMachines.find(m => m.name === machineName || m.logicalId === machineName || m.arn === machineName) ??
			this.stateMachines().find(m => m.name === machineName || m.arn === machineName);
		if (!machine) throw new BackendError('StateMachineDoesNotExist', `State Machine Does Not Exist: '${machineName}'`);
		let parsed: unknown;
		try {
			parsed = JSON.parse(input);
		} catch (e) {
			throw new BackendError('InvalidExecutionInput', `Invalid State Machine Execution Input: '${(e as Error).message}'`);
		}
		const ref: StateMachineRef = {arn: machine.arn, name: machine.name, type: machine.type, definition: machine.definition};
		// StartExecution: the row and ExecutionStarted are stored before start() returns; the run goes on in the background.
		const {executionArn, done} = engine.start(ref, parsed, {name: randomUUID()});
		const run = done.then(
			() => this.notify(),
			(error: unknown) => this.options.onBackgroundError?.(error instanceof Error ? error : new Error(String(error))),
		);
		this.runs.add(run);
		void run.finally(() => this.runs.delete(run));
		this.notify();
		return {executionArn};
	}

	/**
	 * StopExecution, as `stratus stop` does it: this engine stops what it runs; an
	 * execution another live engine runs is asked to stop through the database; one
	 * nobody runs is claimed and ended here as ABORTED.
	 */
	async stopExecution(executionArn: string, error?: string, cause?: string): Promise<void> {
		const {store, engine} = this.workspace;
		const row = store.get(executionArn);
		if (!row) throw new BackendError('ExecutionDoesNotExist', `Execution Does Not Exist: '${executionArn}'`);
		if (row.status !== 'RUNNING') throw new BackendError('ExecutionNotRunning', `Execution is ${row.status}, not RUNNING: '${executionArn}'`);
		const request = {error, cause};
		if (engine.isRunning(executionArn)) engine.stop(executionArn, request);
		else if (new EngineService(engine, store).ownedElsewhere(row)) store.requestStop(row.id, request);
		else if (store.claim(row.id, engine.owner, row.owner, Date.now())) await engine.resume(row, request);
		this.notify();
	}

	async approve(taskToken: string, output: string): Promise<void> {
		this.answer(() => sendTaskSuccess(this.workspace.tokens, taskToken, output, this.workspace.clock.now()));
	}

	async reject(taskToken: string, error: string, cause: string): Promise<void> {
		this.answer(() => sendTaskFailure(this.workspace.tokens, taskToken, error || undefined, cause || undefined, this.workspace.clock.now()));
	}

	async invoke(functionName: string, payload: string): Promise<InvokeResult> {
		let result;
		try {
			result = await this.workspace.functions().invoke({functionName, payload, logType: 'Tail'});
		} catch (e) {
			if (e instanceof LambdaServiceError) throw new BackendError(e.code, e.message);
			throw e;
		}
		this.notify();
		return {
			statusCode: result.statusCode,
			functionError: result.functionError,
			payload: result.payload.toString('utf8'),
			executedVersion: result.executedVersion,
			requestId: result.requestId,
			// The tail Lambda returns with LogType Tail: the invocation's last 4 KB, REPORT last.
			logs: result.logResult ? Buffer.from(result.logResult, 'base64').toString('utf8').split('\n').filter(line => line !== '') : [],
		};
	}

	subscribe(listener: () => void): Unsubscribe {
		this.listeners.add(listener);
		if (!this.timer) {
			this.timer = setInterval(() => this.poll(), this.options.pollMs ?? 250);
			this.timer.unref();
		}
		return () => {
			this.listeners.delete(listener);
			if (this.listeners.size === 0) this.stopPolling();
		};
	}

	close(): void {
		this.listeners.clear();
		this.stopPolling();
	}

	/** Executions started here and still running (the CLI waits for them before closing the workspace). */
	get running(): Promise<unknown>[] {
		return [...this.runs];
	}

	/** An answer written through this connection: the in-process engine is told at once (it polls only other processes' writes). */
	private answer(write: () => void): void {
		try {
			write();
		} catch (e) {
			if (e instanceof TaskAnswerError) throw new BackendError(e.code, e.message);
			throw e;
		}
		this.workspace.engine.tokenWatcher?.poll();
		this.notify();
	}

	private poll(): void {
		const now = this.counters();
		if (now.data === this.lastSeen.data && now.running === this.lastSeen.running) return;
		this.lastSeen = now;
		this.emit();
	}

	private notify(): void {
		this.lastSeen = this.counters();
		this.emit();
	}

	private emit(): void {
		for (const listener of this.listeners) listener();
	}

	private counters(): {data: number; running: string} {
		const running = this.summaries.running().map(row => `${row.id}:${row.lastEventId}`);
		return {data: dataVersion(this.workspace.db), running: running.join(',')};
	}

	private stopPolling(): void {
		if (this.timer) clearInterval(this.timer);
		this.timer = undefined;
	}

	private storedDefinition(id: number): StateMachineDefinition | undefined {
		let parsed = this.definitionsById.get(id);
		if (!parsed) {
			const text = this.summaries.definitionText(id);
			if (text === undefined) return undefined;
			parsed = this.definition(text);
			this.definitionsById.set(id, parsed);
		}
		return parsed;
	}

	private summaryOf(row: ExecutionSummaryRow): ExecutionSummary {
		let machineName = this.machineNames.get(row.stateMachineArn);
		if (machineName === undefined) this.machineNames.set(row.stateMachineArn, (machineName = machineNameOf(row.stateMachineArn)));
		return {
			executionArn: row.executionArn,
			name: row.name,
			stateMachineArn: row.stateMachineArn,
			machineName,
			status: row.status,
			startDate: row.startDate,
			stopDate: row.stopDate,
		};
	}

	private definition(text: string): StateMachineDefinition {
		let parsed = this.definitions.get(text);
		if (!parsed) {
			parsed = JSON.parse(text) as StateMachineDefinition;
			this.definitions.set(text, parsed);
		}
		return parsed;
	}
}

export function createLiveBackend(workspace: Workspace, options?: LiveBackendOptions): LiveBackend {
	return new LiveBackend(workspace, options);
}

function taskOf(row: TaskTokenRow): PendingTask {
	return {
		taskToken: row.token,
		kind: row.kind,
		activityArn: row.activityArn,
		executionArn: row.executionArn,
		stateName: row.stateName,
		input: row.input,
		createdAt: row.createdAt,
		heartbeatDeadline: row.heartbeatDeadline,
		timeoutDeadline: row.timeoutDeadline,
		started: row.status === 'STARTED',
	};
}

function isDirectory(path: string): boolean {
	try {
		return existsSync(path) && statSync(path).isDirectory();
	} catch {
		return false;
	}
}

function isFile(path: string): boolean {
	try {
		return statSync(path).isFile();
	} catch {
		return false;
	}
}
