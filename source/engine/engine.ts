/**
 * The engine: starts executions, drives them to their end, resumes the ones a
 * crashed engine left RUNNING, and stops them on request. STANDARD executions
 * persist every history event (with a checkpoint) through the batching writer;
 * EXPRESS executions keep only their summary row, as on AWS.
 */
import {randomUUID} from 'node:crypto';
import {hostname} from 'node:os';
import type {StateMachineDefinition} from '../asl/definition.js';
import {ErrorName, StatesError, toStatesError} from '../asl/statesError.js';
import type {ExecutionRow, ExecutionStatus, ExecutionStore} from '../store/executions.js';
import type {TaskTokenStore} from '../store/taskTokens.js';
import type {Clock} from './clock.js';
import {checkpointOf, ExecutionRun, restoreFrame, type ExecutionIdentity} from './execution.js';
import {payloadDetails, type HistoryEvent} from './historyEvent.js';
import {HistoryRecorder, MemoryHistory, type HistorySink} from './historyRecorder.js';
import {HistoryWriter} from './historyWriter.js';
import {runStates} from './interpreter.js';
import type {LambdaInvoker} from './tasks/lambdaInvoker.js';
import {createTaskResources} from './tasks/defaultTaskResources.js';
import type {TaskIntegration, TaskResources} from './tasks/taskResources.js';
import type {ExecutionCheckpoint, ThreadCheckpoint} from './threadPosition.js';
import {TokenWatcher} from './tokenWatcher.js';
import type {MockConfig} from './tasks/mockConfig.js';
import {nestedExecutionIntegration, type MachineResolver} from './tasks/nestedExecution.js';

export interface StateMachineRef {
	arn: string;
	name: string;
	type: 'STANDARD' | 'EXPRESS';
	definition: StateMachineDefinition;
}

export type FinalStatus = Exclude<ExecutionStatus, 'RUNNING' | 'PENDING_REDRIVE'>;

export interface ExecutionResult {
	executionArn: string;
	status: FinalStatus;
	output: unknown;
	error: string | null;
	cause: string | null;
	startDate: number;
	stopDate: number;
	/** Present when the caller asked to keep the history in memory. */
	events?: HistoryEvent[];
}

export interface EngineOptions {
	store?: ExecutionStore;
	tokens?: TaskTokenStore;
	clock: Clock;
	region: string;
	accountId: string;
	lambda?: () => LambdaInvoker | undefined;
	/** Integrations tried before the built-in ones. */
	integrations?: Array<TaskIntegration | ((engine: Engine) => TaskIntegration)>;
	/** The local state machines a nested `states:startExecution` may start. */
	machines?: MachineResolver;
	/** Step Functions Local mocked responses, used by executions started with a test case. */
	mocks?: MockConfig;
}

export interface StartOptions {
	name?: string;
	/** Answer mocked states from this test case of the mock config. */
	testCase?: string;
	keepHistory?: boolean;
	parentArn?: string;
}

interface Active {
	run: ExecutionRun;
	done: Promise<ExecutionResult>;
}

/** Payloads above 256 KiB fail the execution, as on AWS. */
const MAX_PAYLOAD_BYTES = 256 * 1024;

export class Engine {
	/** Identifies this engine in the executions it owns; a dead owner's executions can be claimed. */
	readonly owner = `${process.pid}@${hostname()}`;
	readonly writer?: HistoryWriter;
	readonly tokenWatcher?: TokenWatcher;
	private readonly tasks: TaskResources;
	private readonly active = new Map<string, Active>();
	private readonly finishedListeners = new Set<(result: ExecutionResult) => void>();

	constructor(readonly options: EngineOptions) {
		if (options.store) this.writer = new HistoryWriter(options.store);
		if (options.tokens) this.tokenWatcher = new TokenWatcher(options.tokens, options.clock);
		this.tasks = createTaskResources({
			lambda: options.lambda,
			region: options.region,
			extra: [
				...(options.integrations ?? []).map(i => (typeof i === 'function' ? i(this) : i)),
				nestedExecutionIntegration(this, options.machines ?? (() => undefined)),
			],
		});
	}

