/**
 * The Choice cases recorded against real AWS (`/work/shared/conformance/cases`,
 * tag `Choice`), run through `selectChoice` by a small walker of Pass, Choice,
 * Succeed and Fail states in JSONPath mode. Cases that need anything else
 * (JSONata, Task, Map, Parameters, intrinsics...) are left to the engine's own
 * conformance run and only counted here.
 */
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {existsSync, readFileSync} from 'node:fs';
import {join} from 'node:path';
import type {ChoiceRule, ChoiceState, Json, State, StateMachineDefinition} from '../../source/asl/definition.js';
import {selectChoice} from '../../source/asl/choice/index.js';
import {lookupPath, writePath} from '../../source/asl/jsonPath.js';
import {ErrorName, StatesError, stateRuntimeError} from '../../source/asl/statesError.js';
import {VariableScope, type Bindings} from '../../source/asl/variables.js';

const CASES = '/work/shared/conformance/cases';

interface IndexRow {
	id: string;
	file: string;
	tags: string[];
	needs: string[];
}

interface ConformanceCase {
	id: string;
	definition: StateMachineDefinition;
	input: Json;
	expected: {status: string; output: Json; error: string | null; cause: string | null};
}

interface Outcome {
	status: 'SUCCEEDED' | 'FAILED';
	output: unknown;
	error: string | null;
	cause: string | null;
}

const STATE_FIELDS: Record<string, Set<string>> = {
	Pass: new Set(['Type', 'Comment', 'Result', 'ResultPath', 'InputPath', 'OutputPath', 'Next', 'End', 'Assign']),
	Choice: new Set(['Type', 'Comment', 'Choices', 'Default', 'InputPath', 'OutputPath', 'Assign']),
	Succeed: new Set(['Type', 'Comment', 'InputPath', 'OutputPath']),
	Fail: new Set(['Type', 'Comment', 'Error', 'Cause']),
};

/** Why the walker cannot run a case, or undefined when it can. */
function unsupported(definition: StateMachineDefinition): string | undefined {
	if (definition.QueryLanguage === 'JSONata') return 'JSONata';
	for (const [name, state] of Object.entries(definition.States)) {
		const allowed = STATE_FIELDS[state.Type];
		if (!allowed) return `${state.Type} state ${name}`;
		for (const field of Object.keys(state)) if (!allowed.has(field)) return `${field} in ${name}`;
		if ('Assign' in state && !simpleAssign(state.Assign)) return `Assign in ${name}`;
		if (state.Type === 'Choice') {
			for (const rule of state.Choices) {
				if (rule.Condition !== undefined || rule.Output !== undefined) return `JSONata rule in ${name}`;
				if (rule.Assign !== undefined && !simpleAssign(rule.Assign)) return `Assign in ${name}`;
			}
		}
	}
	return undefined;
}

/** Literal values and plain `.$` paths; intrinsic functions are another room's. */
function simpleAssign(assign: unknown): boolean {
	if (assign === undefined) return true;
	if (assign === null || typeof assign !== 'object') return false;
	return Object.entries(assign).every(([key, value]) =>
		key.endsWith('.$') ? typeof value === 'string' && value.startsWith('$') : true,
	);
}

function applyPath(path: string | null | undefined, value: unknown, bindings: Bindings): unknown {
	if (path === undefined) return value;
	if (path === null) return {};
	const found = lookupPath(path, {...bindings, input: value});
	if (!found.found) throw new StatesError(ErrorName.Runtime, found.reason);
	return found.value;
}

function evaluateAssign(assign: Record<string, unknown> | undefined, bindings: Bindings): Record<string, unknown> {
	const values: Record<string, unknown> = {};
	for (const [key, value] of Object.entries(assign ?? {})) {
		if (key.endsWith('.$')) {
			const found = lookupPath(value as string, bindings);
			if (!found.found) throw new StatesError(ErrorName.Runtime, found.reason);
			values[key.slice(0, -2)] = found.value;
		} else values[key] = value;
	}
	return values;
}

