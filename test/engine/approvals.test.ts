/**
 * Human approval headless, across processes: a queued execution waits on an
 * activity in `stratus serve`; `stratus tasks`, `approve`, `reject` and
 * `heartbeat` answer it from other processes, as a person at a shell would.
 */
import assert from 'node:assert/strict';
import type {ChildProcess} from 'node:child_process';
import {writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {after, before, test} from 'node:test';
import {json, spawnStratus, stratus, tempDir, waitFor} from '../helpers/cli.js';

const activity = 'arn:aws:states:us-east-1:123456789012:activity:ManagerApproval';

function approvalMachine(heartbeatSeconds: number) {
	return {
		StartAt: 'Approve',
		States: {
			Approve: {Type: 'Task', Resource: activity, HeartbeatSeconds: heartbeatSeconds, ResultPath: '$.decision', Next: 'Done'},
			Done: {Type: 'Succeed'},
		},
	};
}

interface PendingTask {
	taskToken: string;
	activityArn: string;
	executionArn: string;
	stateName: string;
	input: unknown;
	heartbeatDeadline: string | null;
}

let dir: string;
let db: string;
let engine: ChildProcess;

before(() => {
	dir = tempDir();
	db = join(dir, 'stratus.db');
	writeFileSync(join(dir, 'approval.asl.json'), JSON.stringify(approvalMachine(60)));
	writeFileSync(join(dir, 'short-heartbeat.asl.json'), JSON.stringify(approvalMachine(1)));
	engine = spawnStratus(['serve', '--db', db]);
});

after(() => engine.kill('SIGTERM'));

function start(file: string, input: unknown): {executionArn: string} {
	return json<{executionArn: string}>(stratus(['start', join(dir, file), '--db', db, '--input', JSON.stringify(input), '--json']));
}

async function pendingTaskOf(executionArn: string): Promise<PendingTask> {
	return waitFor(() => json<PendingTask[]>(stratus(['tasks', '--db', db, '--json'])).find(t => t.executionArn === executionArn), 15_000, 'the pending task');
}

async function finished(executionArn: string): Promise<{status: string}> {
	return waitFor(
		() => json<Array<{executionArn: string; status: string}>>(stratus(['executions', '--db', db, '--json'])).find(e => e.executionArn === executionArn && e.status !== 'RUNNING'),
		15_000,
		'the execution to finish',
	);
}

test('approve: the task lists with its input, approval succeeds the execution with the output', async () => {
	const {executionArn} = start('approval.asl.json', {order: 42});
	const task = await pendingTaskOf(executionArn);
	assert.equal(task.activityArn, activity);
	assert.equal(task.stateName, 'Approve');
	assert.deepEqual(task.input, {order: 42});
	assert.ok(task.heartbeatDeadline, 'a heartbeat deadline is shown');

	const approved = stratus(['approve', task.taskToken, '--db', db, '--output', '{"approvedBy":"ana"}']);
	assert.equal(approved.status, 0, approved.stderr);
	assert.equal((await finished(executionArn)).status, 'SUCCEEDED');
	const history = json<Array<Record<string, any>>>(stratus(['history', executionArn, '--db', db, '--json']));
	const succeeded = history.find(e => e.type === 'ActivitySucceeded')!;
	assert.deepEqual(JSON.parse(succeeded.activitySucceededEventDetails.output), {approvedBy: 'ana'});
	const final = history.at(-1)!;
	assert.deepEqual(JSON.parse(final.executionSucceededEventDetails.output).decision, {approvedBy: 'ana'});

	const again = stratus(['approve', task.taskToken, '--db', db]);
	assert.equal(again.status, 2, 'a token answered twice is refused');
	assert.match(again.stderr, /TaskDoesNotExist/);
});

test('reject: the execution fails with the given error and cause', async () => {
	const {executionArn} = start('approval.asl.json', {order: 7});
	const task = await pendingTaskOf(executionArn);
	const rejected = stratus(['reject', task.taskToken, '--db', db, '--error', 'Rejected', '--cause', 'budget exceeded']);
	assert.equal(rejected.status, 0, rejected.stderr);
	assert.equal((await finished(executionArn)).status, 'FAILED');
	const history = json<Array<Record<string, any>>>(stratus(['history', executionArn, '--db', db, '--json']));
	assert.deepEqual(history.at(-1)!.executionFailedEventDetails, {error: 'Rejected', cause: 'budget exceeded'});
	assert.ok(history.some(e => e.type === 'ActivityFailed'));
});

test('a task without heartbeats fails with States.HeartbeatTimeout', async () => {
	const {executionArn} = start('short-heartbeat.asl.json', {});
	assert.equal((await finished(executionArn)).status, 'FAILED');
	const history = json<Array<Record<string, any>>>(stratus(['history', executionArn, '--db', db, '--json']));
	assert.equal(history.at(-1)!.executionFailedEventDetails.error, 'States.HeartbeatTimeout');
	assert.ok(history.some(e => e.type === 'ActivityTimedOut'));
});

test('a heartbeat moves the task heartbeat deadline', async () => {
	const {executionArn} = start('approval.asl.json', {});
	const task = await pendingTaskOf(executionArn);
	await new Promise(r => setTimeout(r, 1_100));
	const beat = stratus(['heartbeat', task.taskToken, '--db', db]);
	assert.equal(beat.status, 0, beat.stderr);
	const after = json<PendingTask[]>(stratus(['tasks', '--db', db, '--json'])).find(t => t.taskToken === task.taskToken)!;
	assert.ok(Date.parse(after.heartbeatDeadline!) >= Date.parse(task.heartbeatDeadline!) + 1_000, 'the deadline moved by the time that passed');
	assert.equal(stratus(['approve', task.taskToken, '--db', db]).status, 0);
	assert.equal((await finished(executionArn)).status, 'SUCCEEDED');
});

test('an unknown token is refused with AWS error names', () => {
	const unknown = stratus(['approve', 'bm90LWEtdG9rZW4', '--db', db]);
	assert.equal(unknown.status, 2);
	assert.match(unknown.stderr, /TaskDoesNotExist/);
	const invalid = stratus(['approve', 'not a token!', '--db', db]);
	assert.equal(invalid.status, 2);
	assert.match(invalid.stderr, /InvalidToken/);
});

test('stop aborts a running execution from another process', async () => {
	const {executionArn} = start('approval.asl.json', {order: 1});
	const task = await pendingTaskOf(executionArn);
	const stopped = stratus(['stop', executionArn, '--db', db, '--error', 'Cancelled', '--cause', 'no longer needed', '--json']);
	assert.equal(stopped.status, 0, stopped.stderr);
	assert.equal(json<{status: string}>(stopped).status, 'ABORTED');
	const history = json<Array<Record<string, any>>>(stratus(['history', executionArn, '--db', db, '--json']));
	assert.equal(history.at(-1)!.type, 'ExecutionAborted');
	assert.equal(stratus(['approve', task.taskToken, '--db', db]).status, 2, 'the stopped task no longer takes answers');
});
