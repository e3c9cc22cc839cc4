/**
 * The conformance cases tagged `Intrinsic` (recorded against AWS), replayed
 * through the intrinsic evaluator. Cases whose definition is a chain of Pass
 * states (Parameters, Result, InputPath, ResultPath, OutputPath, Assign) ending
 * in a Pass or a Fail are run by the small interpreter below; cases that need
 * Map, Task or Choice states are listed as not expressible.
 */
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {existsSync, readFileSync} from 'node:fs';
import {fileURLToPath} from 'node:url';
import {evaluateIntrinsic, isIntrinsicCall} from '../../source/asl/intrinsics/index.js';
import {lookupPath, writePath} from '../../source/asl/jsonPath.js';
import {VariableScope, type Bindings} from '../../source/asl/variables.js';

const casesDir = fileURLToPath(new URL('../../../shared/conformance/cases/', import.meta.url));

interface CaseFile {
	id: string;
	definition: {StartAt: string; States: Record<string, Record<string, unknown>>; QueryLanguage?: string};
	input: unknown;
	expected: {status: string; output: unknown; error: string | null; cause: string | null};
	normalise?: {paths?: [string, string][]};
}

/** The cases this test cannot express, with the feature that stops it. */
const NOT_EXPRESSIBLE: Record<string, string> = {
	'v2/assign/test_assign_reference_variables::TestAssignReferenceVariables::test_reference_assign[BASE_REFERENCE_IN_ITERATOR_OUTER_SCOPE]': 'Map',
	'v2/assign/test_assign_reference_variables::TestAssignReferenceVariables::test_reference_in_map_state[MAP_STATE_REFERENCE_IN_INTRINSIC_FUNCTION]': 'Map',
	'v2/assign/test_assign_reference_variables::TestAssignReferenceVariables::test_reference_in_map_state[MAP_STATE_REFERENCE_IN_ITEMS_PATH]': 'Map',
	'v2/local_mocking/test_base_scenarios::TestBaseScenarios::test_map_state_lambda': 'Map, Task (Lambda), Choice',
	'v2/scenarios/test_base_scenarios::TestBaseScenarios::test_map_state_config_distributed_reentrant_lambda': 'Map, Task (Lambda), Choice',
	'v2/scenarios/test_base_scenarios::TestBaseScenarios::test_map_state_legacy_reentrant': 'Map, Choice',
};

const PASS_FIELDS = new Set(['Type', 'Comment', 'Next', 'End', 'Parameters', 'Result', 'InputPath', 'ResultPath', 'OutputPath', 'Assign']);
const FAIL_FIELDS = new Set(['Type', 'Comment', 'Error', 'ErrorPath', 'Cause', 'CausePath']);

function expressible(definition: CaseFile['definition']): boolean {
	if (definition.QueryLanguage === 'JSONata') return false;
	return Object.values(definition.States).every(state => {
		const allowed = state.Type === 'Pass' ? PASS_FIELDS : state.Type === 'Fail' ? FAIL_FIELDS : undefined;
		return allowed !== undefined && Object.keys(state).every(key => allowed.has(key));
	});
}

function dynamicValue(expression: string, bindings: Bindings): unknown {
	if (isIntrinsicCall(expression)) return evaluateIntrinsic(expression, bindings);
	const found = lookupPath(expression, bindings);
	if (!found.found) throw new Error(found.reason);
	return found.value;
}

/** Parameters/Assign templates: `.$` keys take paths or intrinsics, the rest is literal. */
function evaluateTemplate(template: unknown, bindings: Bindings): unknown {
	if (Array.isArray(template)) return template.map(item => evaluateTemplate(item, bindings));
	if (template === null || typeof template !== 'object') return template;
	const out: Record<string, unknown> = {};
	for (const [key, value] of Object.entries(template)) {
		if (key.endsWith('.$') && typeof value === 'string') out[key.slice(0, -2)] = dynamicValue(value, bindings);
		else out[key] = evaluateTemplate(value, bindings);
	}
	return out;
}

function select(path: unknown, value: unknown, bindings: Bindings): unknown {
	if (typeof path !== 'string') return value;
	return dynamicValue(path, {...bindings, input: value});
}

type Outcome = {status: 'SUCCEEDED'; output: unknown} | {status: 'FAILED'; error: unknown; cause: unknown};

