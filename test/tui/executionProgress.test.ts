import {test} from 'node:test';
import assert from 'node:assert/strict';
import type {StateMachineDefinition} from '../../source/asl/definition.js';
import {VirtualClock} from '../../source/engine/clock.js';
import {Engine} from '../../source/engine/engine.js';
import type {HistoryEvent} from '../../source/engine/historyEvent.js';
import type {LambdaInvoker} from '../../source/engine/tasks/lambdaInvoker.js';
import {ExecutionEnd, executionProgress} from '../../source/tui/executionProgress.js';

const fnArn = (name: string) => `arn:aws:lambda:us-east-1:123456789012:function:${name}`;

/** A Lambda double: each function fails with `Boom` as many times as `failures` says, then echoes. */
function lambda(failures: Record<string, number> = {}): LambdaInvoker {
	const left = {...failures};
	return {
		async invoke(functionName, payload) {
			const name = functionName.split(':').pop()!;
			if ((left[name] ?? 0) > 0) {
				left[name]--;
				return {statusCode: 200, functionError: 'Unhandled', payload: JSON.stringify({errorType: 'Boom', errorMessage: `${name} broke`}), executedVersion: '$LATEST'};
			}
			return {statusCode: 200, payload: payload || '{}', executedVersion: '$LATEST'};
		},
	};
}

async function run(definition: StateMachineDefinition, input: unknown, invoker = lambda()) {
	const engine = new Engine({clock: new VirtualClock(), region: 'us-east-1', accountId: '123456789012', lambda: () => invoker});
	const result = await engine.run({arn: 'arn:aws:states:us-east-1:123456789012:stateMachine:T', name: 'T', type: 'STANDARD', definition}, input, {keepHistory: true});
	return {result, events: result.events!};
}

test('Parallel branches and Map iterations are told apart by previousEventId and counted', async () => {
	const definition: StateMachineDefinition = {
		StartAt: 'Fan',
		States: {
			Fan: {
				Type: 'Parallel',
				Branches: [
					{StartAt: 'A', States: {A: {Type: 'Pass', Next: 'B'}, B: {Type: 'Pass', End: true}}},
					{StartAt: 'C', States: {C: {Type: 'Wait', Seconds: 5, End: true}}},
				],
				ResultPath: null,
				Next: 'Each',
			},
			Each: {Type: 'Map', ItemsPath: '$.items', ItemProcessor: {StartAt: 'Item', States: {Item: {Type: 'Pass', End: true}}}, End: true},
		},
	};
	const {events} = await run(definition, {items: [1, 2, 3]});
	const progress = executionProgress(definition, events);
	assert.equal(progress.end, ExecutionEnd.Succeeded);
	assert.deepEqual(progress.statuses, {
		Fan: {kind: 'succeeded', iterations: {done: 2, total: 2, failed: 0}},
		'Fan/0/A': {kind: 'succeeded'},
		'Fan/0/B': {kind: 'succeeded'},
		'Fan/1/C': {kind: 'succeeded'},
		Each: {kind: 'succeeded', iterations: {done: 3, total: 3, failed: 0}},
		'Each/Item': {kind: 'succeeded'},
	});
	const items = progress.visits.get('Each/Item')!;
	assert.deepEqual(items.map(v => [v.thread, v.input]), [
		['/Each#0', '1'],
		['/Each#1', '2'],
		['/Each#2', '3'],
	]);
	// Every event of the Map's iterations is listed under the Map or one of its states.
	const pathOf = (type: string) => progress.eventPaths.get(events.find(e => e.type === type)!.id);
	assert.equal(pathOf('MapIterationStarted'), 'Each');
	// Containers close pointing at their last branch's or iteration's event, as AWS chains them; they still close the container.
	assert.notEqual(events.find(e => e.type === 'ParallelStateSucceeded')!.previousEventId, events.find(e => e.type === 'ParallelStateStarted')!.id);
	assert.equal(pathOf('ParallelStateSucceeded'), 'Fan');
	assert.equal(pathOf('ParallelStateExited'), 'Fan');
	assert.equal(pathOf('MapStateSucceeded'), 'Each');
	assert.equal(pathOf('MapStateExited'), 'Each');
});

test('a caught failure is caught, the Catch target runs, and the error and cause stay on the failed state', async () => {
	const definition: StateMachineDefinition = {
		StartAt: 'Charge',
		States: {
			Charge: {Type: 'Task', Resource: fnArn('Charge'), Catch: [{ErrorEquals: ['Boom'], Next: 'Refund'}], Next: 'Done'},
			Refund: {Type: 'Pass', End: true},
			Done: {Type: 'Succeed'},
		},
	};
	const {events} = await run(definition, {}, lambda({Charge: 1}));
	const progress = executionProgress(definition, events);
	assert.deepEqual(progress.statuses.Charge, {kind: 'caught'});
	assert.deepEqual(progress.statuses.Refund, {kind: 'succeeded'});
	assert.equal(progress.statuses.Done, undefined, 'never entered');
	const [visit] = progress.visits.get('Charge')!;
	assert.equal(visit.error, 'Boom');
	assert.match(visit.cause!, /Charge broke/);
});