	get clock(): Clock {
		return this.options.clock;
	}

	get store(): ExecutionStore | undefined {
		return this.options.store;
	}

	executionArn(machine: StateMachineRef, name: string): string {
		const kind = machine.type === 'EXPRESS' ? 'express' : 'execution';
		return machine.arn.replace(':stateMachine:', `:${kind}:`) + `:${name}`;
	}

	/**
	 * Runs an execution in this process to its end. Its row is written with its first
	 * batch of events (one commit, not two): nobody holds its ARN before that batch lands.
	 */
	run(machine: StateMachineRef, input: unknown, options: StartOptions = {}): Promise<ExecutionResult> {
		return this.begin(machine, input, options, this.owner, 'withFirstBatch').done;
	}

	/**
	 * StartExecution: the execution's row is committed before its ARN is returned (a
	 * schedule's fire or a parent's checkpoint may point at it at once), then it runs
	 * in the background.
	 */
	start(machine: StateMachineRef, input: unknown, options: StartOptions = {}): {executionArn: string; done: Promise<ExecutionResult>} {
		const {run, done} = this.begin(machine, input, options, this.owner, 'now');
		return {executionArn: run.identity.arn, done};
	}

	/** Queues an execution for whichever engine claims it (`stratus start` with no engine in this process). */
	enqueue(machine: StateMachineRef, input: unknown, options: StartOptions = {}): string {
		const store = this.requireStore();
		const name = options.name ?? randomUUID();
		const identity = this.identity(machine, input, name);
		this.assertNameFree(store, identity.arn, options);
		store.insertStarted(
			{...this.row(identity, machine, options), owner: null},
			{id: 1, previousEventId: 0, type: 'ExecutionStarted', timestamp: identity.startTime, details: this.startedDetails(identity)},
		);
		return identity.arn;
	}

	/**
	 * Continues an execution this engine has claimed (from its checkpoint, or from
	 * the start when it has none). With `stop`, it ends at once as ABORTED: how an
	 * execution no engine runs is stopped.
	 */
	resume(row: ExecutionRow, stop?: {error?: string; cause?: string}): Promise<ExecutionResult> {
		const existing = this.active.get(row.arn);
		if (existing) return existing.done;
		const definition = JSON.parse(row.definition) as StateMachineDefinition;
		const machine: StateMachineRef = {
			arn: row.stateMachineArn,
			name: row.stateMachineArn.split(':').pop()!,
			type: row.type as 'STANDARD' | 'EXPRESS',
			definition,
		};
		const input = row.input === null ? {} : JSON.parse(row.input);
		const identity: ExecutionIdentity = {...this.identity(machine, input, row.name), startTime: row.startDate};
		const checkpoint = row.checkpoint && row.type === 'STANDARD' ? (JSON.parse(row.checkpoint) as ExecutionCheckpoint) : undefined;
		// EXPRESS keeps no history: it starts over, which is its at-least-once semantics.
		const lastEventId = row.type === 'STANDARD' ? row.lastEventId : 0;
		// Tokens opened after the last checkpoint belong to a task that will run again with a new one.
		const keep = new Set(checkpoint ? tokensIn(checkpoint.root) : []);
		for (const token of this.options.tokens?.forExecution(row.id) ?? []) {
			if ((token.status === 'PENDING' || token.status === 'STARTED') && !keep.has(token.token)) {
				this.options.tokens!.close(token.token, 'CLOSED', this.clock.now());
			}
		}
		return this.drive(identity, machine, input, row.id, {lastEventId, checkpoint, stop}).done;
	}

