/**
 * A believable workbench in memory: an order workflow with a Choice, a Parallel, a
 * Map, a retried Lambda and a human approval; four functions with invocations and
 * logs; schedules and their fires; and as many executions as asked, each with a
 * history made on first read by walking its definition the way the engine records
 * one (same event types, same previousEventId threading). Tests and the bench build
 * their MemoryBackend from it.
 */
import type {State, StateMachineDefinition} from '../asl/definition.js';
import {itemProcessorOf} from '../asl/definition.js';
import type {HistoryEvent} from '../engine/historyEvent.js';
import type {ExecutionStatus} from '../store/executions.js';
import type {ExecutionDetail, FunctionSummary, Invocation, MachineSummary, PendingTask, ScheduleFire} from './backend.js';
import {MemoryBackend, type MemoryData} from './memoryBackend.js';

const REGION = 'us-east-1';
const ACCOUNT = '123456789012';
const lambdaArn = (name: string) => `arn:aws:lambda:${REGION}:${ACCOUNT}:function:${name}`;
const machineArn = (name: string) => `arn:aws:states:${REGION}:${ACCOUNT}:stateMachine:${name}`;

export const orderWorkflow: StateMachineDefinition = {
	Comment: 'Validate, charge and reserve, pack each item, wait for a human, ship.',
	StartAt: 'ValidateOrder',
	States: {
		ValidateOrder: {
			Type: 'Task',
			Resource: 'arn:aws:states:::lambda:invoke',
			Parameters: {FunctionName: lambdaArn('ValidateOrder'), 'Payload.$': '$'},
			ResultSelector: {'order.$': '$.Payload'},
			Catch: [{ErrorEquals: ['InvalidOrder'], Next: 'Rejected'}],
			Next: 'InStock',
		},
		InStock: {
			Type: 'Choice',
			Choices: [{Variable: '$.order.inStock', BooleanEquals: true, Next: 'Fulfil'}],
			Default: 'Backorder',
		},
		Backorder: {Type: 'Wait', Seconds: 3600, Next: 'Fulfil'},
		Fulfil: {
			Type: 'Parallel',
			Branches: [
				{
					StartAt: 'ChargeCard',
					States: {
						ChargeCard: {
							Type: 'Task',
							Resource: 'arn:aws:states:::lambda:invoke',
							Parameters: {FunctionName: lambdaArn('ChargeCard'), 'Payload.$': '$'},
							Retry: [{ErrorEquals: ['CardDeclinedTemporarily'], MaxAttempts: 3, IntervalSeconds: 2}],
							End: true,
						},
					},
				},
				{StartAt: 'ReserveStock', States: {ReserveStock: {Type: 'Pass', Result: {reserved: true}, End: true}}},
			],
			ResultPath: '$.fulfilment',
			Next: 'PackItems',
		},
		PackItems: {
			Type: 'Map',
			ItemsPath: '$.order.items',
			MaxConcurrency: 4,
			ItemProcessor: {StartAt: 'PackItem', States: {PackItem: {Type: 'Pass', End: true}}},
			ResultPath: '$.packed',
			Next: 'WaitForApproval',
		},
		WaitForApproval: {
			Type: 'Task',
			Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken',
			Parameters: {FunctionName: lambdaArn('NotifyApprover'), Payload: {'order.$': '$.order', 'token.$': '$$.Task.Token'}},
			HeartbeatSeconds: 3600,
			ResultPath: '$.approval',
			Next: 'ShipOrder',
		},
		ShipOrder: {
			Type: 'Task',
			Resource: lambdaArn('ShipOrder'),
			Next: 'Done',
		},
		Done: {Type: 'Succeed'},
		Rejected: {Type: 'Fail', Error: 'OrderRejected', Cause: 'The order did not validate'},
	},
};

const thumbnailBatch: StateMachineDefinition = {
	StartAt: 'ListImages',
	States: {
		ListImages: {Type: 'Pass', Result: ['a.png', 'b.png', 'c.png'], ResultPath: '$.images', Next: 'Resize'},
		Resize: {
			Type: 'Map',
			ItemsPath: '$.images',
			ItemProcessor: {StartAt: 'Thumbnail', States: {Thumbnail: {Type: 'Task', Resource: lambdaArn('Thumbnail'), End: true}}},
			End: true,
		},
	},
};