test('a retried task shows retrying with its attempt while the retry is pending, succeeded after', async () => {
	const definition: StateMachineDefinition = {
		StartAt: 'Flaky',
		States: {Flaky: {Type: 'Task', Resource: fnArn('Flaky'), Retry: [{ErrorEquals: ['Boom'], MaxAttempts: 4, IntervalSeconds: 1}], End: true}},
	};
	const {events} = await run(definition, {}, lambda({Flaky: 2}));
	const done = executionProgress(definition, events);
	assert.deepEqual(done.statuses.Flaky, {kind: 'succeeded'});
	assert.equal(done.visits.get('Flaky')![0].failures, 2);
	// The history as it stood after the second failure, before the third attempt.
	const secondFailure = events.filter(e => e.type === 'LambdaFunctionFailed')[1];
	const midway = executionProgress(definition, events.filter(e => e.id <= secondFailure.id));
	assert.equal(midway.end, ExecutionEnd.Running);
	assert.deepEqual(midway.statuses.Flaky, {kind: 'retrying', attempt: 2, maxAttempts: 4});
});

test('an uncaught failure marks the state that failed; a Fail state carries its error', async () => {
	const viaFail: StateMachineDefinition = {
		StartAt: 'Check',
		States: {Check: {Type: 'Pass', Next: 'Nope'}, Nope: {Type: 'Fail', Error: 'OrderRejected', Cause: 'no stock'}},
	};
	let {events} = await run(viaFail, {});
	let progress = executionProgress(viaFail, events);
	assert.equal(progress.end, ExecutionEnd.Failed);
	assert.deepEqual(progress.statuses, {Check: {kind: 'succeeded'}, Nope: {kind: 'failed'}});
	assert.equal(progress.visits.get('Nope')![0].error, 'OrderRejected');

	const inMap: StateMachineDefinition = {
		StartAt: 'Each',
		States: {Each: {Type: 'Map', ItemProcessor: {StartAt: 'Work', States: {Work: {Type: 'Task', Resource: fnArn('Work'), End: true}}}, End: true}},
	};
	({events} = await run(inMap, [1], lambda({Work: 1})));
	progress = executionProgress(inMap, events);
	assert.deepEqual(progress.statuses['Each/Work'], {kind: 'failed'});
	assert.deepEqual(progress.statuses.Each, {kind: 'failed', iterations: {done: 1, total: 1, failed: 1}});
});

test('a state with an open task token is waiting; an aborted execution cancels what was running', () => {
	const definition: StateMachineDefinition = {
		StartAt: 'Approve',
		States: {Approve: {Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken', Parameters: {FunctionName: 'Ask'}, End: true}},
	};
	const events: HistoryEvent[] = [
		{id: 1, previousEventId: 0, type: 'ExecutionStarted', timestamp: 1, details: {input: '{}'}},
		{id: 2, previousEventId: 0, type: 'TaskStateEntered', timestamp: 2, details: {name: 'Approve', input: '{}'}},
		{id: 3, previousEventId: 2, type: 'TaskScheduled', timestamp: 3, details: {resource: 'invoke.waitForTaskToken'}},
		{id: 4, previousEventId: 3, type: 'TaskStarted', timestamp: 4, details: {resource: 'invoke.waitForTaskToken'}},
	];
	assert.deepEqual(executionProgress(definition, events).statuses.Approve, {kind: 'inProgress'});
	assert.deepEqual(executionProgress(definition, events, {waitingStates: new Set(['Approve'])}).statuses.Approve, {kind: 'waiting'});
	const submitted = [...events, {id: 5, previousEventId: 4, type: 'TaskSubmitted', timestamp: 5, details: {resource: 'invoke.waitForTaskToken'}} as HistoryEvent];
	assert.deepEqual(executionProgress(definition, submitted).statuses.Approve, {kind: 'waiting'}, 'a submitted callback waits');
	const aborted = [...submitted, {id: 6, previousEventId: 5, type: 'ExecutionAborted', timestamp: 6} as HistoryEvent];
	const progress = executionProgress(definition, aborted);
	assert.equal(progress.end, ExecutionEnd.Aborted);
	assert.deepEqual(progress.statuses.Approve, {kind: 'cancelled'});
});
