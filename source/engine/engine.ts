/**
 * The engine: starts executions of state machines, runs them to their end, and
 * records them. STANDARD executions persist every history event through the
 * batching writer; EXPRESS executions keep only their summary row.
 */
import {randomUUID} from 'node:crypto';
import type {StateMachineDefinition} from '../asl/definition.js';
import {ErrorName, StatesError, toStatesError} from '../asl/statesError.js';
import type {ExecutionStatus, ExecutionStore} from '../store/executions.js';
import type {Clock} from './clock.js';
import {ExecutionRun, type ExecutionIdentity} from './execution.js';
import {payloadDetails, type HistoryEvent} from './historyEvent.js';
import {HistoryRecorder, MemoryHistory, type HistorySink} from './historyRecorder.js';
import {HistoryWriter} from './historyWriter.js';
import {runStates} from './interpreter.js';
import type {LambdaInvoker} from './tasks/lambdaInvoker.js';
import {createTaskResources} from './tasks/defaultTaskResources.js';
import type {TaskIntegration} from './tasks/taskResources.js';

export interface StateMachineRef {
	arn: string;
	name: string;
	type: 'STANDARD' | 'EXPRESS';
	definition: StateMachineDefinition;
}

export interface ExecutionResult {
	executionArn: string;
	status: Exclude<ExecutionStatus, 'RUNNING' | 'PENDING_REDRIVE'>;
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
	clock: Clock;
	region: string;
	accountId: string;
	lambda?: () => LambdaInvoker | undefined;
	integrations?: TaskIntegration[];
}

/** Payloads above 256 KiB fail the execution, as on AWS. */
const MAX_PAYLOAD_BYTES = 256 * 1024;

export class Engine {
	readonly writer?: HistoryWriter;
	private readonly tasks;

	constructor(readonly options: EngineOptions) {
		if (options.store) this.writer = new HistoryWriter(options.store);
		this.tasks = createTaskResources({lambda: options.lambda, region: options.region, extra: options.integrations});
	}

	get clock(): Clock {
		return this.options.clock;
	}

	executionArn(machine: StateMachineRef, name: string): string {
		const kind = machine.type === 'EXPRESS' ? 'express' : 'execution';
		return machine.arn.replace(':stateMachine:', `:${kind}:`) + `:${name}`;
	}

	async run(machine: StateMachineRef, input: unknown, options: {name?: string; keepHistory?: boolean} = {}): Promise<ExecutionResult> {
		const {store} = this.options;
		const clock = this.clock;
		const name = options.name ?? randomUUID();
		const startTime = clock.now();
		const identity: ExecutionIdentity = {
			arn: this.executionArn(machine, name),
			name,
			stateMachineArn: machine.arn,
			stateMachineName: machine.name,
			type: machine.type,
			roleArn: `arn:aws:iam::${this.options.accountId}:role/stratus-execution-role`,
			startTime,
			input,
			region: this.options.region,
			accountId: this.options.accountId,
		};
		const inputText = JSON.stringify(input);
		const executionId = store?.insertExecution({
			arn: identity.arn,
			name,
			stateMachineArn: machine.arn,
			type: machine.type,
			status: 'RUNNING',
			input: inputText,
			startDate: startTime,
			definition: JSON.stringify(machine.definition),
		});
		const memory = options.keepHistory ? new MemoryHistory() : undefined;
		const persisted = machine.type === 'STANDARD' && executionId !== undefined ? this.writer!.sinkFor(executionId) : undefined;
		const sink = fanOut(memory, persisted);
		const history = new HistoryRecorder(sink, () => clock.now());
		const run = new ExecutionRun(identity, history, {clock, tasks: this.tasks});

		history.record(undefined, 'ExecutionStarted', {...payloadDetails('input', input), roleArn: identity.roleArn});
		const outcome = await this.settle(run, machine.definition, input);
		const stopDate = clock.now();
		let result: ExecutionResult;
		if (outcome.kind === 'succeeded') {
			history.record(undefined, 'ExecutionSucceeded', payloadDetails('output', outcome.output));
			result = {executionArn: identity.arn, status: 'SUCCEEDED', output: outcome.output, error: null, cause: null, startDate: startTime, stopDate};
		} else {
			const {error} = outcome;
			const details: Record<string, unknown> = {};
			if (error.error) details.error = error.error;
			if (error.cause !== undefined) details.cause = error.cause;
			const status = outcome.kind === 'timedOut' ? 'TIMED_OUT' : outcome.kind === 'aborted' ? 'ABORTED' : 'FAILED';
			const type = status === 'TIMED_OUT' ? 'ExecutionTimedOut' : status === 'ABORTED' ? 'ExecutionAborted' : 'ExecutionFailed';
			history.record(undefined, type, Object.keys(details).length ? details : undefined);
			result = {
				executionArn: identity.arn,
				status,
				output: null,
				error: error.error || null,
				cause: error.cause ?? null,
				startDate: startTime,
				stopDate,
			};
		}
		if (executionId !== undefined) {
			this.writer!.finish(executionId, {
				status: result.status,
				output: result.status === 'SUCCEEDED' ? JSON.stringify(result.output) ?? 'null' : null,
				error: result.error,
				cause: result.cause,
				stopDate,
			});
		}
		if (memory) result.events = memory.events;
		return result;
	}

	private async settle(
		run: ExecutionRun,
		definition: StateMachineDefinition,
		input: unknown,
	): Promise<{kind: 'succeeded'; output: unknown} | {kind: 'failed' | 'timedOut' | 'aborted'; error: StatesError}> {
		const timeoutSeconds = definition.TimeoutSeconds;
		let timer: Promise<never> | undefined;
		const stopTimer = new AbortController();
		if (timeoutSeconds !== undefined) {
			timer = run.clock.sleepUntil(run.identity.startTime + timeoutSeconds * 1000, stopTimer.signal).then(() => {
				const error = new StatesError(ErrorName.Timeout, undefined);
				run.abort.abort(error);
				throw error;
			});
			timer.catch(() => {});
		}
		try {
			const work = runStates(run.rootFrame(), definition, input);
			const output = await (timer ? Promise.race([work, timer]) : work);
			const size = Buffer.byteLength(JSON.stringify(output) ?? '');
			if (size > MAX_PAYLOAD_BYTES) {
				return {
					kind: 'failed',
					error: new StatesError(ErrorName.DataLimitExceeded, `The state/task returned a result with a size exceeding the maximum number of bytes service limit.`),
				};
			}
			return {kind: 'succeeded', output};
		} catch (thrown) {
			const reason = run.abort.signal.aborted ? run.abort.signal.reason : thrown;
			const error = toStatesError(reason);
			if (run.abort.signal.aborted && error.error === ErrorName.Timeout) return {kind: 'timedOut', error: new StatesError('', undefined)};
			if (run.abort.signal.aborted) return {kind: 'aborted', error};
			return {kind: 'failed', error};
		} finally {
			stopTimer.abort();
		}
	}

	flush(): void {
		this.writer?.flush();
	}
}

function fanOut(a: HistorySink | undefined, b: HistorySink | undefined): HistorySink | undefined {
	if (a && b) return {append: e => (a.append(e), b.append(e))};
	return a ?? b;
}
