import {test} from 'node:test';
import assert from 'node:assert/strict';
import {openDatabase} from '../../source/store/database.js';
import {ExecutionSummaries} from '../../source/store/executionSummaries.js';
import {ExecutionStore, type ExecutionStatus} from '../../source/store/executions.js';
import {encodePage} from '../../source/store/historyPage.js';
import {LiveBackend} from '../../source/tui/liveBackend.js';
import type {Workspace} from '../../source/workspace/workspace.js';

const machine = (name: string) => `arn:aws:states:us-east-1:123456789012:stateMachine:${name}`;
/** A definition the size of a large machine's: what a list must not copy per row. */
const bigDefinition = JSON.stringify({
	StartAt: 'S0',
	States: Object.fromEntries(Array.from({length: 200}, (_, i) => [`S${i}`, i === 199 ? {Type: 'Succeed'} : {Type: 'Pass', Next: `S${i + 1}`}])),
});

function seeded(count: number) {
	const db = openDatabase(':memory:');
	const store = new ExecutionStore(db);
	for (let i = 0; i < count; i++) {
		const name = `run-${String(i).padStart(5, '0')}`;
		const stateMachineArn = machine(i % 2 === 0 ? 'Even' : 'Odd');
		const status: ExecutionStatus = i % 5 === 0 ? 'RUNNING' : 'SUCCEEDED';
		const startDate = 1_700_000_000_000 + i * 1000;
		const id = store.insertStarted(
			{arn: `${stateMachineArn.replace(':stateMachine:', ':execution:')}:${name}`, name, stateMachineArn, type: 'STANDARD', status: 'RUNNING', input: `{"n":${i}}`, startDate, definition: bigDefinition},
			{id: 1, previousEventId: 0, type: 'ExecutionStarted', timestamp: startDate, details: {input: `{"n":${i}}`}},
		);
		if (status !== 'RUNNING') {
			const events = [
				{id: 2, previousEventId: 1, type: 'PassStateEntered', timestamp: startDate + 1, details: {name: 'S0'}},
				{id: 3, previousEventId: 2, type: 'ExecutionSucceeded', timestamp: startDate + 2, details: {output: '{}'}},
			];
			store.write([{executionId: id, page: {firstId: 2, lastId: 3, body: encodePage(events)}, lastEventId: 3, finish: {status, output: `{"done":${i}}`, error: null, cause: null, stopDate: startDate + 2}}]);
		}
	}
	return {db, store, summaries: new ExecutionSummaries(db)};
}

test('a list holds summaries only, newest first, filtered by machine and status, all of them unless limited', () => {
	const {summaries} = seeded(2500);
	const all = summaries.list();
	assert.equal(all.length, 2500, 'no 2,000-row cap');
	assert.equal(all[0].name, 'run-02499');
	assert.equal(all.at(-1)!.name, 'run-00000');
	assert.deepEqual(Object.keys(all[0]).sort(), ['error', 'executionArn', 'id', 'lastEventId', 'name', 'startDate', 'stateMachineArn', 'status', 'stopDate']);
	assert.deepEqual(all[1], {
		id: all[1].id,
		executionArn: 'arn:aws:states:us-east-1:123456789012:execution:Even:run-02498',
		name: 'run-02498',
		stateMachineArn: machine('Even'),
		status: 'SUCCEEDED',
		startDate: 1_700_000_000_000 + 2498_000,
		stopDate: 1_700_000_000_000 + 2498_002,
		error: null,
		lastEventId: 3,
	});

	const even = summaries.list({stateMachineArn: machine('Even')});
	assert.equal(even.length, 1250);
	assert.ok(even.every(row => row.stateMachineArn === machine('Even')));
	const running = summaries.list({status: 'RUNNING', limit: 10});
	assert.equal(running.length, 10);
	assert.ok(running.every(row => row.status === 'RUNNING' && row.lastEventId === 1));
	assert.equal(running[0].name, 'run-02495');
	assert.equal(summaries.list({stateMachineArn: machine('Odd'), status: 'RUNNING'}).length, 250);
});

