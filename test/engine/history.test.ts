/**
 * History conformance. Each fixture in fixtures/histories/ holds a machine, an input
 * and the events GetExecutionHistory returned for it on AWS (its `source` names the
 * recording). The engine runs the machine and its history must match: the same event
 * types in the same order, the same ids and previousEventIds, the same `*EventDetails`
 * keys, and equal details wherever the fixture gives them. Payload fields are JSON text
 * on the wire, so they compare as parsed JSON (AWS keeps the caller's spacing in some).
 *
 * Fixture conventions: `"<any>"` as a detail value means "present, value not fixed"
 * (roleArn); an absent `previousEventId` is not asserted; `{"branches": [[...], ...]}`
 * stands for a Parallel's branch events, which AWS interleaves in no fixed order: each
 * branch's events keep their order, the first chains to the event before the block and
 * each next one to its branch's previous event.
 */
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {readdirSync, readFileSync} from 'node:fs';
import type {StateMachineDefinition} from '../../source/asl/definition.js';
import {VirtualClock} from '../../source/engine/clock.js';
import {Engine} from '../../source/engine/engine.js';
import {toAwsEvent} from '../../source/engine/historyEvent.js';
import {LambdaServiceFailure, type LambdaInvoker, type LambdaInvokeResult} from '../../source/engine/tasks/lambdaInvoker.js';

type WireEvent = Record<string, unknown> & {type: string; id?: number; previousEventId?: number};
interface BranchBlock {
	branches: WireEvent[][];
}
type ExpectedItem = WireEvent | BranchBlock;

function isBranchBlock(item: ExpectedItem): item is BranchBlock {
	return Array.isArray((item as Partial<BranchBlock>).branches);
}

interface FakeFunction {
	/** The raw response payload, as Lambda's Invoke returns it. */
	payload: string;
	functionError?: string;
}

interface HistoryFixture {
	description: string;
	source: string;
	definition: StateMachineDefinition;
	input: unknown;
	lambda?: Record<string, FakeFunction>;
	status: string;
	expected: ExpectedItem[];
}

/**
 * Where stratus is known to differ from AWS; each entry keeps its fixture's test
 * as a todo until the engine matches. The text says what AWS does.
 */
const fixturesDir = new URL('../../fixtures/histories/', import.meta.url);
const ANY = '<any>';
/** Detail fields that carry JSON text. */
const jsonTextFields = new Set(['input', 'output', 'parameters', 'cause']);

/** Lambda as the fixture describes it: each function answers with a fixed payload. */
class FixtureLambda implements LambdaInvoker {
	constructor(private readonly functions: Record<string, FakeFunction>) {}

	async invoke(functionName: string): Promise<LambdaInvokeResult> {
		const fn = this.functions[functionName];
		if (!fn) throw new LambdaServiceFailure('ResourceNotFoundException', `Function not found: ${functionName}`, 404);
		return {statusCode: 200, payload: fn.payload, functionError: fn.functionError, executedVersion: '$LATEST', requestId: '00000000-0000-0000-0000-00000000cafe'};
	}
}

function parseJsonText(text: unknown): {ok: true; value: unknown} | {ok: false} {
	if (typeof text !== 'string') return {ok: false};
	try {
		return {ok: true, value: JSON.parse(text)};
	} catch {
		return {ok: false};
	}
}

function sameValue(field: string, expected: unknown, actual: unknown): boolean {
	if (expected === ANY) return actual !== undefined;
	if (jsonTextFields.has(field)) {
		const e = parseJsonText(expected);
		const a = parseJsonText(actual);
		if (e.ok && a.ok) return isDeepStrictEqualish(e.value, a.value);
	}
	if (field === 'assignedVariables' && isRecord(expected) && isRecord(actual)) {
		const keys = Object.keys(expected);
		if (keys.length !== Object.keys(actual).length) return false;
		return keys.every(k => sameValue('output', expected[k], actual[k]));
	}
	return isDeepStrictEqualish(expected, actual);
}

function isDeepStrictEqualish(a: unknown, b: unknown): boolean {
	try {
		assert.deepStrictEqual(b, a);
		return true;
	} catch {
		return false;
	}
}

function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function detailsKeys(event: Record<string, unknown>): string[] {
	return Object.keys(event)
		.filter(k => k.endsWith('EventDetails'))
		.sort();
}