/** A machine of `count` states (nested ones included): a long chain with Choices, a Parallel and a Map. */
export function largeMachine(count: number): StateMachineDefinition {
	const states: Record<string, State> = {};
	const names: string[] = [];
	let made = 0;
	const name = (i: number) => `Step${String(i).padStart(3, '0')}`;
	let i = 0;
	while (made < count) {
		const here = name(i);
		const next = name(i + 1);
		const left = count - made;
		if (i > 0 && i % 25 === 0 && left >= 4) {
			states[here] = {
				Type: 'Parallel',
				Branches: [
					{StartAt: `${here}A`, States: {[`${here}A`]: {Type: 'Pass', End: true}}},
					{StartAt: `${here}B`, States: {[`${here}B`]: {Type: 'Task', Resource: lambdaArn('ShipOrder'), End: true}}},
				],
				Next: next,
			};
			made += 3;
		} else if (i > 0 && i % 40 === 0 && left >= 3) {
			states[here] = {
				Type: 'Map',
				ItemProcessor: {StartAt: `${here}Item`, States: {[`${here}Item`]: {Type: 'Pass', End: true}}},
				Next: next,
			};
			made += 2;
		} else if (i > 0 && i % 10 === 0) {
			states[here] = {Type: 'Choice', Choices: [{Variable: '$.skip', BooleanEquals: true, Next: next}], Default: next};
			made += 1;
		} else if (i % 3 === 0) {
			states[here] = {Type: 'Task', Resource: lambdaArn('ValidateOrder'), Retry: [{ErrorEquals: ['States.Timeout'], MaxAttempts: 2}], Next: next};
			made += 1;
		} else {
			states[here] = {Type: 'Pass', Next: next};
			made += 1;
		}
		names.push(here);
		i++;
	}
	const last = states[names[names.length - 1]] as State & {Next?: string; End?: boolean; Default?: string; Choices?: unknown[]};
	if (last.Type === 'Choice') states[names[names.length - 1]] = {Type: 'Succeed'};
	else {
		delete last.Next;
		last.End = true;
	}
	return {StartAt: names[0], States: states};
}

export interface SampleOptions {
	/** How many executions (default 40). */
	executions?: number;
	/** Add a machine of this many states, named `LargeWorkflow` (the bench's). */
	largeMachineStates?: number;
	/** The instant the data is relative to (default now). */
	now?: number;
}

