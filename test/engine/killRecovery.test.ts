/**
 * The kill -9 test: queued executions with Waits, a Map and an activity survive
 * an engine killed mid-flight. After a restart every execution finishes, each
 * history is contiguous and free of duplicated transitions, and the database
 * passes its integrity check.
 */
import assert from 'node:assert/strict';
import {writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {test} from 'node:test';
import Database from 'better-sqlite3';
import {ExecutionStore} from '../../source/store/executions.js';
import {spawnStratus, stratusAsync, tempDir, waitFor} from '../helpers/cli.js';

const EXECUTIONS = 200;

const definition = {
	StartAt: 'Prepare',
	States: {
		Prepare: {Type: 'Wait', Seconds: 1, Next: 'Items'},
		Items: {
			Type: 'Map',
			ItemsPath: '$.items',
			MaxConcurrency: 2,
			ItemProcessor: {
				StartAt: 'Pause',
				States: {
					Pause: {Type: 'Wait', Seconds: 1, Next: 'Double'},
					Double: {Type: 'Pass', Parameters: {'value.$': 'States.MathAdd($, $)'}, End: true},
				},
			},
			ResultPath: '$.doubled',
			Next: 'Approve',
		},
		Approve: {
			Type: 'Task',
			Resource: 'arn:aws:states:us-east-1:123456789012:activity:Approval',
			HeartbeatSeconds: 120,
			ResultPath: '$.approval',
			Next: 'Cooldown',
		},
		Cooldown: {Type: 'Wait', Seconds: 1, Next: 'Done'},
		Done: {Type: 'Succeed'},
	},
};

test('executions survive kill -9 of the engine and finish exactly once', {timeout: 240_000}, async () => {
	const dir = tempDir();
	const db = join(dir, 'stratus.db');
	const file = join(dir, 'approval.asl.json');
	writeFileSync(file, JSON.stringify(definition));

	// Queue the starts through the CLI, a few at a time.
	const pending = Array.from({length: EXECUTIONS}, (_, i) => i);
	await Promise.all(
		Array.from({length: 6}, async () => {
			while (pending.length > 0) {
				const i = pending.shift()!;
				const started = await stratusAsync(['start', file, '--db', db, '--name', `run-${i}`, '--input', JSON.stringify({items: [i, i + 1, i + 2]}), '--json']);
				assert.equal(started.status, 0, started.stderr);
			}
		}),
	);

	const reader = new Database(db, {readonly: true});
	const count = (sql: string) => (reader.prepare(sql).pluck().get() as number) ?? 0;
	const store = new ExecutionStore(reader);
	const ids = () => reader.prepare('SELECT id FROM executions').pluck().all() as number[];
	const countEvents = (type: string) => ids().reduce((n, id) => n + store.history(id).filter(e => e.type === type).length, 0);

	let engine = spawnStratus(['serve', '--db', db]);
	// Kill it once work is under way: some Map iterations done, nothing finished.
	await waitFor(() => countEvents('MapIterationSucceeded') > 50, 60_000, 'Map iterations to run');
	engine.kill('SIGKILL');
	await new Promise(r => engine.once('exit', r));
	assert.ok(count(`SELECT count(*) FROM executions WHERE status = 'RUNNING'`) > 0, 'the kill must land mid-flight');

	engine = spawnStratus(['serve', '--db', db]);
	const worker = spawnStratus(['worker', 'Approval', '--db', db, '--exec', `echo '{"approved": true}'`]);
	// A second kill, while approvals are flowing.
	await waitFor(() => countEvents('ActivitySucceeded') > 20, 90_000, 'approvals to flow');
	engine.kill('SIGKILL');
	await new Promise(r => engine.once('exit', r));
	engine = spawnStratus(['serve', '--db', db]);
	try {
		await waitFor(() => count(`SELECT count(*) FROM executions WHERE status = 'SUCCEEDED'`) === EXECUTIONS, 150_000, 'every execution to succeed');
	} finally {
		engine.kill('SIGTERM');
		worker.kill('SIGTERM');
	}

	assert.equal(count(`SELECT count(*) FROM executions WHERE status != 'SUCCEEDED'`), 0);
	const rows = reader.prepare('SELECT id, name FROM executions').all() as Array<{id: number; name: string}>;
	for (const row of rows) {
		const events = store.history(row.id);
		events.forEach((e, i) => assert.equal(e.id, i + 1, `${row.name}: ids must run 1..n`));
		assert.equal(events[0].type, 'ExecutionStarted');
		assert.equal(events.at(-1)!.type, 'ExecutionSucceeded');
		// Every top-level state is entered and exited exactly once; every iteration starts and succeeds once.
		const tally = new Map<string, number>();
		for (const e of events) {
			const details = e.details ? JSON.parse(e.details) : {};
			const key = e.type.startsWith('MapIteration') ? `${e.type}#${details.index}` : /State(Entered|Exited)$/.test(e.type) ? `${e.type}:${details.name}` : '';
			if (key) tally.set(key, (tally.get(key) ?? 0) + 1);
		}
		for (const state of ['Prepare', 'Items', 'Approve', 'Cooldown', 'Done']) {
			assert.equal(tally.get(`${definition.States[state as 'Done'].Type}StateEntered:${state}`), 1, `${row.name}: ${state} entered once`);
		}
		for (const index of [0, 1, 2]) {
			assert.equal(tally.get(`MapIterationStarted#${index}`), 1, `${row.name}: iteration ${index} started once`);
			assert.equal(tally.get(`MapIterationSucceeded#${index}`), 1, `${row.name}: iteration ${index} succeeded once`);
		}
		const output = JSON.parse((reader.prepare('SELECT output FROM executions WHERE id = ?').pluck().get(row.id) as string) ?? 'null');
		const i = Number(row.name.slice(4));
		assert.deepEqual(output.doubled, [{value: 2 * i}, {value: 2 * i + 2}, {value: 2 * i + 4}]);
		assert.deepEqual(output.approval, {approved: true});
	}
	assert.equal(reader.pragma('integrity_check', {simple: true}), 'ok');
	reader.close();
});
