/** Step Functions Local mock configs: test cases answer tasks, counted per call, retries included. */
import assert from 'node:assert/strict';
import {writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {test} from 'node:test';
import {json, stratus, tempDir} from '../helpers/cli.js';

const machine = 'fixtures/mocks/order.asl.json';
const mocks = 'fixtures/mocks/MockConfigFile.json';

function run(testCase: string, extra: string[] = []) {
	return stratus(['run', machine, '--mock-config', mocks, '--test-case', testCase, '--time-skip', '--history', '--json', '--db', join(tempDir(), 's.db'), ...extra]);
}

test('the happy path returns the mocked results and records the real integration events', () => {
	const result = json<{status: string; output: any; events: Array<{type: string}>}>(run('HappyPath'));
	assert.equal(result.status, 'SUCCEEDED');
	assert.deepEqual(result.output, {charge: {id: 'ch_1', amount: 42}, notification: {MessageId: 'm-1'}});
	const types = result.events.map(e => e.type);
	assert.deepEqual(types.filter(t => t.startsWith('Task') && !t.includes('State')), ['TaskScheduled', 'TaskStarted', 'TaskSucceeded', 'TaskScheduled', 'TaskStarted', 'TaskSucceeded']);
});

test('ranges answer successive calls: two failures are retried, the third call succeeds', () => {
	const result = json<{status: string; output: any; events: Array<{type: string}>}>(run('RetryPath'));
	assert.equal(result.status, 'SUCCEEDED');
	assert.equal(result.output.charge.id, 'ch_2');
	assert.equal(result.events.filter(e => e.type === 'TaskFailed').length, 2);
});

test('a thrown mock fails the execution once retries are spent, with its error and cause', () => {
	const result = json<{status: string; error: string; cause: string}>(run('ChargeDown'));
	assert.equal(result.status, 'FAILED');
	assert.equal(result.error, 'Lambda.ServiceException');
	assert.equal(result.cause, 'the card processor is down');
});

test('an unknown test case or a malformed mock config is bad input naming the field', () => {
	const unknown = run('Nope');
	assert.equal(unknown.status, 2);
	assert.match(unknown.stderr, /--test-case: 'Nope'.*HappyPath/);
	const broken = join(tempDir(), 'broken.json');
	writeFileSync(broken, JSON.stringify({StateMachines: {order: {TestCases: {A: {ChargeCard: 'Missing'}}}}, MockedResponses: {}}));
	const bad = stratus(['run', machine, '--mock-config', broken, '--test-case', 'A', '--json', '--db', join(tempDir(), 's.db')]);
	assert.equal(bad.status, 2);
	assert.match(bad.stderr, /\/StateMachines\/order\/TestCases\/A\/ChargeCard: no MockedResponses entry named 'Missing'/);
});
