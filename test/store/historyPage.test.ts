import assert from 'node:assert/strict';
import {test} from 'node:test';
import {decodePage, encodePage, stateNames, type PageEvent} from '../../source/store/historyPage.js';
import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import Database from 'better-sqlite3';
import {openDatabase} from '../../source/store/database.js';
import {ExecutionStore} from '../../source/store/executions.js';
import {executionsSchema} from '../../source/store/schema/executions.js';

const definition = {
	StartAt: 'Fan',
	States: {
		Fan: {Type: 'Parallel', Branches: [{StartAt: 'Left', States: {Left: {Type: 'Pass', End: true}}}], Next: 'Each'},
		Each: {Type: 'Map', ItemProcessor: {StartAt: 'Touch', States: {Touch: {Type: 'Pass', End: true}}}, End: true},
	},
};

const asStored = (executionId: number, events: PageEvent[]) =>
	events.map(e => ({executionId, id: e.id, previousEventId: e.previousEventId, type: e.type, timestamp: e.timestamp, details: e.details ? JSON.stringify(e.details) : null}));

test('state names come from every nested machine in definition order', () => {
	assert.deepEqual(stateNames(definition), ['Fan', 'Left', 'Each', 'Touch']);
});

test('a page gives back exactly the events packed into it', () => {
	const payload = {order: 42, note: 'line\nbreak "quoted" ünïcode ✓'};
	const flag = {truncated: false};
	const events: PageEvent[] = [
		{id: 7, previousEventId: 6, type: 'ParallelStateEntered', timestamp: 1_700_000_000_000, details: {name: 'Fan', input: JSON.stringify(payload), inputDetails: flag}},
		{id: 8, previousEventId: 7, type: 'ParallelStateStarted', timestamp: 1_700_000_000_000},
		// A jump back in the chain, a clock that went backwards, a key left undefined, numbers and nulls.
		{id: 9, previousEventId: 3, type: 'MapIterationStarted', timestamp: 1_699_999_999_000, details: {name: 'Each', index: 12, skipped: undefined}},
		{id: 10, previousEventId: 9, type: 'ExecutionFailed', timestamp: 1_700_000_123_456, details: {}},
		{id: 11, previousEventId: 10, type: 'MapIterationStarted', timestamp: 1_700_000_123_456, details: {name: 'Not a state', index: 13, extra: null}},
		{id: 12, previousEventId: 0, type: 'PassStateExited', timestamp: 1_700_090_000_000, details: {name: 'Touch', output: JSON.stringify(payload), outputDetails: flag}},
	];
	const names = new Map(stateNames(definition).map((n, i) => [n, i]));
	const body = encodePage(events, names);
	const decoded = decodePage(5, 7, body, stateNames(definition));
	assert.deepEqual(decoded, asStored(5, events).map(e => (e.id === 9 ? {...e, details: JSON.stringify({name: 'Each', index: 12})} : e)));
	// The payload shared by two events is stored once.
	assert.equal(body.split('ünïcode').length - 1, 1);
});

test('history reads pages back in order across batches, and migrated rows too', () => {
	const db = openDatabase(':memory:');
	const store = new ExecutionStore(db);
	const id = store.insertExecution({
		arn: 'arn:aws:states:us-east-1:123456789012:execution:m:one',
		name: 'one',
		stateMachineArn: 'arn:aws:states:us-east-1:123456789012:stateMachine:m',
		type: 'STANDARD',
		status: 'RUNNING',
		input: '{}',
		startDate: 1,
		definition: JSON.stringify(definition),
	});
	const names = new Map(stateNames(definition).map((n, i) => [n, i]));
	const first: PageEvent[] = [{id: 1, previousEventId: 0, type: 'ExecutionStarted', timestamp: 1, details: {input: '{}'}}];
	const second: PageEvent[] = [
		{id: 2, previousEventId: 0, type: 'ParallelStateEntered', timestamp: 2, details: {name: 'Fan', input: '{}'}},
		{id: 3, previousEventId: 2, type: 'ParallelStateStarted', timestamp: 2},
	];
	store.write([{executionId: id, page: {firstId: 1, lastId: 1, body: encodePage(first, names)}, lastEventId: 1}]);
	store.write([{executionId: id, page: {firstId: 2, lastId: 3, body: encodePage(second, names)}, lastEventId: 3, checkpoint: '{"version":1}'}]);
	assert.deepEqual(store.history(id), asStored(id, [...first, ...second]));
	assert.equal(store.get('arn:aws:states:us-east-1:123456789012:execution:m:one')?.lastEventId, 3);
	assert.equal(store.get('arn:aws:states:us-east-1:123456789012:execution:m:one')?.definition, JSON.stringify(definition));
	// A page in the layout the migration writes from per-event rows.
	db.prepare('INSERT INTO history_pages (key, last_id, body) VALUES (? * 4294967296 + 4, 4, ?)').run(id, JSON.stringify([[4, 3, 'ParallelStateSucceeded', 3, null]]));
	assert.deepEqual(store.history(id).at(-1), {executionId: id, id: 4, previousEventId: 3, type: 'ParallelStateSucceeded', timestamp: 3, details: null});
});

