import {test} from 'node:test';
import assert from 'node:assert/strict';
import type {ChoiceRule, ChoiceState} from '../../source/asl/definition.js';
import {comparisonOperatorNames, evaluateChoiceRule, selectChoice} from '../../source/asl/choice/index.js';
import {EvaluationError} from '../../source/asl/statesError.js';
import {VariableScope, type Bindings} from '../../source/asl/variables.js';

function bindings(input: unknown, variables: Record<string, unknown> = {}, context: unknown = {}): Bindings {
	const scope = new VariableScope();
	scope.assign(variables);
	return {input, context, variables: scope};
}

/** One rule on `$.v` against `{v: value}` (and `$.w` holding `other` for Path operators). */
function check(operator: string, operand: unknown, value: unknown, other?: unknown): boolean {
	const input: Record<string, unknown> = {v: value};
	if (other !== undefined) input.w = other;
	return evaluateChoiceRule({Variable: '$.v', [operator]: operand}, bindings(input));
}

function assertInvalidPath(run: () => unknown, path: string): void {
	assert.throws(run, (thrown: unknown) => {
		assert.ok(thrown instanceof EvaluationError);
		assert.equal(thrown.error, 'States.Runtime');
		assert.equal(thrown.cause, `Invalid path '${path}': The choice state's condition path references an invalid value.`);
		return true;
	});
}

const EVERY_JSON_TYPE: unknown[] = [null, 0, 1.5, -0, '', 'text', '2016-03-14T01:59:00Z', true, false, [], [1], {}, {a: 1}];

test('the operator set is exactly the ASL one', () => {
	assert.equal(comparisonOperatorNames.length, 4 * 2 * 5 - 8 + 1 + 6);
	for (const name of ['StringMatches', 'BooleanEqualsPath', 'TimestampGreaterThanEqualsPath', 'IsTimestamp', 'NumericLessThanPath']) {
		assert.ok(comparisonOperatorNames.includes(name), name);
	}
	assert.equal(comparisonOperatorNames.includes('BooleanLessThan'), false);
	assert.equal(comparisonOperatorNames.includes('StringMatchesPath'), false);
});

test('string comparisons', () => {
	assert.ok(check('StringEquals', 'Hello', 'Hello'));
	assert.equal(check('StringEquals', 'Hello', 'hello'), false);
	assert.equal(check('StringEquals', '     ', ' '), false);
	assert.ok(check('StringLessThan', 'AB', 'A'));
	assert.equal(check('StringGreaterThan', 'A ', 'A'), false);
	assert.ok(check('StringGreaterThanEquals', 'A', 'A'));
	assert.ok(check('StringLessThanEquals', '', ''));
	assert.equal(check('StringLessThan', '', ''), false);
	// Uppercase sorts before lowercase, as code units do.
	assert.ok(check('StringLessThan', 'a', 'Z'));
	// UTF-16 code units, not code points (Java's compareTo): U+FFFF sorts after the
	// surrogate pair of U+1F600 even though its code point is smaller.
	assert.ok(check('StringGreaterThan', '\u{1F600}', '\uFFFF'));
});

test('string operators are false, not errors, on non-strings', () => {
	for (const value of EVERY_JSON_TYPE.filter(v => typeof v !== 'string')) {
		for (const operator of ['StringEquals', 'StringLessThan', 'StringGreaterThanEquals', 'StringMatches']) {
			assert.equal(check(operator, '*', value), false, `${operator} on ${JSON.stringify(value)}`);
		}
	}
	// A number never equals its text.
	assert.equal(check('StringEquals', '1', 1), false);
	assert.equal(check('StringEqualsPath', '$.w', 'x', 1), false);
});

test('StringMatches', () => {
	assert.ok(check('StringMatches', 'log-*.txt', 'log-2024.txt'));
	assert.equal(check('StringMatches', 'log-*.txt', 'log-2024.txt.gz'), false);
	assert.ok(check('StringMatches', 'price: \\*', 'price: *'));
	assert.equal(check('StringMatches', 'price: \\*', 'price: 12'), false);
});