function run(definition: CaseFile['definition'], input: unknown): Outcome {
	const machineName = 'IntrinsicCase-machine-a1b2c3';
	const executionName = 'exec-0001';
	const context = {
		Execution: {
			Id: `arn:aws:states:us-east-1:111111111111:execution:${machineName}:${executionName}`,
			Input: input,
			Name: executionName,
			RoleArn: 'arn:aws:iam::111111111111:role/stratus',
			StartTime: '2024-01-01T00:00:00.000Z',
			RedriveCount: 0,
		},
		StateMachine: {Id: `arn:aws:states:us-east-1:111111111111:stateMachine:${machineName}`, Name: machineName},
		State: {EnteredTime: '2024-01-01T00:00:00.000Z', Name: '', RetryCount: 0},
	};
	const variables = new VariableScope();
	let name: string | undefined = definition.StartAt;
	let data = input;
	while (name !== undefined) {
		const state: Record<string, unknown> = definition.States[name];
		context.State.Name = name;
		const bindings: Bindings = {input: data, context, variables};
		if (state.Type === 'Fail') {
			const error = typeof state.ErrorPath === 'string' ? dynamicValue(state.ErrorPath, bindings) : state.Error;
			const cause = typeof state.CausePath === 'string' ? dynamicValue(state.CausePath, bindings) : state.Cause;
			return {status: 'FAILED', error, cause};
		}
		const effective = select(state.InputPath, data, bindings);
		const inner: Bindings = {input: effective, context, variables};
		const result = state.Parameters !== undefined ? evaluateTemplate(state.Parameters, inner) : 'Result' in state ? state.Result : effective;
		if (state.Assign !== undefined) {
			variables.assign(evaluateTemplate(state.Assign, {input: result, context, variables}) as Record<string, unknown>);
		}
		let output: unknown;
		if (state.ResultPath === null) output = data;
		else if (typeof state.ResultPath === 'string') {
			const written = writePath(data, state.ResultPath, result);
			if (!written.ok) throw new Error(`ResultPath ${state.ResultPath} cannot be applied`);
			output = written.value;
		} else output = result;
		data = select(state.OutputPath, output, bindings);
		name = state.End === true ? undefined : (state.Next as string);
	}
	return {status: 'SUCCEEDED', output: data};
}

/** Recorded values hide random parts behind `<uuid:1>`-style tokens; those match anything. */
function matches(expected: unknown, actual: unknown): boolean {
	if (typeof expected === 'string' && /<[^<>]+>/.test(expected)) {
		if (typeof actual !== 'string') return false;
		const pattern = expected.split(/<[^<>]+>/).map(part => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
		return new RegExp(`^${pattern.join('[\\s\\S]*?')}$`).test(actual);
	}
	if (Array.isArray(expected)) {
		return Array.isArray(actual) && actual.length === expected.length && expected.every((item, i) => matches(item, actual[i]));
	}
	if (expected !== null && typeof expected === 'object') {
		if (actual === null || typeof actual !== 'object' || Array.isArray(actual)) return false;
		const keys = Object.keys(expected);
		return (
			keys.length === Object.keys(actual).length &&
			keys.every(key => Object.hasOwn(actual, key) && matches((expected as Record<string, unknown>)[key], (actual as Record<string, unknown>)[key]))
		);
	}
	return expected === actual;
}

/** Replays the recording's output redactions (`$..output.FunctionResult` -> a token) on our output. */
function normalise(output: unknown, redactions: [string, string][] = []): unknown {
	for (const [path, token] of redactions) {
		const field = /\.output\.([A-Za-z0-9_]+)$/.exec(path)?.[1];
		if (field && output !== null && typeof output === 'object' && Object.hasOwn(output, field)) {
			output = {...(output as Record<string, unknown>), [field]: token};
		}
	}
	return output;
}

const available = existsSync(casesDir);
const cases: CaseFile[] = available
	? (JSON.parse(readFileSync(`${casesDir}_index.json`, 'utf8')) as {id: string; file: string; tags: string[]}[])
			.filter(entry => entry.tags.includes('Intrinsic'))
			.map(entry => JSON.parse(readFileSync(`${casesDir}${entry.file}`, 'utf8')) as CaseFile)
	: [];

test('intrinsic conformance cases recorded against AWS', {skip: available ? false : 'shared/conformance is not beside the repository'}, async t => {
	const skipped = cases.filter(c => !expressible(c.definition)).map(c => c.id);
	assert.deepEqual(skipped.sort(), Object.keys(NOT_EXPRESSIBLE).sort(), 'only the listed cases may be left out');
	assert.ok(cases.length - skipped.length >= 95, `expected most cases to be expressible, got ${cases.length - skipped.length}`);

	for (const c of cases) {
		if (NOT_EXPRESSIBLE[c.id]) continue;
		await t.test(c.id, () => {
			let outcome: Outcome;
			try {
				outcome = run(c.definition, c.input);
			} catch (error) {
				assert.fail(`evaluation failed: ${(error as Error).message}`);
			}
			assert.equal(outcome.status, c.expected.status);
			if (outcome.status === 'SUCCEEDED') {
				const actual = normalise(outcome.output, c.normalise?.paths);
				assert.ok(matches(c.expected.output, actual), `output ${JSON.stringify(actual)} does not match ${JSON.stringify(c.expected.output)}`);
			} else {
				assert.equal(outcome.error, c.expected.error);
				assert.equal(outcome.cause, c.expected.cause);
			}
		});
	}
});