	/** Stops a running execution of this engine; false when it does not run here. */
	stop(executionArn: string, request: {error?: string; cause?: string} = {}): boolean {
		const active = this.active.get(executionArn);
		if (!active) return false;
		active.run.abort.abort(new StatesError(request.error ?? '', request.cause, {stopped: true}));
		return true;
	}

	/**
	 * Resolves with an execution's result once it has finished: from this engine
	 * when it runs here, else by watching the database (another engine runs it).
	 */
	async waitFor(executionArn: string, signal?: AbortSignal): Promise<ExecutionResult & {input?: unknown; name?: string; stateMachineArn?: string}> {
		for (;;) {
			if (signal?.aborted) throw signal.reason;
			const active = this.active.get(executionArn);
			if (active) {
				const result = await active.done;
				return {...result, input: active.run.identity.input, name: active.run.identity.name, stateMachineArn: active.run.identity.stateMachineArn};
			}
			if (this.writer?.isPending(executionArn)) {
				// Finished before its row was written: the writer's batch runs before this turn ends.
				await new Promise(resolve => setImmediate(resolve));
				continue;
			}
			const row = this.options.store?.get(executionArn);
			if (!row) throw new StatesError('StepFunctions.ExecutionDoesNotExistException', `Execution Does Not Exist: '${executionArn}'`);
			if (row.status !== 'RUNNING') {
				return {
					executionArn,
					status: row.status as FinalStatus,
					output: row.output === null ? null : JSON.parse(row.output),
					error: row.error,
					cause: row.cause,
					startDate: row.startDate,
					stopDate: row.stopDate ?? row.startDate,
					input: row.input === null ? null : JSON.parse(row.input),
					name: row.name,
					stateMachineArn: row.stateMachineArn,
				};
			}
			await new Promise(resolve => setTimeout(resolve, 100));
		}
	}

	isRunning(executionArn: string): boolean {
		return this.active.has(executionArn);
	}

	runningCount(): number {
		return this.active.size;
	}

	onFinished(listener: (result: ExecutionResult) => void): () => void {
		this.finishedListeners.add(listener);
		return () => this.finishedListeners.delete(listener);
	}

	/** Resolves when every execution running in this engine has finished. */
	async idle(): Promise<void> {
		while (this.active.size > 0) await Promise.allSettled([...this.active.values()].map(a => a.done));
	}

	flush(): void {
		this.writer?.flush();
	}

	private begin(machine: StateMachineRef, input: unknown, options: StartOptions, owner: string, writeRow: 'now' | 'withFirstBatch'): Active {
		const name = options.name ?? randomUUID();
		const identity = {...this.identity(machine, input, name), testCase: options.testCase};
		const store = this.options.store;
		let executionId: number | undefined;
		if (store) {
			this.assertNameFree(store, identity.arn, options);
			const row = {...this.row(identity, machine, options), owner};
			if (writeRow === 'now') executionId = store.insertExecution(row);
			else this.writer!.insert((executionId = store.allocateExecutionId()), row);
		}
		return this.drive(identity, machine, input, executionId, {lastEventId: 0, keepHistory: options.keepHistory});
	}

	/** StartExecution's ExecutionAlreadyExists. A generated name is a fresh UUID: only a chosen one can be taken. */
	private assertNameFree(store: ExecutionStore, arn: string, options: StartOptions): void {
		if (options.name === undefined) return;
		if (store.has(arn) || this.writer?.isPending(arn)) {
			throw new StatesError('ExecutionAlreadyExists', `Execution Already Exists: '${arn}'`);
		}
	}

	private identity(machine: StateMachineRef, input: unknown, name: string): ExecutionIdentity {
		return {
			arn: this.executionArn(machine, name),
			name,
			stateMachineArn: machine.arn,
			stateMachineName: machine.name,
			type: machine.type,
			roleArn: `arn:aws:iam::${this.options.accountId}:role/stratus-execution-role`,
			startTime: this.clock.now(),
			input,
			region: this.options.region,
			accountId: this.options.accountId,
		};
	}