test('numeric comparisons across ints, floats and signs', () => {
	assert.ok(check('NumericEquals', 1, 1.0));
	assert.ok(check('NumericEquals', 0, -0));
	assert.equal(check('NumericLessThan', 0, -0), false);
	assert.ok(check('NumericEqualsPath', '$.w', 2.22, 2.22));
	assert.equal(check('NumericEquals', 1, 1.1), false);
	assert.ok(check('NumericGreaterThan', -2, -1.5));
	assert.ok(check('NumericLessThanEquals', 1e21, 1e21));
	assert.ok(check('NumericGreaterThan', 9007199254740991, 1e300));
	assert.ok(check('NumericLessThan', 0.30000000000000004, 0.1 + 0.1));
	assert.ok(check('NumericGreaterThanEquals', 0, 0));
	assert.ok(check('NumericLessThanEqualsPath', '$.w', 0, 1));
	assert.equal(check('NumericLessThanEqualsPath', '$.w', 1, 0), false);
});

test('numeric operators are false on anything but numbers', () => {
	for (const value of EVERY_JSON_TYPE.filter(v => typeof v !== 'number')) {
		assert.equal(check('NumericEquals', 0, value), false, JSON.stringify(value));
		assert.equal(check('NumericLessThanEquals', 1, value), false, JSON.stringify(value));
	}
	assert.equal(check('NumericEquals', 1, '1'), false);
	assert.equal(check('NumericEquals', 1, true), false);
	assert.equal(check('NumericEquals', 0, false), false);
	// The Path operand must be a number too.
	assert.equal(check('NumericEqualsPath', '$.w', 1, '1'), false);
	assert.equal(check('NumericGreaterThanPath', '$.w', 1, null), false);
});

test('boolean comparisons', () => {
	assert.ok(check('BooleanEquals', true, true));
	assert.ok(check('BooleanEquals', false, false));
	assert.equal(check('BooleanEquals', true, false), false);
	for (const value of EVERY_JSON_TYPE.filter(v => typeof v !== 'boolean')) {
		assert.equal(check('BooleanEquals', true, value), false, JSON.stringify(value));
		assert.equal(check('BooleanEquals', false, value), false, JSON.stringify(value));
	}
	assert.ok(check('BooleanEqualsPath', '$.w', false, false));
	assert.equal(check('BooleanEqualsPath', '$.w', true, 'true'), false);
	assert.equal(check('BooleanEqualsPath', '$.w', true, 1), false);
});

test('timestamp comparisons compare instants', () => {
	assert.ok(check('TimestampEquals', '2012-10-09T19:00:55Z', '2012-10-09T19:00:55Z'));
	assert.ok(check('TimestampEquals', '2012-10-09T19:00:55Z', '2012-10-09T20:00:55+01:00'));
	assert.ok(check('TimestampGreaterThan', '2012-10-09T19:00:55Z', '2012-10-09T19:00:56Z'));
	assert.ok(check('TimestampLessThan', '2012-10-09T19:00:55Z', '2012-10-09T19:00:54.999Z'));
	assert.ok(check('TimestampLessThanEquals', '2012-10-09T19:00:55Z', '2012-10-09T19:00:55.000Z'));
	assert.ok(check('TimestampGreaterThanEquals', '2012-10-09T19:00:55Z', '2012-10-09T21:00:55+02:00'));
	assert.ok(check('TimestampGreaterThanPath', '$.w', '2012-10-09T19:00:56Z', '2012-10-09T19:00:55Z'));
	assert.equal(check('TimestampLessThanPath', '$.w', '2012-10-09T19:00:56Z', '2012-10-09T19:00:55Z'), false);
});

test('timestamp operators are false on values that are no timestamps', () => {
	for (const value of [...EVERY_JSON_TYPE.filter(v => v !== '2016-03-14T01:59:00Z'), '2012-10-09T19:00:55', '2023-02-24', '2023-02-24 12:15:56.832957']) {
		assert.equal(check('TimestampEquals', '2016-03-14T01:59:00Z', value), false, JSON.stringify(value));
		assert.equal(check('TimestampLessThanEquals', '2099-01-01T00:00:00Z', value), false, JSON.stringify(value));
	}
	// A Path operand that is no timestamp.
	assert.equal(check('TimestampEqualsPath', '$.w', '2016-03-14T01:59:00Z', '2016-03-14'), false);
});

