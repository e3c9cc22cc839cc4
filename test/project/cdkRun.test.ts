/**
 * A CDK-synthesized template runs as it is: the state machine's Fn::Join definition
 * reaches the asset-folder function (CommonJS, as CDK bundles it) and the inline one.
 */
import assert from 'node:assert/strict';
import {join} from 'node:path';
import {test} from 'node:test';
import {json, stratus, tempDir} from '../helpers/cli.js';

test('the CDK order flow runs through both of its functions', () => {
	const result = stratus([
		'run',
		'OrderFlow5A1C7E93',
		'--template',
		'fixtures/templates/cdk/MyStack.template.json',
		'--db',
		join(tempDir(), 's.db'),
		'--input',
		JSON.stringify({orderId: 'o-1', items: [{price: 3, quantity: 2}]}),
		'--history',
		'--json',
	]);
	const execution = json<{status: string; output: unknown; events: Array<Record<string, any>>}>(result);
	assert.equal(execution.status, 'SUCCEEDED', result.stdout);
	assert.deepEqual(execution.output, {notified: true, orderId: 'o-1'});
	const processed = execution.events.find(e => e.type === 'TaskSucceeded')!;
	const payload = JSON.parse(processed.taskSucceededEventDetails.output).Payload;
	assert.equal(payload.total, 6, 'the asset function computed the order total');
	assert.ok(payload.table, 'it got its environment from the template');
});