/** Differences between one expected event and one actual event (id and previousEventId aside). */
function compareEvent(expected: WireEvent, actual: WireEvent): string[] {
	const problems: string[] = [];
	if (expected.type !== actual.type) return [`type: AWS ${expected.type}, stratus ${actual.type}`];
	const expectedKeys = detailsKeys(expected);
	const actualKeys = detailsKeys(actual);
	if (expectedKeys.join() !== actualKeys.join()) {
		problems.push(`details: AWS ${expectedKeys.join(', ') || 'none'}, stratus ${actualKeys.join(', ') || 'none'}`);
	}
	for (const key of expectedKeys) {
		const e = expected[key] as Record<string, unknown>;
		const a = actual[key];
		if (!isRecord(a)) continue;
		const fields = new Set([...Object.keys(e), ...Object.keys(a)]);
		for (const field of fields) {
			if (!(field in e)) problems.push(`${key}.${field}: AWS has none, stratus ${JSON.stringify(a[field])}`);
			else if (!(field in a)) problems.push(`${key}.${field}: AWS ${JSON.stringify(e[field])}, stratus has none`);
			else if (!sameValue(field, e[field], a[field])) problems.push(`${key}.${field}: ${contrast(e[field], a[field])}`);
		}
	}
	return problems;
}

/** Both values, cut to the neighbourhood of their first difference when they are long. */
function contrast(expected: unknown, actual: unknown): string {
	const e = JSON.stringify(expected) ?? 'undefined';
	const a = JSON.stringify(actual) ?? 'undefined';
	if (e.length + a.length <= 240) return `AWS ${e}, stratus ${a}`;
	let i = 0;
	while (i < e.length && e[i] === a[i]) i++;
	const around = (text: string) => `${i > 30 ? '…' : ''}${text.slice(Math.max(0, i - 30), i + 50)}${text.length > i + 50 ? '…' : ''}`;
	return `differs at character ${i}: AWS ${around(e)}, stratus ${around(a)}`;
}

function label(event: WireEvent): string {
	const entered = event.stateEnteredEventDetails as {name?: string} | undefined;
	const exited = event.stateExitedEventDetails as {name?: string} | undefined;
	const name = entered?.name ?? exited?.name;
	return name ? `${event.type}(${name})` : event.type;
}

/** Every way the actual history departs from the expected one, as readable lines. */
function historyDifferences(expected: ExpectedItem[], actual: WireEvent[]): string[] {
	const problems: string[] = [];
	let position = 0;
	const check = (e: WireEvent, a: WireEvent | undefined, previousEventId: number | undefined) => {
		if (!a) {
			problems.push(`#${position + 1}: AWS ${label(e)}, stratus has no more events`);
			return;
		}
		const where = `#${a.id} ${label(e)}`;
		for (const p of compareEvent(e, a)) problems.push(`${where} ${p}`);
		if (e.id !== undefined && e.id !== a.id) problems.push(`${where} id: AWS ${e.id}, stratus ${a.id}`);
		if (previousEventId !== undefined && previousEventId !== a.previousEventId) {
			problems.push(`${where} previousEventId: AWS ${previousEventId}, stratus ${a.previousEventId}`);
		}
	};
	for (const item of expected) {
		if (isBranchBlock(item)) {
			const blockStart = actual[position - 1]?.id ?? 0;
			const cursors = item.branches.map(() => ({next: 0, lastId: blockStart}));
			const total = item.branches.reduce((n, b) => n + b.length, 0);
			for (let i = 0; i < total; i++, position++) {
				const a = actual[position];
				const b = item.branches.findIndex((branch, k) => {
					const e = branch[cursors[k].next];
					return e !== undefined && a !== undefined && compareEvent(e, a).length === 0;
				});
				if (b < 0) {
					const waiting = item.branches.map((branch, k) => branch[cursors[k].next]).filter(e => e !== undefined);
					problems.push(`#${a?.id ?? position + 1}: stratus ${a ? label(a) : 'has no more events'}, AWS expects one of ${waiting.map(label).join(', ')}`);
					continue;
				}
				const e = item.branches[b][cursors[b].next];
				check(e, a, cursors[b].lastId);
				cursors[b].next++;
				cursors[b].lastId = a.id!;
			}
			continue;
		}
		check(item, actual[position], item.previousEventId);
		position++;
	}
	for (const extra of actual.slice(position)) problems.push(`#${extra.id}: stratus ${label(extra)}, AWS has no more events`);
	return problems;
}

function loadFixtures(): Array<[string, HistoryFixture]> {
	return readdirSync(fixturesDir)
		.filter(f => f.endsWith('.json'))
		.sort()
		.map(f => [f.replace(/\.json$/, ''), JSON.parse(readFileSync(new URL(f, fixturesDir), 'utf8')) as HistoryFixture]);
}

async function runFixture(fixture: HistoryFixture) {
	const lambda = new FixtureLambda(fixture.lambda ?? {});
	const engine = new Engine({clock: new VirtualClock(), region: 'us-east-1', accountId: '123456789012', lambda: () => lambda});
	const machine = {arn: 'arn:aws:states:us-east-1:123456789012:stateMachine:history', name: 'history', type: 'STANDARD' as const, definition: fixture.definition};
	const result = await engine.run(machine, fixture.input, {keepHistory: true});
	return {result, events: (result.events ?? []).map(e => toAwsEvent(e) as WireEvent)};
}

const fixtures = loadFixtures();

