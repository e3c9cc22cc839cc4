/**
 * A WorkbenchBackend held in memory: the workbench's tests and its bench run on it,
 * and it is what a pane looks like with no engine behind it. Its actions work on
 * the data the way the live engine's would (a started execution appears RUNNING with
 * its first state entered, an approved task's state exits, a stopped execution is
 * ABORTED), and every call is recorded in `calls` so tests can check what a key did.
 *
 * Changes replace objects and arrays instead of editing them, as new rows from a
 * database would: the workbench memoises on identity.
 */
import {randomUUID} from 'node:crypto';
import type {HistoryEvent} from '../engine/historyEvent.js';
import {
	BackendError,
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
import {scheduleSummaryOf, type ScheduleSource} from './scheduleSummary.js';

export type MemorySchedule = ScheduleSource;

export interface MemoryData {
	functions: FunctionSummary[];
	/** Newest first. */
	invocations: Invocation[];
	sampleEvents: Record<string, SampleEvent[]>;
	/** What `invoke` runs; a function without one echoes its event. */
	handlers: Record<string, (event: unknown) => unknown>;
	machines: MachineSummary[];
	/** Newest first. */
	executions: ExecutionDetail[];
	/** Histories by execution ARN, as written by actions; `historyOf` makes the missing ones when read. */
	histories: Map<string, HistoryEvent[]>;
	historyOf?: (execution: ExecutionDetail) => HistoryEvent[];
	/** Oldest first. */
	tasks: PendingTask[];
	schedules: MemorySchedule[];
	/** Newest first. */
	fires: ScheduleFire[];
}

export interface BackendCall {
	action: 'startExecution' | 'stopExecution' | 'approve' | 'reject' | 'invoke';
	args: string[];
}

export function emptyMemoryData(): MemoryData {
	return {
		functions: [],
		invocations: [],
		sampleEvents: {},
		handlers: {},
		machines: [],
		executions: [],
		histories: new Map(),
		tasks: [],
		schedules: [],
		fires: [],
	};
}

/** As many as the live backend keeps parsed. */
const MADE_HISTORIES_KEPT = 8;

export class MemoryBackend implements WorkbenchBackend {
	readonly calls: BackendCall[] = [];
	private readonly listeners = new Set<() => void>();
	private readonly byArn = new Map<string, ExecutionDetail>();
	/**
	 * Histories made by `historyOf`, the last few read. A real store keeps histories on
	 * disk and the live backend holds the last few it parsed; this one keeps no more,
	 * so that memory measured over it (the bench) is the workbench's, not a history of
	 * every execution ever looked at.
	 */
	private readonly made = new Map<string, HistoryEvent[]>();
	private statsCache: FunctionStats[] | undefined;

	constructor(
		readonly data: MemoryData = emptyMemoryData(),
		private readonly now: () => number = Date.now,
	) {
		for (const execution of data.executions) this.byArn.set(execution.executionArn, execution);
	}

	functions(): FunctionSummary[] {
		return this.data.functions;
	}

	functionStats(): FunctionStats[] {
		this.statsCache ??= statsOf(this.data.invocations);
		return this.statsCache;
	}

	invocations(functionName: string, limit = 50): Invocation[] {
		const out: Invocation[] = [];
		for (const invocation of this.data.invocations) {
			if (invocation.functionName !== functionName) continue;
			out.push(invocation);
			if (out.length >= limit) break;
		}
		return out;
	}

	sampleEvents(functionName: string): SampleEvent[] {
		return this.data.sampleEvents[functionName] ?? [];
	}

	stateMachines(): MachineSummary[] {
		return this.data.machines;
	}

	executions(filter: ExecutionFilter = {}): ExecutionSummary[] {
		let list: ExecutionDetail[] = this.data.executions;
		if (filter.stateMachineArn || filter.status) {
			list = list.filter(
				e => (!filter.stateMachineArn || e.stateMachineArn === filter.stateMachineArn) && (!filter.status || e.status === filter.status),
			);
		}
		return filter.limit ? list.slice(0, filter.limit) : list;
	}

	execution(executionArn: string): ExecutionDetail | undefined {
		return this.byArn.get(executionArn);
	}

	history(executionArn: string): HistoryEvent[] {
		const written = this.data.histories.get(executionArn);
		if (written) return written;
		let events = this.made.get(executionArn);
		if (events) this.made.delete(executionArn);
		else {
			const execution = this.byArn.get(executionArn);
			if (!execution || !this.data.historyOf) return [];
			events = this.data.historyOf(execution);
			if (this.made.size >= MADE_HISTORIES_KEPT) this.made.delete(this.made.keys().next().value!);
		}
		this.made.set(executionArn, events);
		return events;
	}

	pendingTasks(): PendingTask[] {
		return this.data.tasks;
	}

	schedules(): ScheduleSummary[] {
		const now = new Date(this.now());
		return this.data.schedules.map(s => scheduleSummaryOf(s, now, this.data.fires.find(f => f.scheduleName === s.name) ?? null));
	}

	scheduleFires(limit: number): ScheduleFire[] {
		return this.data.fires.slice(0, limit);
	}

	async startExecution(machineName: string, input: string): Promise<{executionArn: string}> {
		this.calls.push({action: 'startExecution', args: [machineName, input]});
		const machine = this.data.machines.find(m => m.name === machineName || m.arn === machineName);
		if (!machine) throw new BackendError('StateMachineDoesNotExist', `State Machine Does Not Exist: '${machineName}'`);
		JSON.parse(input);
		const name = randomUUID();
		const now = this.now();
		const executionArn = machine.arn.replace(':stateMachine:', machine.type === 'EXPRESS' ? ':express:' : ':execution:') + `:${name}`;
		const execution: ExecutionDetail = {
			executionArn,
			name,
			stateMachineArn: machine.arn,
			machineName: machine.name,
			status: 'RUNNING',
			startDate: now,
			stopDate: null,
			input,
			output: null,
			error: null,
			cause: null,
			definition: machine.definition,
		};
		const first = machine.definition.States[machine.definition.StartAt];
		const events: HistoryEvent[] = [
			{id: 1, previousEventId: 0, type: 'ExecutionStarted', timestamp: now, details: {input, inputDetails: {truncated: false}}},
		];
		if (first) {
			events.push({
				id: 2,
				previousEventId: 0,
				type: `${first.Type}StateEntered`,
				timestamp: now,
				details: {name: machine.definition.StartAt, input, inputDetails: {truncated: false}},
			});
		}
		this.data.executions = [execution, ...this.data.executions];
		this.byArn.set(executionArn, execution);
		this.data.histories.set(executionArn, events);
		this.notify();
		return {executionArn};
	}

	async stopExecution(executionArn: string, error?: string, cause?: string): Promise<void> {
		this.calls.push({action: 'stopExecution', args: [executionArn, error ?? '', cause ?? '']});
		const execution = this.byArn.get(executionArn);
		if (!execution) throw new BackendError('ExecutionDoesNotExist', `Execution Does Not Exist: '${executionArn}'`);
		if (execution.status !== 'RUNNING') return;
		const now = this.now();
		this.replaceExecution({...execution, status: 'ABORTED', stopDate: now, error: error ?? null, cause: cause ?? null});
		const events = this.history(executionArn);
		const details: Record<string, unknown> = {};
		if (error) details.error = error;
		if (cause) details.cause = cause;
		this.data.histories.set(executionArn, [
			...events,
			{id: events.length + 1, previousEventId: events.length, type: 'ExecutionAborted', timestamp: now, details},
		]);
		this.data.tasks = this.data.tasks.filter(t => t.executionArn !== executionArn);
		this.notify();
	}

	async approve(taskToken: string, output: string): Promise<void> {
		this.calls.push({action: 'approve', args: [taskToken, output]});
		JSON.parse(output);
		const task = this.take(taskToken);
		this.answer(task, 'TaskSucceeded', {output, outputDetails: {truncated: false}});
	}

	async reject(taskToken: string, error: string, cause: string): Promise<void> {
		this.calls.push({action: 'reject', args: [taskToken, error, cause]});
		const task = this.take(taskToken);
		this.answer(task, 'TaskFailed', {error, cause});
	}

	async invoke(functionName: string, payload: string): Promise<InvokeResult> {
		this.calls.push({action: 'invoke', args: [functionName, payload]});
		const fn = this.data.functions.find(f => f.name === functionName);
		if (!fn) throw new BackendError('ResourceNotFoundException', `Function not found: ${functionName}`);
		const requestId = randomUUID();
		const started = this.now();
		let status: Invocation['status'] = 'SUCCEEDED';
		let response: string;
		let errorType: string | null = null;
		try {
			const handler = this.data.handlers[functionName];
			const event = JSON.parse(payload) as unknown;
			response = JSON.stringify(handler ? await handler(event) : event) ?? 'null';
		} catch (e) {
			status = 'FAILED';
			errorType = (e as Error).name || 'Error';
			response = JSON.stringify({errorType, errorMessage: (e as Error).message});
		}
		const durationMs = Math.max(1, this.now() - started);
		const billed = Math.ceil(durationMs);
		const logs = [
			`START RequestId: ${requestId} Version: $LATEST`,
			`END RequestId: ${requestId}`,
			`REPORT RequestId: ${requestId}\tDuration: ${durationMs.toFixed(2)} ms\tBilled Duration: ${billed} ms\tMemory Size: ${fn.memorySize} MB\tMax Memory Used: ${Math.min(fn.memorySize, 64)} MB`,
		];
		this.data.invocations = [{
			requestId,
			functionName,
			version: '$LATEST',
			startTime: started,
			durationMs,
			billedDurationMs: billed,
			initDurationMs: null,
			memorySizeMb: fn.memorySize,
			maxMemoryUsedMb: Math.min(fn.memorySize, 64),
			status,
			errorType,
			cost: (billed / 1000) * (fn.memorySize / 1024) * 0.0000166667 + 0.0000002,
			logs,
		}, ...this.data.invocations];
		this.statsCache = undefined;
		this.notify();
		return {
			statusCode: 200,
			functionError: status === 'SUCCEEDED' ? undefined : 'Unhandled',
			payload: response,
			executedVersion: '$LATEST',
			requestId,
			logs,
		};
	}

	subscribe(listener: () => void): Unsubscribe {
		this.listeners.add(listener);
		return () => this.listeners.delete(listener);
	}

	close(): void {
		this.listeners.clear();
	}

	/** Tells subscribers the data changed (tests that edit `data` directly call it). */
	notify(): void {
		this.statsCache = undefined;
		for (const listener of this.listeners) listener();
	}

	private replaceExecution(updated: ExecutionDetail): void {
		const old = this.byArn.get(updated.executionArn);
		this.byArn.set(updated.executionArn, updated);
		this.data.executions = this.data.executions.map(e => (e === old ? updated : e));
	}

	private take(taskToken: string): PendingTask {
		const task = this.data.tasks.find(t => t.taskToken === taskToken);
		if (!task) throw new BackendError('TaskDoesNotExist', `Task Does Not Exist: '${taskToken}'`);
		this.data.tasks = this.data.tasks.filter(t => t !== task);
		return task;
	}

	/** The task's state ends with the answer: succeeded moves on, failed fails the execution. */
	private answer(task: PendingTask, type: 'TaskSucceeded' | 'TaskFailed', details: Record<string, unknown>): void {
		const execution = this.byArn.get(task.executionArn);
		if (execution) {
			const events = [...this.history(task.executionArn)];
			const now = this.now();
			const entered = [...events].reverse().find(e => e.type.endsWith('StateEntered') && e.details?.name === task.stateName);
			const stateType = entered ? entered.type.slice(0, -'StateEntered'.length) : 'Task';
			const push = (eventType: string, eventDetails?: Record<string, unknown>) => {
				const last = events[events.length - 1];
				events.push({id: events.length + 1, previousEventId: last ? last.id : 0, type: eventType as HistoryEvent['type'], timestamp: now, details: eventDetails});
			};
			push(type, {resourceType: 'lambda', resource: 'invoke.waitForTaskToken', ...details});
			if (type === 'TaskSucceeded') {
				push(`${stateType}StateExited`, {name: task.stateName, output: details.output, outputDetails: {truncated: false}});
			} else {
				push('ExecutionFailed', {error: details.error, cause: details.cause});
				this.replaceExecution({...execution, status: 'FAILED', stopDate: now, error: String(details.error), cause: String(details.cause)});
			}
			this.data.histories.set(task.executionArn, events);
		}
		this.notify();
	}
}

/** Per-function totals with nearest-rank percentiles, as the store computes them. */
export function statsOf(invocations: readonly Invocation[]): FunctionStats[] {
	const groups = new Map<string, Invocation[]>();
	for (const invocation of invocations) {
		let list = groups.get(invocation.functionName);
		if (!list) groups.set(invocation.functionName, (list = []));
		list.push(invocation);
	}
	return [...groups].map(([functionName, list]) => {
		const durations = list.map(i => i.durationMs).sort((a, b) => a - b);
		const rank = (p: number) => durations[Math.max(0, Math.ceil((p / 100) * durations.length) - 1)];
		return {
			functionName,
			invocations: list.length,
			errors: list.filter(i => i.status !== 'SUCCEEDED').length,
			p50DurationMs: rank(50),
			p95DurationMs: rank(95),
			cost: list.reduce((sum, i) => sum + i.cost, 0),
			lastInvokedAt: list.reduce((max, i) => Math.max(max, i.startTime), 0),
		};
	});
}