test('execution ids from two connections never collide, and a definition is stored once', () => {
	const dir = mkdtempSync(join(tmpdir(), 'stratus-ids-'));
	const path = join(dir, 'stratus.db');
	const a = new ExecutionStore(openDatabase(path));
	const b = new ExecutionStore(openDatabase(path));
	const row = (name: string) => ({
		arn: `arn:aws:states:us-east-1:123456789012:execution:m:${name}`,
		name,
		stateMachineArn: 'arn:aws:states:us-east-1:123456789012:stateMachine:m',
		type: 'STANDARD',
		status: 'RUNNING' as const,
		input: '{}',
		startDate: 1,
		definition: JSON.stringify(definition),
	});
	const ids = new Set<number>();
	for (let i = 0; i < 100; i++) {
		ids.add(a.insertExecution(row(`a${i}`)));
		ids.add(b.insertExecution(row(`b${i}`)));
	}
	assert.equal(ids.size, 200);
	assert.equal(a.db.prepare('SELECT count(*) FROM definitions').pluck().get(), 1);
	a.db.close();
	b.db.close();
	rmSync(dir, {recursive: true, force: true});
});

test('a database from before history pages keeps its histories and definitions', () => {
	const dir = mkdtempSync(join(tmpdir(), 'stratus-migrate-'));
	const path = join(dir, 'stratus.db');
	const old = new Database(path);
	old.exec('CREATE TABLE migrations (id TEXT PRIMARY KEY, applied_at INTEGER NOT NULL)');
	for (const m of executionsSchema.migrations.filter(m => m.id < '004')) {
		old.exec(m.sql);
		old.prepare('INSERT INTO migrations VALUES (?, 0)').run(`executions/${m.id}`);
	}
	const text = JSON.stringify(definition);
	old.prepare(`INSERT INTO executions (id, arn, name, state_machine_arn, type, status, input, start_date, definition) VALUES (7, 'arn:x:7', 'seven', 'arn:m', 'STANDARD', 'SUCCEEDED', '{}', 1, ?)`).run(text);
	const insert = old.prepare('INSERT INTO history_events VALUES (7, ?, ?, ?, ?, ?)');
	insert.run(2, 0, 'PassStateEntered', 11, '{"name":"Left","input":"{}"}');
	insert.run(1, 0, 'ExecutionStarted', 10, '{"input":"{}"}');
	old.close();

	const db = openDatabase(path);
	const store = new ExecutionStore(db);
	assert.deepEqual(store.history(7), [
		{executionId: 7, id: 1, previousEventId: 0, type: 'ExecutionStarted', timestamp: 10, details: '{"input":"{}"}'},
		{executionId: 7, id: 2, previousEventId: 0, type: 'PassStateEntered', timestamp: 11, details: '{"name":"Left","input":"{}"}'},
	]);
	assert.equal(store.get('arn:x:7')?.definition, text);
	// New ids continue after the old ones.
	assert.ok(store.allocateExecutionId() > 7);
	db.close();
	rmSync(dir, {recursive: true, force: true});
});