	private row(identity: ExecutionIdentity, machine: StateMachineRef, options: StartOptions) {
		return {
			arn: identity.arn,
			name: identity.name,
			stateMachineArn: machine.arn,
			type: machine.type,
			status: 'RUNNING' as const,
			input: JSON.stringify(identity.input),
			startDate: identity.startTime,
			parentArn: options.parentArn ?? null,
			definition: definitionText(machine.definition),
		};
	}

	private startedDetails(identity: ExecutionIdentity): Record<string, unknown> {
		return {...payloadDetails('input', identity.input), roleArn: identity.roleArn};
	}

	private drive(
		identity: ExecutionIdentity,
		machine: StateMachineRef,
		input: unknown,
		executionId: number | undefined,
		from: {lastEventId: number; checkpoint?: ExecutionCheckpoint; keepHistory?: boolean; stop?: {error?: string; cause?: string}},
	): Active {
		const clock = this.clock;
		const memory = from.keepHistory ? new MemoryHistory() : undefined;
		let run: ExecutionRun | undefined;
		const persisted =
			machine.type === 'STANDARD' && executionId !== undefined
				? this.writer!.sinkFor(executionId, machine.definition, () => JSON.stringify({version: 1, root: checkpointOf(run!.root)} satisfies ExecutionCheckpoint))
				: undefined;
		const history = new HistoryRecorder(fanOut(memory, persisted), () => clock.now(), from.lastEventId);
		run = new ExecutionRun(identity, history, {clock, tasks: this.tasks, tokens: this.tokenWatcher, engine: this, mocks: this.options.mocks}, executionId);
		// AWS chains the first state to 0, not to ExecutionStarted: the event is recorded outside the root thread.
		if (from.lastEventId === 0) history.record(undefined, 'ExecutionStarted', history.keeps(undefined) ? this.startedDetails(identity) : undefined);
		if (from.checkpoint) restoreFrame(run, from.checkpoint.root, undefined, run.abort.signal);
		if (from.stop) run.abort.abort(new StatesError(from.stop.error ?? '', from.stop.cause, {stopped: true}));
		const active: Active = {run, done: this.settle(run, machine.definition, input, executionId, from.checkpoint, memory)};
		this.active.set(identity.arn, active);
		return active;
	}

	private async settle(
		run: ExecutionRun,
		definition: StateMachineDefinition,
		input: unknown,
		executionId: number | undefined,
		checkpoint: ExecutionCheckpoint | undefined,
		memory: MemoryHistory | undefined,
	): Promise<ExecutionResult> {
		const {identity, history} = run;
		const outcome = await this.outcome(run, definition, input, checkpoint);
		const stopDate = this.clock.now();
		let result: ExecutionResult;
		if (outcome.kind === 'succeeded') {
			history.record(run.root, 'ExecutionSucceeded', history.keeps(run.root) ? payloadDetails('output', outcome.output) : undefined);
			result = {executionArn: identity.arn, status: 'SUCCEEDED', output: outcome.output, error: null, cause: null, startDate: identity.startTime, stopDate};
		} else {
			const {error} = outcome;
			const details: Record<string, unknown> = {};
			if (error.error) details.error = error.error;
			if (error.cause !== undefined) details.cause = error.cause;
			const status: FinalStatus = outcome.kind === 'timedOut' ? 'TIMED_OUT' : outcome.kind === 'aborted' ? 'ABORTED' : 'FAILED';
			const type = status === 'TIMED_OUT' ? 'ExecutionTimedOut' : status === 'ABORTED' ? 'ExecutionAborted' : 'ExecutionFailed';
			// A failed execution always carries its details object, empty when the Fail state names nothing.
			history.record(run.root, type, status === 'FAILED' || Object.keys(details).length ? details : undefined);
			result = {
				executionArn: identity.arn,
				status,
				output: null,
				error: error.error || null,
				cause: error.cause ?? null,
				startDate: identity.startTime,
				stopDate,
			};
		}
		if (executionId !== undefined) {
			this.writer!.finish(executionId, {
				status: result.status,
				output: result.status === 'SUCCEEDED' ? (JSON.stringify(result.output) ?? 'null') : null,
				error: result.error,
				cause: result.cause,
				stopDate,
			});
		}
		this.tokenWatcher?.closeExecution(run);
		if (memory) result.events = memory.events;
		this.active.delete(identity.arn);
		for (const listener of this.finishedListeners) listener(result);
		return result;
	}