function walk(definition: StateMachineDefinition, executionInput: Json): Outcome {
	const variables = new VariableScope();
	const context = {Execution: {Input: executionInput}};
	let current = definition.StartAt;
	let input: unknown = executionInput;
	let eventId = 2;
	for (let transitions = 0; transitions < 1000; transitions++) {
		const state: State = definition.States[current];
		const enteredEventId = eventId;
		eventId += 2;
		const bindings: Bindings = {input, context, variables};
		try {
			switch (state.Type) {
				case 'Fail':
					return {status: 'FAILED', output: null, error: state.Error ?? null, cause: state.Cause ?? null};
				case 'Succeed':
					return {status: 'SUCCEEDED', output: applyPath(state.OutputPath, applyPath(state.InputPath, input, bindings), bindings), error: null, cause: null};
				case 'Choice': {
					const effective = applyPath(state.InputPath, input, bindings);
					const selection = selectChoice(state as ChoiceState, {...bindings, input: effective});
					if (!selection) {
						return {status: 'FAILED', output: null, error: ErrorName.NoChoiceMatched, cause: `No Matches!`};
					}
					variables.assign(evaluateAssign((selection.rule as ChoiceRule | undefined)?.Assign ?? state.Assign, bindings));
					input = applyPath(state.OutputPath, effective, bindings);
					current = selection.next;
					break;
				}
				case 'Pass': {
					const effective = applyPath(state.InputPath, input, bindings);
					const result = 'Result' in state ? state.Result : effective;
					let output: unknown = result;
					if (state.ResultPath === null) output = input;
					else if (state.ResultPath !== undefined) {
						const written = writePath(input, state.ResultPath, result);
						if (!written.ok) throw new StatesError(ErrorName.ResultPathMatchFailure, state.ResultPath);
						output = written.value;
					}
					variables.assign(evaluateAssign(state.Assign, {...bindings, input: result}));
					input = applyPath(state.OutputPath, output, bindings);
					if (state.End) return {status: 'SUCCEEDED', output: input, error: null, cause: null};
					current = state.Next!;
					break;
				}
				default:
					throw new Error(`walker cannot run ${state.Type}`);
			}
		} catch (thrown) {
			if (!(thrown instanceof StatesError)) throw thrown;
			const failure = stateRuntimeError(thrown.error, current, enteredEventId, thrown.cause ?? '');
			return {status: 'FAILED', output: null, error: failure.error, cause: failure.cause ?? null};
		}
	}
	throw new Error('walker: more than 1000 transitions');
}

/** The conformance runner's loose cause comparison (asl_common.normalise_cause, text causes). */
function looseCause(cause: string | null): string | null {
	if (cause === null) return null;
	return cause
		.replace(/\(entered at the event id #\d+\)/g, '')
		.replace(/\d+/g, '0')
		.replace(/["'`]/g, '')
		.replace(/\s+/g, ' ')
		.trim()
		.toLowerCase();
}

function loadChoiceCases(): {runnable: ConformanceCase[]; skipped: Map<string, string>} {
	const index = JSON.parse(readFileSync(join(CASES, '_index.json'), 'utf8')) as IndexRow[];
	const runnable: ConformanceCase[] = [];
	const skipped = new Map<string, string>();
	for (const row of index.filter(r => r.tags.includes('Choice'))) {
		const recorded = JSON.parse(readFileSync(join(CASES, row.file), 'utf8')) as ConformanceCase;
		const reason = row.needs.length > 0 ? `needs ${row.needs.join(', ')}` : unsupported(recorded.definition);
		if (reason) skipped.set(row.id, reason);
		else runnable.push(recorded);
	}
	return {runnable, skipped};
}

const available = existsSync(join(CASES, '_index.json'));
const {runnable, skipped} = available ? loadChoiceCases() : {runnable: [], skipped: new Map<string, string>()};

test('the Choice conformance cases the walker can run', {skip: !available && 'no conformance cases on this machine'}, async t => {
	let passed = 0;
	for (const recorded of runnable) {
		await t.test(recorded.id, () => {
			const actual = walk(recorded.definition, recorded.input);
			const {expected} = recorded;
			assert.equal(actual.status, expected.status);
			assert.equal(actual.error, expected.error);
			if (expected.status === 'SUCCEEDED') assert.deepStrictEqual(actual.output, expected.output);
			else assert.equal(looseCause(actual.cause), looseCause(expected.cause));
			passed++;
		});
	}
	t.diagnostic(`Choice cases: ${runnable.length + skipped.size} tagged, ${runnable.length} run by the walker, ${passed} passed, ${skipped.size} skipped`);
	for (const [id, reason] of skipped) t.diagnostic(`skipped ${id}: ${reason}`);
	// The operator matrices alone are 345 cases; losing them would mean the filter broke.
	assert.ok(runnable.length >= 345, `only ${runnable.length} cases runnable`);
});
