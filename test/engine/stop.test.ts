/** StopExecution reaches into running Maps and Parallels: every thread ends, the history says so. */
import assert from 'node:assert/strict';
import {test} from 'node:test';
import {RealClock} from '../../source/engine/clock.js';
import {Engine, type StateMachineRef} from '../../source/engine/engine.js';
import {toAwsEvent} from '../../source/engine/historyEvent.js';

test('stopping an execution aborts its Map iterations and Parallel branches', async () => {
	const engine = new Engine({clock: new RealClock(), region: 'us-east-1', accountId: '123456789012'});
	const machine: StateMachineRef = {
		arn: 'arn:aws:states:us-east-1:123456789012:stateMachine:Stoppable',
		name: 'Stoppable',
		type: 'STANDARD',
		definition: {
			StartAt: 'Fan',
			States: {
				Fan: {
					Type: 'Parallel',
					End: true,
					Branches: [
						{StartAt: 'Sleep', States: {Sleep: {Type: 'Wait', Seconds: 60, End: true}}},
						{
							StartAt: 'Each',
							States: {
								Each: {
									Type: 'Map',
									End: true,
									ItemProcessor: {StartAt: 'Nap', States: {Nap: {Type: 'Wait', Seconds: 60, End: true}}},
								},
							},
						},
					],
				},
			},
		},
	};
	const started = engine.start(machine, [1, 2, 3], {keepHistory: true});
	await new Promise(resolve => setTimeout(resolve, 100));
	assert.ok(engine.stop(started.executionArn, {error: 'Cancelled', cause: 'by the test'}));
	const result = await started.done;
	assert.equal(result.status, 'ABORTED');
	assert.equal(result.error, 'Cancelled');
	const types = result.events!.map(e => toAwsEvent(e).type);
	assert.equal(types.filter(t => t === 'MapIterationAborted').length, 3, 'every running iteration is aborted');
	assert.ok(types.includes('MapStateAborted'));
	assert.ok(types.includes('ParallelStateAborted'));
	assert.equal(types.at(-1), 'ExecutionAborted');
	assert.equal(engine.runningCount(), 0);
});