test('type tests', () => {
	const cases: [string, unknown[]][] = [
		['IsNull', [null]],
		['IsNumeric', [0, 1.5, -0]],
		['IsString', ['', 'text', '2016-03-14T01:59:00Z']],
		['IsBoolean', [true, false]],
		['IsTimestamp', ['2016-03-14T01:59:00Z']],
		['IsPresent', EVERY_JSON_TYPE],
	];
	for (const [operator, members] of cases) {
		for (const value of EVERY_JSON_TYPE) {
			const member = members.includes(value);
			assert.equal(check(operator, true, value), member, `${operator}: true on ${JSON.stringify(value)}`);
			assert.equal(check(operator, false, value), !member, `${operator}: false on ${JSON.stringify(value)}`);
		}
	}
	// A numeric-looking string is still a string.
	assert.equal(check('IsNumeric', true, '1'), false);
});

test('IsPresent decides a missing path instead of failing', () => {
	assert.equal(evaluateChoiceRule({Variable: '$.missing', IsPresent: true}, bindings({})), false);
	assert.equal(evaluateChoiceRule({Variable: '$.missing', IsPresent: false}, bindings({})), true);
	assert.equal(evaluateChoiceRule({Variable: '$.a.b.c', IsPresent: true}, bindings({a: 1})), false);
	assert.equal(evaluateChoiceRule({Variable: '$.list[3]', IsPresent: true}, bindings({list: [1]})), false);
	assert.equal(evaluateChoiceRule({Variable: '$undefinedVariable', IsPresent: true}, bindings({})), false);
	// Present with a null value is present.
	assert.equal(evaluateChoiceRule({Variable: '$.n', IsPresent: true}, bindings({n: null})), true);
});

test('a missing Variable fails every other operator with AWS wording', () => {
	for (const [operator, operand] of [
		['IsNull', true],
		['IsNull', false],
		['IsString', false],
		['IsTimestamp', false],
		['StringEquals', 'x'],
		['StringMatches', '*'],
		['NumericEquals', 1],
		['BooleanEquals', true],
		['TimestampEquals', '2016-03-14T01:59:00Z'],
		['StringEqualsPath', '$.other'],
	] as const) {
		assertInvalidPath(() => evaluateChoiceRule({Variable: '$.missing', [operator]: operand}, bindings({other: 'x'})), '$.missing');
	}
	assertInvalidPath(() => evaluateChoiceRule({Variable: '$undefinedVariable', StringEquals: 'x'}, bindings({})), '$undefinedVariable');
	assertInvalidPath(() => evaluateChoiceRule({Variable: '$$.Execution.Nope', IsNull: true}, bindings({}, {}, {Execution: {}})), '$$.Execution.Nope');
});

test('a missing ...Path operand fails, naming that path', () => {
	assertInvalidPath(() => check('NumericLessThanEqualsPath', '$.right', 8), '$.right');
	// Even when the Variable's type would have made the rule false.
	assertInvalidPath(() => check('StringEqualsPath', '$.right', 8), '$.right');
	assertInvalidPath(() => check('TimestampEqualsPath', '$when', '2016-03-14T01:59:00Z'), '$when');
});

test('Variable and Path operands read workflow variables and the context object', () => {
	const scope = {guess: 'the_answer', answer: 'the_answer', limit: 3};
	assert.ok(evaluateChoiceRule({Variable: '$guess', StringEqualsPath: '$answer'}, bindings({}, scope)));
	assert.ok(evaluateChoiceRule({Variable: '$.count', NumericLessThanPath: '$limit'}, bindings({count: 2}, scope)));
	const context = {Execution: {Input: {'input-value': 0}}};
	assert.ok(evaluateChoiceRule({Variable: '$$.Execution.Input.input-value', NumericLessThanEquals: 0}, bindings({}, {}, context)));
	assert.ok(evaluateChoiceRule({Variable: '$.n', NumericEqualsPath: '$$.Execution.Input.input-value'}, bindings({n: 0}, {}, context)));
	// Nested and indexed paths.
	assert.ok(evaluateChoiceRule({Variable: "$.a['b c'][1].d", StringEquals: 'x'}, bindings({a: {'b c': [{}, {d: 'x'}]}})));
	assert.ok(evaluateChoiceRule({Variable: '$', NumericEquals: 7}, bindings(7)));
});