test('the history fixtures are there', () => {
	assert.ok(fixtures.length >= 5, `expected at least five fixtures in ${fixturesDir.pathname}`);
	for (const [name, fixture] of fixtures) {
		assert.ok(fixture.source && fixture.definition && Array.isArray(fixture.expected), `${name}: source, definition and expected are required`);
	}
});

for (const [name, fixture] of fixtures) {
	test(`history matches AWS: ${name}`, async () => {
		const {result, events} = await runFixture(fixture);
		assert.equal(result.status, fixture.status, `status (error ${result.error}: ${result.cause})`);
		const problems = historyDifferences(fixture.expected, events);
		if (problems.length > 0) assert.fail(`${fixture.description}\nsource: ${fixture.source}\n${problems.join('\n')}`);
		const times = events.map(e => Date.parse(e.timestamp as string));
		assert.ok(times.every((t, i) => i === 0 || t >= times[i - 1]), 'timestamps ascend, as GetExecutionHistory lists them');
	});
}

// The comparison itself must be able to fail, or a green suite proves nothing.
test('the comparison catches a wrong order, a wrong previousEventId and a wrong detail', () => {
	const [, fixture] = fixtures.find(([n]) => n === 'choice-assign')!;
	const events = (fixture.expected as WireEvent[]).map(e => structuredClone(e));
	events[0].executionStartedEventDetails = {...(events[0].executionStartedEventDetails as object), roleArn: 'arn:aws:iam::1:role/r'};
	assert.deepEqual(historyDifferences(fixture.expected, events), []);

	const swapped = [events[0], events[2], events[1], ...events.slice(3)];
	assert.ok(historyDifferences(fixture.expected, swapped).some(p => p.includes('type: AWS ChoiceStateEntered')));

	const rechained = events.map(e => (e.id === 4 ? {...e, previousEventId: 2} : e));
	assert.deepEqual(historyDifferences(fixture.expected, rechained), ['#4 PassStateEntered(ConditionTrue) previousEventId: AWS 3, stratus 2']);

	const reassigned = structuredClone(events);
	(reassigned[2].stateExitedEventDetails as Record<string, unknown>).assignedVariables = {Assignment: '"Default Assignment"'};
	assert.equal(historyDifferences(fixture.expected, reassigned).length, 1);

	assert.ok(historyDifferences(fixture.expected, events.slice(0, -1)).some(p => p.includes('stratus has no more events')));
});

test('branch blocks accept any interleaving but not a broken chain', () => {
	const [, fixture] = fixtures.find(([n]) => n === 'parallel-assign')!;
	const block = fixture.expected.find(isBranchBlock)!;
	const before = fixture.expected.slice(0, 5) as WireEvent[];
	const after = fixture.expected.slice(6) as WireEvent[];
	// Entered 1, Entered 2, Entered 3, Exited 3, Exited 1, Exited 2: ids 6..11.
	const order: Array<[number, number]> = [[0, 0], [1, 0], [2, 0], [2, 1], [0, 1], [1, 1]];
	const lastOf: number[] = [5, 5, 5];
	const interleaved = order.map(([b, i], k) => {
		const id = 6 + k;
		const event = {...block.branches[b][i], id, previousEventId: lastOf[b]};
		lastOf[b] = id;
		return event;
	});
	const actual = [...before, ...interleaved, {...after[0], previousEventId: 11}, ...after.slice(1)] as WireEvent[];
	assert.deepEqual(historyDifferences(fixture.expected, actual), []);
	const broken = actual.map(e => (e.id === 10 ? {...e, previousEventId: 9} : e));
	assert.deepEqual(historyDifferences(fixture.expected, broken), ['#10 PassStateExited(Branch1) previousEventId: AWS 6, stratus 9']);
});

// AWS's default task timeout is 99999999 seconds: under the virtual clock a Lambda
// that takes real milliseconds must still succeed, not time out.
test('a Lambda task that takes real time succeeds under the virtual clock', async () => {
	const arn = 'arn:aws:lambda:us-east-1:123456789012:function:slow';
	const slow: LambdaInvoker = {
		async invoke() {
			await new Promise(resolve => setTimeout(resolve, 30));
			return {statusCode: 200, payload: '{"ok":true}', executedVersion: '$LATEST'};
		},
	};
	const engine = new Engine({clock: new VirtualClock(), region: 'us-east-1', accountId: '123456789012', lambda: () => slow});
	const definition = {StartAt: 'T', States: {T: {Type: 'Task', Resource: arn, End: true}}} as unknown as StateMachineDefinition;
	const result = await engine.run({arn: 'arn:aws:states:us-east-1:123456789012:stateMachine:slow', name: 'slow', type: 'STANDARD', definition}, {}, {keepHistory: true});
	assert.deepEqual(
		result.events?.map(e => e.type),
		['ExecutionStarted', 'TaskStateEntered', 'LambdaFunctionScheduled', 'LambdaFunctionStarted', 'LambdaFunctionSucceeded', 'TaskStateExited', 'ExecutionSucceeded'],
		`${result.status} ${result.error ?? ''}`,
	);
});
