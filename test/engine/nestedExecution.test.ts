/** Nested executions: states:startExecution with .sync, .sync:2, fire-and-forget and a failing child. */
import assert from 'node:assert/strict';
import {test} from 'node:test';
import {VirtualClock} from '../../source/engine/clock.js';
import {Engine, type StateMachineRef} from '../../source/engine/engine.js';
import {openDatabase} from '../../source/store/database.js';
import {ExecutionStore} from '../../source/store/executions.js';

const region = 'us-east-1';
const accountId = '123456789012';
const arnOf = (name: string) => `arn:aws:states:${region}:${accountId}:stateMachine:${name}`;

const child: StateMachineRef = {
	arn: arnOf('Child'),
	name: 'Child',
	type: 'STANDARD',
	definition: {
		StartAt: 'Check',
		States: {
			Check: {Type: 'Choice', Choices: [{And: [{Variable: '$.fail', IsPresent: true}, {Variable: '$.fail', BooleanEquals: true}], Next: 'Boom'}], Default: 'Double'},
			Double: {Type: 'Pass', Parameters: {'doubled.$': 'States.MathAdd($.n, $.n)'}, End: true},
			Boom: {Type: 'Fail', Error: 'ChildFailed', Cause: 'asked to fail'},
		},
	},
};

function parent(resource: string): StateMachineRef {
	return {
		arn: arnOf('Parent'),
		name: 'Parent',
		type: 'STANDARD',
		definition: {
			StartAt: 'Nested',
			States: {Nested: {Type: 'Task', Resource: resource, Parameters: {StateMachineArn: child.arn, 'Input.$': '$'}, End: true}},
		},
	};
}

function engine(): {engine: Engine; store: ExecutionStore} {
	const store = new ExecutionStore(openDatabase(':memory:'));
	const machines = new Map([[child.arn, child]]);
	return {engine: new Engine({store, clock: new VirtualClock(), region, accountId, machines: arn => machines.get(arn)}), store};
}

test('.sync:2 waits for the child and returns its parsed output', async () => {
	const {engine: e, store} = engine();
	const result = await e.run(parent('arn:aws:states:::states:startExecution.sync:2'), {n: 21});
	assert.equal(result.status, 'SUCCEEDED');
	const output = result.output as Record<string, unknown>;
	assert.equal(output.Status, 'SUCCEEDED');
	assert.deepEqual(output.Output, {doubled: 42});
	assert.match(String(output.ExecutionArn), /:execution:Child:/);
	e.flush();
	const childRow = store.get(String(output.ExecutionArn))!;
	assert.equal(childRow.parentArn, result.executionArn, 'the child records its parent');
});

test('.sync returns the output as JSON text, as DescribeExecution does', async () => {
	const {engine: e} = engine();
	const result = await e.run(parent('arn:aws:states:::states:startExecution.sync'), {n: 2});
	assert.equal((result.output as {Output: unknown}).Output, '{"doubled":4}');
});

test('a failed child fails the parent task with States.TaskFailed', async () => {
	const {engine: e} = engine();
	const result = await e.run(parent('arn:aws:states:::states:startExecution.sync:2'), {fail: true});
	assert.equal(result.status, 'FAILED');
	assert.equal(result.error, 'States.TaskFailed');
	assert.equal(JSON.parse(result.cause!).Error, 'ChildFailed');
});

test('without .sync the parent gets the child ARN at once', async () => {
	const {engine: e} = engine();
	const result = await e.run(parent('arn:aws:states:::states:startExecution'), {n: 1});
	assert.equal(result.status, 'SUCCEEDED');
	assert.match(String((result.output as {ExecutionArn: string}).ExecutionArn), /:execution:Child:/);
	await e.idle();
});

test('an unknown child machine fails with the service error AWS names', async () => {
	const {engine: e} = engine();
	const machine = parent('arn:aws:states:::states:startExecution.sync');
	(machine.definition.States.Nested as {Parameters: Record<string, unknown>}).Parameters.StateMachineArn = arnOf('Nope');
	const result = await e.run(machine, {});
	assert.equal(result.error, 'StepFunctions.StateMachineDoesNotExistException');
});
