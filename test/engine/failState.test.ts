/** Fail's ErrorPath and CausePath: a missing path and a failing intrinsic each report their own States.Runtime cause. */
import assert from 'node:assert/strict';
import {test} from 'node:test';
import type {StateMachineDefinition} from '../../source/asl/definition.js';
import {VirtualClock} from '../../source/engine/clock.js';
import {Engine} from '../../source/engine/engine.js';

async function fail(definition: StateMachineDefinition, input: unknown) {
	const engine = new Engine({clock: new VirtualClock(), region: 'us-east-1', accountId: '123456789012'});
	const machine = {arn: 'arn:aws:states:us-east-1:123456789012:stateMachine:Failing', name: 'Failing', type: 'STANDARD' as const, definition};
	return engine.start(machine, input).done;
}

test('ErrorPath and CausePath read the input, or intrinsics over it', async () => {
	const result = await fail(
		{StartAt: 'F', States: {F: {Type: 'Fail', ErrorPath: '$.code', CausePath: "States.Format('order {} failed', $.id)"}}},
		{code: 'Order.Rejected', id: 7},
	);
	assert.deepEqual([result.status, result.error, result.cause], ['FAILED', 'Order.Rejected', 'order 7 failed']);
});

test('a path that is not in the input fails with States.Runtime naming the path and the field', async () => {
	const result = await fail({StartAt: 'F', States: {F: {Type: 'Fail', ErrorPath: '$.missing', Cause: 'c'}}}, {items: [1]});
	assert.equal(result.error, 'States.Runtime');
	assert.match(result.cause!, /The JSONPath '\$\.missing' specified for the field 'ErrorPath' could not be found in the input '\{"items":\[1\]\}'$/);
});

test('an intrinsic that fails reports its own failure, not a missing path', async () => {
	const result = await fail({StartAt: 'F', States: {F: {Type: 'Fail', ErrorPath: 'States.ArrayGetItem($.items, 5)', Cause: 'c'}}}, {items: [1, 2]});
	assert.equal(result.error, 'States.Runtime');
	assert.match(result.cause!, /error while evaluating the intrinsic function: States\.ArrayGetItem\(\$\.items, 5\)/);
	assert.doesNotMatch(result.cause!, /could not be found/);
});
