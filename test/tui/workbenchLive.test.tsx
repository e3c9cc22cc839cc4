import {test} from 'node:test';
import assert from 'node:assert/strict';
import {mkdtempSync, mkdirSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {openDatabase} from '../../source/store/database.js';
import {ExecutionStore} from '../../source/store/executions.js';
import {TaskTokenStore} from '../../source/store/taskTokens.js';
import {LiveBackend} from '../../source/tui/liveBackend.js';
import {openWorkspace, type Workspace} from '../../source/workspace/workspace.js';
import {focusedPane, keys, paneText, renderWorkbench} from './workbenchHarness.js';

const region = 'us-east-1';
const accountId = '123456789012';
const machineArn = `arn:aws:states:${region}:${accountId}:stateMachine:Approve`;

const template = `AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Resources:
  Greeter:
    Type: AWS::Serverless::Function
    Properties:
      FunctionName: Greeter
      CodeUri: greeter/
      Handler: index.handler
      Runtime: nodejs20.x
      Timeout: 3
      MemorySize: 128
      Events:
        Hourly:
          Type: Schedule
          Properties:
            Schedule: rate(1 hour)
  SignOff:
    Type: AWS::StepFunctions::Activity
    Properties:
      Name: SignOff
  Approve:
    Type: AWS::Serverless::StateMachine
    Properties:
      Name: Approve
      Definition:
        StartAt: Hello
        States:
          Hello:
            Type: Pass
            Result: {greeting: hi}
            End: true
  HumanStep:
    Type: AWS::Serverless::StateMachine
    Properties:
      Name: HumanStep
      Definition:
        StartAt: SignOff
        States:
          SignOff:
            Type: Task
            Resource: !Ref SignOff
            ResultPath: $.signOff
            Next: Greet
          Greet:
            Type: Task
            Resource: !GetAtt Greeter.Arn
            End: true
  Slow:
    Type: AWS::Serverless::StateMachine
    Properties:
      Name: Slow
      Definition:
        StartAt: Nap
        States:
          Nap: {Type: Wait, Seconds: 600, End: true}
`;

/** A SAM app in a temp folder: a Node function with test events, an activity, three state machines, a schedule. */
function tempWorkspace(): {workspace: Workspace; dir: string} {
	const dir = mkdtempSync(join(tmpdir(), 'stratus-tui-'));
	writeFileSync(join(dir, 'template.yaml'), template);
	mkdirSync(join(dir, 'greeter'));
	writeFileSync(
		join(dir, 'greeter', 'index.mjs'),
		"export const handler = async event => {\n\tconsole.log('greeting', event.name ?? 'nobody');\n\treturn {greeting: `hi ${event.name ?? 'nobody'}`};\n};\n",
	);
	mkdirSync(join(dir, 'events'));
	writeFileSync(join(dir, 'events', 'other.json'), '{"a":1}');
	writeFileSync(join(dir, 'events', 'greeter-hello.json'), '{"name":"ana"}');
	return {workspace: openWorkspace({template: join(dir, 'template.yaml')}), dir};
}

/** Stops whatever still runs (a failed test must not leave an execution waiting forever), then closes. */
async function shutdown(workspace: Workspace, backend: LiveBackend, dir: string): Promise<void> {
	backend.close();
	for (const row of workspace.store.list({status: 'RUNNING'})) workspace.engine.stop(row.arn);
	await workspace.engine.idle();
	await workspace.close();
	rmSync(dir, {recursive: true, force: true});
}

function pendingToken(workspace: Workspace, token: string, stateName: string): string {
	const executionArn = `arn:aws:states:${region}:${accountId}:execution:Approve:waiting-${token}`;
	const executionId = workspace.store.insertExecution({
		arn: executionArn,
		name: `waiting-${token}`,
		stateMachineArn: machineArn,
		type: 'STANDARD',
		status: 'RUNNING',
		input: '{"order":1}',
		startDate: Date.now() - 60_000,
		definition: JSON.stringify(workspace.project.stateMachines[0].definition),
	});
	new TaskTokenStore(workspace.db).insert({
		token,
		executionId,
		executionArn,
		stateName,
		kind: 'callback',
		activityArn: null,
		input: '{"amount": 42}',
		createdAt: Date.now() - 30_000,
		heartbeatSeconds: 600,
		heartbeatDeadline: Date.now() + 570_000,
		timeoutDeadline: null,
	});
	return executionArn;
}

test('approving by keypress on the live backend answers the stored task token', async () => {
	const {workspace, dir} = tempWorkspace();
	const backend = new LiveBackend(workspace, {pollMs: 20});
	pendingToken(workspace, 'tokenAAA111', 'ManagerApproval');
	const wb = await renderWorkbench(backend, {columns: 160, rows: 44});
	try {
		await wb.press('5');
		await wb.waitFor(f => focusedPane(f) === '5 Approvals' && f.includes('ManagerApproval'));
		await wb.press('a', '{"ok": true}', keys.enter);
		await wb.waitFor('Approve ManagerApproval of waiting-tokenAAA111');
		await wb.press('y');
		await wb.waitFor('nothing waiting for approval');
		const row = new TaskTokenStore(workspace.db).get('tokenAAA111');
		assert.equal(row?.status, 'SUCCEEDED');
		assert.equal(row?.output, '{"ok":true}');
	} finally {
		wb.unmount();
		await shutdown(workspace, backend, dir);
	}
});

test('a token answered elsewhere refuses the second answer with AWS’s error', async () => {
	const {workspace, dir} = tempWorkspace();
	const backend = new LiveBackend(workspace, {pollMs: 20});
	pendingToken(workspace, 'tokenBBB222', 'Review');
	try {
		await backend.reject('tokenBBB222', 'No', 'because');
		await assert.rejects(backend.approve('tokenBBB222', '{}'), /Task does not exist/);
		assert.equal(new TaskTokenStore(workspace.db).get('tokenBBB222')?.error, 'No');
	} finally {
		await shutdown(workspace, backend, dir);
	}
});

test('another process’s write shows up without a key press (data_version polling)', async () => {
	const {workspace, dir} = tempWorkspace();
	const backend = new LiveBackend(workspace, {pollMs: 20});
	const wb = await renderWorkbench(backend, {columns: 160, rows: 44});
	const other = openDatabase(workspace.paths.db);
	try {
		await wb.waitFor('nothing waiting for approval');
		// A second connection is what a headless `stratus` in another terminal holds.
		pendingToken({...workspace, db: other, store: new ExecutionStore(other)}, 'tokenCCC333', 'FromElsewhere');
		await wb.waitFor('FromElsewhere');
	} finally {
		other.close();
		wb.unmount();
		await shutdown(workspace, backend, dir);
	}
});

test(':run starts an execution on the in-process engine; it runs to the end and its history shows', async () => {
	const {workspace, dir} = tempWorkspace();
	const backend = new LiveBackend(workspace, {pollMs: 20});
	const wb = await renderWorkbench(backend, {columns: 160, rows: 44});
	try {
		await wb.press(':', 'run Approve {"who": "me"}', keys.enter);
		const frame = await wb.waitFor(/✓ [0-9a-f-]{36} · Succeeded/);
		assert.match(frame, /✓ Hello/);
		assert.match(frame, /PassStateExited/);
		const [execution] = backend.executions();
		assert.equal(execution.status, 'SUCCEEDED');
		assert.equal(backend.execution(execution.executionArn)?.output, '{"greeting":"hi"}');
	} finally {
		wb.unmount();
		await shutdown(workspace, backend, dir);
	}
});

test('the live backend offers SAM test events, lists schedules, and Enter invokes a function showing its REPORT line', async () => {
	const {workspace, dir} = tempWorkspace();
	const backend = new LiveBackend(workspace, {pollMs: 20});
	const wb = await renderWorkbench(backend, {columns: 160, rows: 44});
	try {
		assert.deepEqual(
			backend.sampleEvents('Greeter').map(s => s.name),
			['greeter-hello.json', 'other.json'],
			'events naming the function come first',
		);
		const [schedule] = backend.schedules();
		assert.equal(schedule.name, 'Greeter/Hourly');
		assert.equal(schedule.description, 'every hour');
		assert.ok(schedule.nextFire !== null && schedule.nextFire > Date.now() && schedule.nextFire <= Date.now() + 3_600_000);
		await wb.press('1', 'z', keys.enter);
		await wb.waitFor('greeter-hello.json');
		await wb.press(keys.enter, keys.enter);
		const frame = await wb.waitFor('StatusCode 200');
		assert.match(frame, /"greeting": "hi ana"/);
		assert.match(frame, /INFO\s+greeting ana/);
		assert.match(frame, /REPORT\s+Duration: [\d.]+ ms\s+Billed Duration: \d+ ms\s+Memory Size: 128 MB/);
		// The invocation is stored: the table counts it.
		await wb.waitFor(/Greeter\s+nodejs20\.x\s+128MB\/3s\s+\$LATEST\s+now\s+0/);
	} finally {
		wb.unmount();
		await shutdown(workspace, backend, dir);
	}
});

test('end to end: an activity waits in Approvals, a keypress approves it, the in-process engine finishes the execution', async () => {
	const {workspace, dir} = tempWorkspace();
	const backend = new LiveBackend(workspace, {pollMs: 20});
	const wb = await renderWorkbench(backend, {columns: 160, rows: 44});
	try {
		await wb.press(':', 'run HumanStep {"order": 7}', keys.enter);
		await wb.waitFor(/⧗ SignOff/);
		await wb.press('5');
		await wb.waitFor(f => focusedPane(f) === '5 Approvals' && paneText(f, 'Approvals').includes('SignOff'));
		await wb.press('a', '{"by": "ana"}', keys.enter, 'y');
		await wb.press('2');
		const frame = await wb.waitFor(/✓ [0-9a-f-]{36} · Succeeded/);
		assert.match(frame, /✓ SignOff/);
		const [execution] = backend.executions({stateMachineArn: workspace.project.stateMachines[1].arn});
		assert.deepEqual(JSON.parse(backend.execution(execution.executionArn)!.output!), {greeting: 'hi nobody'});
		assert.match(frame, /✓ Greet/);
	} finally {
		wb.unmount();
		await shutdown(workspace, backend, dir);
	}
});

test('s stops an execution the in-process engine is running', async () => {
	const {workspace, dir} = tempWorkspace();
	const backend = new LiveBackend(workspace, {pollMs: 20});
	const wb = await renderWorkbench(backend, {columns: 160, rows: 44});
	try {
		await wb.press(':', 'run Slow', keys.enter);
		await wb.waitFor(/● [0-9a-f-]{36} · Running/);
		await wb.press('s');
		await wb.waitFor('(y/n)');
		await wb.press('y');
		const frame = await wb.waitFor(/⊘ [0-9a-f-]{36} · Aborted/);
		assert.match(frame, /⊘ Nap/);
		assert.equal(backend.executions()[0].status, 'ABORTED');
	} finally {
		wb.unmount();
		await shutdown(workspace, backend, dir);
	}
});