	private async outcome(
		run: ExecutionRun,
		definition: StateMachineDefinition,
		input: unknown,
		checkpoint: ExecutionCheckpoint | undefined,
	): Promise<{kind: 'succeeded'; output: unknown} | {kind: 'failed' | 'timedOut' | 'aborted'; error: StatesError}> {
		const timeoutSeconds = definition.TimeoutSeconds;
		let timer: Promise<never> | undefined;
		// Only with a timeout: aborting a controller builds a DOMException, a stack trace and all, per execution.
		let stopTimer: AbortController | undefined;
		if (timeoutSeconds !== undefined) {
			stopTimer = new AbortController();
			timer = run.clock.sleepUntil(run.identity.startTime + timeoutSeconds * 1000, stopTimer.signal).then(() => {
				const error = new StatesError(ErrorName.Timeout, undefined);
				run.abort.abort(error);
				throw error;
			});
			timer.catch(() => {});
		}
		try {
			const work = runStates(run.root, definition, input, checkpoint?.root.position);
			const output = await (timer ? Promise.race([work, timer]) : work);
			const size = Buffer.byteLength(JSON.stringify(output) ?? '');
			if (size > MAX_PAYLOAD_BYTES) {
				return {
					kind: 'failed',
					error: new StatesError(ErrorName.DataLimitExceeded, 'The state/task returned a result with a size exceeding the maximum number of bytes service limit.'),
				};
			}
			return {kind: 'succeeded', output};
		} catch (thrown) {
			const aborted = run.abort.signal.aborted;
			const error = toStatesError(aborted ? run.abort.signal.reason : thrown);
			if (aborted && error.error === ErrorName.Timeout && !isStop(error)) return {kind: 'timedOut', error: new StatesError('', undefined)};
			if (aborted) return {kind: 'aborted', error};
			return {kind: 'failed', error};
		} finally {
			stopTimer?.abort();
		}
	}

	private requireStore(): ExecutionStore {
		if (!this.options.store) throw new Error('this engine has no database');
		return this.options.store;
	}
}

const definitionTexts = new WeakMap<StateMachineDefinition, string>();

/** Every execution row stores its definition; a machine run many times serialises it once. */
function definitionText(definition: StateMachineDefinition): string {
	let text = definitionTexts.get(definition);
	if (text === undefined) {
		text = JSON.stringify(definition);
		definitionTexts.set(definition, text);
	}
	return text;
}

function tokensIn(thread: ThreadCheckpoint): string[] {
	const own = thread.position?.taskToken ? [thread.position.taskToken] : [];
	const children = thread.position?.children;
	if (children?.kind === 'parallel') {
		return own.concat(children.branches.flatMap(b => (!b.done && b.thread ? tokensIn(b.thread) : [])));
	}
	if (children?.kind === 'map') return own.concat(Object.values(children.running).flatMap(tokensIn));
	return own;
}

function isStop(error: StatesError): boolean {
	return (error.origin as {stopped?: boolean} | undefined)?.stopped === true;
}

function fanOut(a: HistorySink | undefined, b: HistorySink | undefined): HistorySink | undefined {
	if (a && b) return {append: e => (a.append(e), b.append(e))};
	return a ?? b;
}