test('And, Or and Not nest and stop at the first deciding rule', () => {
	const input = {type: 'Private', value: 30, flag: false};
	const rule: ChoiceRule = {
		And: [
			{Not: {Variable: '$.type', StringEquals: 'Public'}},
			{Or: [{Variable: '$.value', NumericLessThan: 20}, {Variable: '$.value', NumericGreaterThanEquals: 30}]},
			{Not: {Variable: '$.flag', BooleanEquals: true}},
		],
	};
	assert.ok(evaluateChoiceRule(rule, bindings(input)));
	assert.equal(evaluateChoiceRule(rule, bindings({...input, value: 25})), false);
	assert.equal(evaluateChoiceRule({Not: rule}, bindings(input)), false);
	// The documented guard: the second rule would fail on a missing key.
	const guarded: ChoiceRule = {And: [{Variable: '$.maybe', IsPresent: true}, {Variable: '$.maybe', StringEquals: 'foo'}]};
	assert.equal(evaluateChoiceRule(guarded, bindings({})), false);
	assert.ok(evaluateChoiceRule(guarded, bindings({maybe: 'foo'})));
	const orGuard: ChoiceRule = {Or: [{Variable: '$.maybe', IsPresent: false}, {Variable: '$.maybe', NumericGreaterThan: 1}]};
	assert.ok(evaluateChoiceRule(orGuard, bindings({})));
	// Without the guard, the failure surfaces from inside the nesting.
	assertInvalidPath(() => evaluateChoiceRule({Not: {And: [{Variable: '$.maybe', StringEquals: 'foo'}]}}, bindings({})), '$.maybe');
});

test('selectChoice takes the first matching rule, then Default', () => {
	const state: ChoiceState = {
		Type: 'Choice',
		Choices: [
			{Variable: '$.n', NumericGreaterThan: 10, Next: 'Big'},
			{Variable: '$.n', NumericGreaterThan: 0, Next: 'Positive', Assign: {seen: true}},
			{Variable: '$.n', NumericGreaterThan: 5, Next: 'Unreachable'},
		],
		Default: 'Other',
	};
	assert.deepEqual(selectChoice(state, bindings({n: 11})), {next: 'Big', rule: state.Choices[0]});
	const positive = selectChoice(state, bindings({n: 7}));
	assert.equal(positive?.next, 'Positive');
	assert.equal(positive?.rule, state.Choices[1]);
	assert.deepEqual(selectChoice(state, bindings({n: -1})), {next: 'Other'});
	assert.deepEqual(selectChoice(state, bindings({n: 'eleven'})), {next: 'Other'});
	const {Default: _, ...noDefault} = state;
	assert.equal(selectChoice(noDefault, bindings({n: -1})), undefined);
});

test('selectChoice stops at a failing rule instead of skipping it', () => {
	const state: ChoiceState = {
		Type: 'Choice',
		Choices: [
			{Variable: '$.missing', StringEquals: 'x', Next: 'A'},
			{Variable: '$.n', IsPresent: true, Next: 'B'},
		],
		Default: 'C',
	};
	assertInvalidPath(() => selectChoice(state, bindings({n: 1})), '$.missing');
	// A rule that matched earlier means later ones never run.
	const matchedFirst: ChoiceState = {...state, Choices: [state.Choices[1], state.Choices[0]]};
	assert.equal(selectChoice(matchedFirst, bindings({n: 1}))?.next, 'B');
});

test('selectChoice accepts another rule evaluator (JSONata Conditions)', () => {
	const state: ChoiceState = {
		Type: 'Choice',
		Choices: [
			{Condition: false, Next: 'A'},
			{Condition: true, Next: 'B'},
		],
	};
	const selection = selectChoice(state, bindings({}), rule => rule.Condition === true);
	assert.equal(selection?.next, 'B');
	// Without one, a Condition rule is reported rather than misread.
	assert.throws(() => selectChoice(state, bindings({})), /JSONata/);
});