export function sampleWorkbenchData(options: SampleOptions = {}): MemoryData {
	const now = options.now ?? Date.now();
	const functions: FunctionSummary[] = [
		fn('ValidateOrder', 'nodejs20.x', 256, 10, ['1', '2'], [{name: 'live', functionVersion: '2'}]),
		fn('ChargeCard', 'python3.12', 512, 30, ['1'], [{name: 'live', functionVersion: '1'}]),
		fn('ShipOrder', 'nodejs20.x', 128, 3, [], []),
		fn('Thumbnail', 'nodejs20.x', 1024, 60, [], []),
	];
	const invocations: Invocation[] = [];
	functions.forEach((f, fi) => {
		for (let k = 0; k < 12 - fi * 2; k++) {
			const requestId = `${fi}${k}000000-aaaa-4bbb-8ccc-${String(k).padStart(12, '0')}`;
			const durationMs = 20 + ((k * 37 + fi * 11) % 180);
			const failed = k % 7 === 3;
			const billed = Math.ceil(durationMs);
			invocations.push({
				requestId,
				functionName: f.name,
				version: '$LATEST',
				startTime: now - (k + 1) * 95_000 - fi * 7_000,
				durationMs,
				billedDurationMs: billed,
				initDurationMs: k === 11 - fi * 2 ? 180.5 : null,
				memorySizeMb: f.memorySize,
				maxMemoryUsedMb: Math.min(f.memorySize, 48 + k),
				status: failed ? 'FAILED' : 'SUCCEEDED',
				errorType: failed ? 'ValidationError' : null,
				cost: (billed / 1000) * (f.memorySize / 1024) * 0.0000166667 + 0.0000002,
				logs: [
					`START RequestId: ${requestId} Version: $LATEST`,
					`${new Date(now).toISOString()}\t${requestId}\tINFO\thandling ${f.name} request ${k}`,
					...(failed ? [`${new Date(now).toISOString()}\t${requestId}\tERROR\tInvoke Error \t{"errorType":"ValidationError","errorMessage":"missing field sku"}`] : []),
					`END RequestId: ${requestId}`,
					`REPORT RequestId: ${requestId}\tDuration: ${durationMs.toFixed(2)} ms\tBilled Duration: ${billed} ms\tMemory Size: ${f.memorySize} MB\tMax Memory Used: ${Math.min(f.memorySize, 48 + k)} MB`,
				],
			});
		}
	});
	invocations.sort((a, b) => b.startTime - a.startTime);

	const machines: MachineSummary[] = [
		{name: 'OrderWorkflow', arn: machineArn('OrderWorkflow'), type: 'STANDARD', definition: orderWorkflow},
		{name: 'ThumbnailBatch', arn: machineArn('ThumbnailBatch'), type: 'STANDARD', definition: thumbnailBatch},
	];
	if (options.largeMachineStates) {
		machines.push({name: 'LargeWorkflow', arn: machineArn('LargeWorkflow'), type: 'STANDARD', definition: largeMachine(options.largeMachineStates)});
	}

	const count = options.executions ?? 40;
	const executions: ExecutionDetail[] = [];
	const tasks: PendingTask[] = [];
	for (let k = 0; k < count; k++) {
		const machine = machines[k % 5 === 4 ? 1 : options.largeMachineStates && k % 3 === 2 ? 2 : 0];
		const status = statusFor(k);
		const startDate = now - k * 37_000 - 5_000;
		const name = `${machine.name.toLowerCase()}-${String(count - k).padStart(5, '0')}`;
		const executionArn = machine.arn.replace(':stateMachine:', ':execution:') + `:${name}`;
		const input = JSON.stringify({orderId: `o-${count - k}`, order: {items: ['sku-1', 'sku-2', 'sku-3'], inStock: k % 4 !== 1}});
		executions.push({
			executionArn,
			name,
			stateMachineArn: machine.arn,
			machineName: machine.name,
			status,
			startDate,
			stopDate: status === 'RUNNING' ? null : startDate + 1200 + (k % 13) * 310,
			input,
			output: status === 'SUCCEEDED' ? JSON.stringify({orderId: `o-${count - k}`, shipped: true}) : null,
			error: status === 'FAILED' ? 'OrderRejected' : status === 'TIMED_OUT' ? 'States.Timeout' : null,
			cause: status === 'FAILED' ? 'The order did not validate' : null,
			definition: machine.definition,
		});
		if (status === 'RUNNING' && machine.name === 'OrderWorkflow') {
			tasks.push({
				taskToken: `AAAAKgAAAAIAAAAAAAAAA${String(k).padStart(4, '0')}tokenForApproval${k}`,
				kind: 'callback',
				activityArn: null,
				executionArn,
				stateName: 'WaitForApproval',
				input: JSON.stringify({order: {orderId: `o-${count - k}`, total: 42.5 + k}, token: '…'}),
				createdAt: startDate + 900,
				heartbeatDeadline: startDate + 900 + 3_600_000,
				timeoutDeadline: null,
				started: false,
			});
		}
	}
	tasks.sort((a, b) => a.createdAt - b.createdAt);

	const fires: ScheduleFire[] = [];
	for (let k = 0; k < 8; k++) {
		fires.push({
			scheduleName: 'PollInventory/Every5Minutes',
			time: now - (k + 1) * 300_000,
			target: lambdaArn('ShipOrder'),
			result: k === 2 ? 'FAILED' : 'SUCCEEDED',
			detail: k === 2 ? 'Task timed out after 3.00 seconds' : `request ${k}`,
		});
	}
	fires.push({scheduleName: 'NightlyReport/Nightly', time: now - 9 * 3_600_000, target: machineArn('OrderWorkflow'), result: 'SUCCEEDED'});
	fires.sort((a, b) => b.time - a.time);

	return {
		functions,
		invocations,
		sampleEvents: {
			ValidateOrder: [
				{name: 'order.json', source: 'events/order.json', payload: JSON.stringify({orderId: 'o-1', items: ['sku-1'], total: 12.5})},
				{name: 'bad-order.json', source: 'events/bad-order.json', payload: JSON.stringify({orderId: 'o-2', items: []})},
			],
		},
		handlers: {
			ValidateOrder: event => {
				const order = event as {items?: unknown[]};
				if (!order.items?.length) throw Object.assign(new Error('an order needs items'), {name: 'InvalidOrder'});
				return {...order, valid: true};
			},
		},
		machines,
		executions,
		histories: new Map(),
		historyOf: execution => syntheticHistory(execution, tasks.find(t => t.executionArn === execution.executionArn)?.stateName),
		tasks,
		schedules: [
			{name: 'PollInventory/Every5Minutes', expression: 'rate(5 minutes)', timezone: 'UTC', enabled: true, target: lambdaArn('ShipOrder')},
			{name: 'NightlyReport/Nightly', expression: 'cron(0 2 * * ? *)', timezone: 'Europe/London', enabled: true, target: machineArn('OrderWorkflow')},
			{name: 'Launch/Once', expression: 'at(2031-01-01T09:00:00)', timezone: 'America/New_York', enabled: true, target: machineArn('OrderWorkflow')},
			{name: 'Cleanup/Weekdays', expression: 'cron(30 18 ? * MON-FRI *)', timezone: 'UTC', enabled: false, target: lambdaArn('Thumbnail')},
		],
		fires,
	};
}

