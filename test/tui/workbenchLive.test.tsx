import {test} from 'node:test';
import assert from 'node:assert/strict';
import {mkdtempSync, mkdirSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {RealClock} from '../../source/engine/clock.js';
import {Engine} from '../../source/engine/engine.js';
import type {Project} from '../../source/project/model.js';
import {openDatabase} from '../../source/store/database.js';
import {ExecutionStore} from '../../source/store/executions.js';
import {TaskTokenStore} from '../../source/store/taskTokens.js';
import {LiveBackend} from '../../source/tui/liveBackend.js';
import type {Workspace} from '../../source/workspace/workspace.js';
import {focusedPane, keys, renderWorkbench} from './workbenchHarness.js';

const region = 'us-east-1';
const accountId = '123456789012';
const machineArn = `arn:aws:states:${region}:${accountId}:stateMachine:Approve`;

function tempWorkspace(): {workspace: Workspace; dir: string} {
	const dir = mkdtempSync(join(tmpdir(), 'stratus-tui-'));
	const project: Project = {
		root: dir,
		region,
		accountId,
		stackName: 'tui-test',
		functions: [
			{
				logicalId: 'Greeter',
				name: 'Greeter',
				arn: `arn:aws:lambda:${region}:${accountId}:function:Greeter`,
				runtime: 'nodejs20.x',
				handler: 'index.handler',
				codeDir: join(dir, 'greeter'),
				memorySize: 128,
				timeout: 3,
				environment: {},
				layers: [],
			},
		],
		versions: [],
		aliases: [],
		layers: [],
		stateMachines: [
			{
				logicalId: 'Approve',
				name: 'Approve',
				arn: machineArn,
				type: 'STANDARD',
				definition: {StartAt: 'Hello', States: {Hello: {Type: 'Pass', Result: {greeting: 'hi'}, End: true}}},
			},
		],
		activities: [],
		schedules: [{name: 'Tick/Every', expression: 'rate(1 hour)', timezone: 'UTC', enabled: true, target: machineArn}],
		notices: [],
	};
	const db = openDatabase(join(dir, '.stratus', 'stratus.db'));
	const store = new ExecutionStore(db);
	const clock = new RealClock();
	const engine = new Engine({store, clock, region, accountId});
	for (const m of project.stateMachines) store.upsertStateMachine({arn: m.arn, name: m.name, type: m.type, definition: JSON.stringify(m.definition)}, Date.now());
	const workspace: Workspace = {
		paths: {db: join(dir, '.stratus', 'stratus.db')},
		project,
		db,
		store,
		engine,
		clock,
		async close() {
			engine.flush();
			db.close();
		},
	};
	return {workspace, dir};
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
		await wb.press('a', ...'{"ok": true}', keys.enter);
		await wb.waitFor('Approve ManagerApproval of waiting-tokenAAA111');
		await wb.press('y');
		await wb.waitFor('nothing waiting for approval');
		const row = new TaskTokenStore(workspace.db).get('tokenAAA111');
		assert.equal(row?.status, 'SUCCEEDED');
		assert.equal(row?.output, '{"ok":true}');
	} finally {
		wb.unmount();
		backend.close();
		await workspace.close();
		rmSync(dir, {recursive: true, force: true});
	}
});

test('a token answered elsewhere refuses the second answer with AWS’s error', async () => {
	const {workspace, dir} = tempWorkspace();
	const backend = new LiveBackend(workspace, {pollMs: 20});
	pendingToken(workspace, 'tokenBBB222', 'Review');
	try {
		await backend.reject('tokenBBB222', 'No', 'because');
		await assert.rejects(backend.approve('tokenBBB222', '{}'), /Task Does Not Exist/);
		assert.equal(new TaskTokenStore(workspace.db).get('tokenBBB222')?.error, 'No');
	} finally {
		backend.close();
		await workspace.close();
		rmSync(dir, {recursive: true, force: true});
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
		backend.close();
		await workspace.close();
		rmSync(dir, {recursive: true, force: true});
	}
});

test(':run starts an execution on the in-process engine; it runs to the end and its history shows', async () => {
	const {workspace, dir} = tempWorkspace();
	const backend = new LiveBackend(workspace, {pollMs: 20});
	const wb = await renderWorkbench(backend, {columns: 160, rows: 44});
	try {
		await wb.press(':', ...'run Approve {"who": "me"}', keys.enter);
		const frame = await wb.waitFor(/✓ [0-9a-f-]{36} · Succeeded/);
		assert.match(frame, /✓ Hello/);
		assert.match(frame, /PassStateExited/);
		const [execution] = backend.executions();
		assert.equal(execution.status, 'SUCCEEDED');
		assert.equal(backend.execution(execution.executionArn)?.output, '{"greeting":"hi"}');
	} finally {
		wb.unmount();
		backend.close();
		await workspace.close();
		rmSync(dir, {recursive: true, force: true});
	}
});

test('the live backend offers SAM test events and lists schedules with their next fire', async () => {
	const {workspace, dir} = tempWorkspace();
	const backend = new LiveBackend(workspace);
	try {
		mkdirSync(join(dir, 'events'), {recursive: true});
		writeFileSync(join(dir, 'events', 'other.json'), '{"a":1}');
		writeFileSync(join(dir, 'events', 'greeter-hello.json'), '{"name":"you"}');
		const samples = backend.sampleEvents('Greeter');
		assert.deepEqual(
			samples.map(s => s.name),
			['greeter-hello.json', 'other.json'],
			'events naming the function come first',
		);
		const [schedule] = backend.schedules();
		assert.equal(schedule.description, 'every hour');
		assert.ok(schedule.nextFire !== null && schedule.nextFire > Date.now() && schedule.nextFire <= Date.now() + 3_600_000);
		await assert.rejects(backend.invoke('Greeter', '{}'), /Lambda service/);
	} finally {
		backend.close();
		await workspace.close();
		rmSync(dir, {recursive: true, force: true});
	}
});