test('detail reads the payloads of one execution and its definition by id; progress and running say how far histories got', () => {
	const {store, summaries} = seeded(12);
	const arn = 'arn:aws:states:us-east-1:123456789012:execution:Odd:run-00007';
	const detail = summaries.detail(arn)!;
	assert.equal(detail.input, '{"n":7}');
	assert.equal(detail.output, '{"done":7}');
	assert.equal(detail.status, 'SUCCEEDED');
	assert.equal(summaries.definitionText(detail.definitionId!), bigDefinition);
	assert.equal(summaries.detail(`${arn}-missing`), undefined);

	assert.deepEqual(summaries.progress(arn), {id: detail.id, lastEventId: 3});
	assert.deepEqual(store.history(detail.id).map(e => e.type), ['ExecutionStarted', 'PassStateEntered', 'ExecutionSucceeded']);
	assert.deepEqual(
		summaries.running().map(row => row.lastEventId),
		[1, 1, 1],
	);
	assert.deepEqual(
		summaries.running().map(row => row.id),
		summaries
			.list({status: 'RUNNING'})
			.map(row => row.id)
			.sort((a, b) => a - b),
	);
});

test('the live backend lists every stored execution without payloads and opens one whole, its definition parsed once', () => {
	const {db, store} = seeded(2500);
	// Lists and details read only the database; the rest of a workspace is not needed here.
	const backend = new LiveBackend({db, store} as unknown as Workspace);
	const list = backend.executions();
	assert.equal(list.length, 2500);
	assert.deepEqual(Object.keys(list[0]).sort(), ['executionArn', 'machineName', 'name', 'startDate', 'stateMachineArn', 'status', 'stopDate']);
	assert.equal(list[0].machineName, 'Odd');

	const first = backend.execution(list[1].executionArn)!;
	const second = backend.execution(list[3].executionArn)!;
	assert.deepEqual(first.definition, JSON.parse(bigDefinition));
	assert.equal(second.definition, first.definition, 'executions of one stored definition share the parsed object (the graph cache keys on it)');
	assert.equal(first.output, '{"done":2498}');
	assert.deepEqual(
		backend.history(list[1].executionArn).map(e => e.type),
		['ExecutionStarted', 'PassStateEntered', 'ExecutionSucceeded'],
	);
	assert.equal(backend.history(list[1].executionArn), backend.history(list[1].executionArn), 'an unchanged history is read once');
	backend.close();
});

test('a kept list follows executions that finish and start, and is the same array while nothing it shows changed', () => {
	const {db, store, summaries} = seeded(30);
	const backend = new LiveBackend({db, store} as unknown as Workspace);
	const even = {stateMachineArn: machine('Even')};
	const first = backend.executions(even);
	assert.equal(backend.executions(even), first, 'nothing changed: the same list');
	const running = first.find(e => e.status === 'RUNNING')!;
	const id = summaries.progress(running.executionArn)!.id;
	store.write([{executionId: id, lastEventId: 2, finish: {status: 'FAILED', output: null, error: 'Boom', cause: 'it broke', stopDate: running.startDate + 5}}]);
	const second = backend.executions(even);
	assert.notEqual(second, first);
	assert.equal(second.find(e => e.executionArn === running.executionArn)!.status, 'FAILED');
	assert.equal(second.find(e => e.executionArn === running.executionArn)!.stopDate, running.startDate + 5);
	assert.equal(second[5], first[5], 'rows that did not change are kept');
	assert.equal(backend.executions({status: 'RUNNING'}).length, 5, 'a status filter sees the finished one leave');

	store.insertStarted(
		{arn: 'arn:aws:states:us-east-1:123456789012:execution:Even:late', name: 'late', stateMachineArn: machine('Even'), type: 'STANDARD', status: 'RUNNING', input: '{}', startDate: 1_800_000_000_000, definition: bigDefinition},
		{id: 1, previousEventId: 0, type: 'ExecutionStarted', timestamp: 1_800_000_000_000},
	);
	const third = backend.executions(even);
	assert.equal(third.length, first.length + 1);
	assert.equal(third[0].name, 'late');
	assert.equal(backend.executions({status: 'RUNNING'}).length, 6);
	backend.close();
});