export function sampleBackend(options: SampleOptions = {}): MemoryBackend {
	const data = sampleWorkbenchData(options);
	return new MemoryBackend(data, options.now === undefined ? Date.now : () => options.now!);
}

function fn(
	name: string,
	runtime: string,
	memorySize: number,
	timeout: number,
	versions: string[],
	aliases: FunctionSummary['aliases'],
): FunctionSummary {
	return {name, arn: lambdaArn(name), runtime, handler: 'index.handler', memorySize, timeout, versions, aliases};
}

function statusFor(k: number): ExecutionStatus {
	if (k % 50 === 1) return 'RUNNING';
	if (k % 10 === 3) return 'FAILED';
	if (k % 97 === 5) return 'ABORTED';
	if (k % 89 === 7) return 'TIMED_OUT';
	return 'SUCCEEDED';
}

/**
 * The history an execution of this status would have: a succeeded one walks to the
 * end, a failed one fails a few states in, a running one stops at `waitingAt` (or a
 * few states in) with that state still open.
 */
export function syntheticHistory(execution: ExecutionDetail, waitingAt?: string): HistoryEvent[] {
	const events: HistoryEvent[] = [];
	let clock = execution.startDate;
	const record = (thread: {previous: number}, type: string, details?: Record<string, unknown>): number => {
		const id = events.length + 1;
		events.push({id, previousEventId: thread.previous, type: type as HistoryEvent['type'], timestamp: clock, details});
		thread.previous = id;
		clock += 45;
		return id;
	};
	const seed = execution.name.length + execution.startDate;
	let budget = execution.status === 'SUCCEEDED' ? Number.POSITIVE_INFINITY : 3 + (seed % 4);
	const stopping = execution.status !== 'SUCCEEDED';
	const payload = (value: string) => ({input: value, inputDetails: {truncated: false}});

	type Walk = 'done' | 'stopped' | 'failed';
	const walk = (definition: StateMachineDefinition, thread: {previous: number}, input: string): Walk => {
		let name: string | undefined = definition.StartAt;
		for (let guard = 0; name !== undefined && guard < 1000; guard++) {
			const state: State | undefined = definition.States[name];
			if (!state) return 'done';
			record(thread, `${state.Type}StateEntered`, {name, ...payload(input)});
			const stopHere = stopping && (name === waitingAt || (waitingAt === undefined && --budget <= 0));
			if (stopHere) {
				if (state.Type === 'Task') {
					record(thread, 'TaskScheduled', {resourceType: 'lambda', resource: 'invoke', region: REGION, parameters: input});
					record(thread, 'TaskStarted', {resourceType: 'lambda', resource: 'invoke'});
					if (execution.status === 'FAILED') {
						record(thread, 'TaskFailed', {resourceType: 'lambda', resource: 'invoke', error: execution.error ?? 'Error', cause: execution.cause ?? ''});
						return 'failed';
					}
				}
				return execution.status === 'FAILED' ? 'failed' : 'stopped';
			}
			let next: string | undefined;
			if (state.Type === 'Task') {
				record(thread, 'TaskScheduled', {resourceType: 'lambda', resource: 'invoke', region: REGION, parameters: input});
				record(thread, 'TaskStarted', {resourceType: 'lambda', resource: 'invoke'});
				record(thread, 'TaskSucceeded', {resourceType: 'lambda', resource: 'invoke', output: input, outputDetails: {truncated: false}});
				next = state.Next;
			} else if (state.Type === 'Choice') {
				next = (state.Choices[0]?.Next as string | undefined) ?? state.Default;
			} else if (state.Type === 'Parallel') {
				const started = record(thread, 'ParallelStateStarted');
				let outcome: Walk = 'done';
				for (const branch of state.Branches) {
					const branchThread = {previous: started};
					const result = walk(branch, branchThread, input);
					if (result !== 'done') outcome = result;
					// As AWS chains it: the container closes after the branch that finished last.
					thread.previous = branchThread.previous;
				}
				if (outcome === 'stopped') return outcome;
				record(thread, outcome === 'failed' ? 'ParallelStateFailed' : 'ParallelStateSucceeded');
				if (outcome === 'failed') return outcome;
				next = state.Next;
			} else if (state.Type === 'Map') {
				const processor = itemProcessorOf(state);
				const started = record(thread, 'MapStateStarted', {length: 3});
				let outcome: Walk = 'done';
				for (let index = 0; index < 3 && outcome === 'done'; index++) {
					const iteration = {previous: started};
					record(iteration, 'MapIterationStarted', {name, index});
					outcome = walk(processor, iteration, JSON.stringify(`item-${index}`));
					if (outcome === 'done') record(iteration, 'MapIterationSucceeded', {name, index});
					if (outcome === 'failed') record(iteration, 'MapIterationFailed', {name, index});
					thread.previous = iteration.previous;
				}
				if (outcome === 'stopped') return outcome;
				record(thread, outcome === 'failed' ? 'MapStateFailed' : 'MapStateSucceeded');
				if (outcome === 'failed') return outcome;
				next = state.Next;
			} else if (state.Type === 'Fail') {
				return 'failed';
			} else if (state.Type !== 'Succeed') {
				next = state.Next;
			}
			record(thread, `${state.Type}StateExited`, {name, output: input, outputDetails: {truncated: false}});
			if (state.Type === 'Succeed' || ('End' in state && state.End)) return 'done';
			name = next;
		}
		return 'done';
	};

	const root = {previous: 0};
	record(root, 'ExecutionStarted', {...payload(execution.input ?? '{}'), roleArn: `arn:aws:iam::${ACCOUNT}:role/stratus-execution-role`});
	root.previous = 0;
	walk(execution.definition, root, execution.input ?? '{}');
	const end = root;
	if (execution.status === 'SUCCEEDED') record(end, 'ExecutionSucceeded', {output: execution.output ?? '{}', outputDetails: {truncated: false}});
	else if (execution.status === 'FAILED') record(end, 'ExecutionFailed', {error: execution.error ?? 'Error', cause: execution.cause ?? ''});
	else if (execution.status === 'ABORTED') record(end, 'ExecutionAborted');
	else if (execution.status === 'TIMED_OUT') record(end, 'ExecutionTimedOut');
	return events;
}
