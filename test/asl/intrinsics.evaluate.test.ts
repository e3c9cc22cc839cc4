import {test} from 'node:test';
import assert from 'node:assert/strict';
import {evaluateIntrinsic} from '../../source/asl/intrinsics/index.js';
import {EvaluationError} from '../../source/asl/statesError.js';
import {VariableScope, type Bindings} from '../../source/asl/variables.js';

const context = {
	Execution: {Id: 'arn:aws:states:us-east-1:111111111111:execution:orders:run-1', Name: 'run-1', Input: {n: 7}},
	StateMachine: {Id: 'arn:aws:states:us-east-1:111111111111:stateMachine:orders', Name: 'orders'},
};

function bindings(input: unknown, variables: Record<string, unknown> = {}): Bindings {
	const scope = new VariableScope();
	scope.assign(variables);
	return {input, context, variables: scope};
}

function failure(text: string, input: unknown = {}, variables?: Record<string, unknown>): EvaluationError {
	try {
		evaluateIntrinsic(text, bindings(input, variables));
	} catch (error) {
		assert.ok(error instanceof EvaluationError, `expected an EvaluationError, got ${String(error)}`);
		return error;
	}
	assert.fail(`${text} did not fail`);
}

test('arguments come from the input, the context object and workflow variables', () => {
	const result = evaluateIntrinsic(
		'States.Array($.a, $$.Execution.Name, $$.Execution.Input.n, $greeting, $order.items[1])',
		bindings({a: 1}, {greeting: 'hi', order: {items: ['x', 'y']}}),
	);
	assert.deepEqual(result, [1, 'run-1', 7, 'hi', 'y']);
});

test('nested calls feed their results to the outer call', () => {
	const result = evaluateIntrinsic(
		"States.ArrayGetItem(States.StringSplit($$.StateMachine.Id, ':'), States.MathAdd(States.ArrayLength(States.StringSplit($$.StateMachine.Id, ':')), -1))",
		bindings({}),
	);
	assert.equal(result, 'orders');
});

test('a path argument that resolves to nothing fails with the path and the input', () => {
	const error = failure('States.Base64Encode($.missing)', {present: true});
	assert.equal(error.error, 'States.Runtime');
	assert.equal(
		error.cause,
		"There was an error while evaluating the intrinsic function: States.Base64Encode($.missing). The JsonPath argument for the field '$.missing' could not be found in the input '{\"present\":true}'",
	);
});

test('a missing context path and an undefined variable say where they looked', () => {
	assert.match(failure('States.Array($$.Execution.Nope)').cause ?? '', /'\$\$\.Execution\.Nope' could not be found in the context object/);
	assert.match(failure('States.Array($nope)').cause ?? '', /Variable 'nope' is not defined/);
	assert.match(failure('States.Array($v.x)', {}, {v: {y: 1}}).cause ?? '', /'\$v\.x' could not be found in the variable '\$v' '\{"y":1\}'/);
});

test('the failing inner call is the one quoted in the cause', () => {
	const error = failure("States.Format('{}', States.ArrayGetItem($.a, 5))", {a: [1]});
	assert.equal(
		error.cause,
		'There was an error while evaluating the intrinsic function: States.ArrayGetItem($.a, 5). Invalid arguments in States.ArrayGetItem',
	);
});

test('wrong argument counts fail before arguments are read', () => {
	const cases = [
		'States.MathAdd(1)',
		'States.MathAdd(1, 2, 3)',
		'States.UUID(1)',
		'States.Format()',
		"States.Hash('a')",
		'States.JsonMerge($.a, $.b)',
		'States.ArrayRange(1, 2)',
		'States.MathRandom(1)',
		'States.MathRandom(1, 2, 3, 4)',
		'States.StringSplit($.missing)',
	];
	for (const text of cases) {
		const error = failure(text, {a: {}, b: {}});
		assert.equal(error.error, 'States.Runtime', text);
		assert.match(error.cause ?? '', /Invalid arguments in States\.\w+$/, text);
	}
});

test('an unknown function or malformed text fails at run time too', () => {
	assert.match(failure('States.Concat(1)').cause ?? '', /States\.Concat is not an intrinsic function/);
	const malformed = failure('States.Array(1,');
	assert.equal(malformed.error, 'States.Runtime');
	assert.match(malformed.cause ?? '', /^There was an error while evaluating the intrinsic function: States\.Array\(1,\. missing argument$/);
});
