/**
 * JSONata templates and expressions as Step Functions evaluates them: which strings are
 * expressions, what `$states` and variables hold, the shape of results, and AWS's
 * States.QueryEvaluationError texts. Expectations marked with a case id come from the
 * conformance cases recorded against AWS.
 */
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {
	evaluateExpression,
	evaluateTemplate,
	expectType,
	isJsonataTemplate,
	templateExpression,
	type JsonataScope,
} from '../../source/asl/jsonata/index.js';
import {ErrorName, EvaluationError} from '../../source/asl/statesError.js';
import {VariableScope} from '../../source/asl/variables.js';

function scopeOf(input: unknown, variables: Record<string, unknown> = {}, extra: Partial<JsonataScope> = {}): JsonataScope {
	const scope = new VariableScope();
	scope.assign(variables);
	return {input, context: {State: {Name: 'State0'}}, variables: scope, ...extra};
}

function failsWith(cause: string | RegExp) {
	return (error: unknown): boolean => {
		assert.ok(error instanceof EvaluationError, `expected an EvaluationError, got ${String(error)}`);
		assert.equal(error.error, ErrorName.QueryEvaluationError);
		if (typeof cause === 'string') assert.equal(error.cause, cause);
		else assert.match(error.cause ?? '', cause);
		return true;
	};
}

const input = {input_value: 'string literal', input_values: [1, 2, 3]};

test('a template string is exactly one {% %} with nothing outside it', () => {
	assert.equal(isJsonataTemplate('{% $states.input %}'), true);
	assert.equal(isJsonataTemplate('{%$states.input%}'), true);
	assert.equal(isJsonataTemplate('{%\n\t$states.input\n%}'), true);
	assert.equal(isJsonataTemplate(' {% states.input %} '), false);
	assert.equal(isJsonataTemplate('Hello {% $name %}'), false);
	assert.equal(isJsonataTemplate('{% incomplete'), false);
	assert.equal(isJsonataTemplate('{%}'), false);
	assert.equal(isJsonataTemplate('$states.input'), false);
	assert.equal(isJsonataTemplate(42), false);
	assert.equal(isJsonataTemplate(null), false);
	assert.equal(templateExpression('{%   $states.input.a  %}'), '$states.input.a');
});

test('literals of every kind pass through untouched (BASE_LAMBDA_LITERALS)', async () => {
	const literals = {
		constant_null: null,
		constant_int: 0,
		constant_float: 0.1,
		constant_bool: true,
		constant_str: 'constant string',
		constant_not_jsonata: ' {% states.input %} ',
		constant_varpath_states: '$states.input',
		constant_varpath: '$no.such.var.path',
		constant_intrinsic: "States.Format('{}', $varname)",
		constant_lst_empty: [],
		constant_lst: [null, 0, 0.1, true, [], {constant: 0}, ' {% states.input %} ', '$states.input'],
		constant_obj_empty: {},
		constant_obj: {in_obj_constant_lst: [null, 0, {constant: 0}], in_obj_constant_obj: {constant: 0}},
	};
	assert.deepEqual(await evaluateTemplate(literals, scopeOf(input), 'Arguments'), literals);
	for (const literal of [null, true, 0.1, 0, 'string literal', []]) {
		assert.deepEqual(await evaluateTemplate(literal, scopeOf(input), 'Output'), literal);
	}
});

test('expressions anywhere in a template are evaluated (BASE_EXPR, LIST_RICH)', async () => {
	const scope = scopeOf(input, {var_input_value: 'string literal', var_constant_1: 1});
	assert.deepEqual(
		await evaluateTemplate(
			{
				ja_states_context: '{% $states.context %}',
				ja_states_input: '{% $states.input %}',
				ja_var_access: '{% $var_input_value %}',
				ja_expr: '{% $sum($states.input.input_values) + $var_constant_1 %}',
			},
			scope,
			'Output',
		),
		{ja_states_context: {State: {Name: 'State0'}}, ja_states_input: input, ja_var_access: 'string literal', ja_expr: 7},
	);
	assert.deepEqual(
		await evaluateTemplate(
			[null, 0, 0.1, true, 'string', [], '$nosuchvar', '$.no.such.path', '{% $states.input %}', {key: '{% true %}'}],
			scopeOf({input_value: 'stringliteral'}),
			'Output',
		),
		[null, 0, 0.1, true, 'string', [], '$nosuchvar', '$.no.such.path', {input_value: 'stringliteral'}, {key: true}],
	);
	// A whole-field expression (BASE_DIRECT_EXPR) may return any JSON value.
	assert.equal(await evaluateTemplate('{% $sum($states.input.input_values) + $var_constant_1 %}', scope, 'Output'), 7);
});

test('the result is a fresh value: writing into it leaves the input and the template alone', async () => {
	const stateInput = {nested: {list: [1, 2]}};
	const template = {copy: '{% $states.input %}', literal: {list: [1]}};
	const result = (await evaluateTemplate(template, scopeOf(stateInput), 'Output')) as {
		copy: {nested: {list: number[]}};
		literal: {list: number[]};
	};
	result.copy.nested.list.push(3);
	result.literal.list.push(2);
	assert.deepEqual(stateInput, {nested: {list: [1, 2]}});
	assert.deepEqual(template.literal, {list: [1]});
});

test('an undefined result fails with AWS text naming the expression and the field path', async () => {
	// BASE_UNDEFINED_OUTPUT_FIELD and BASE_UNDEFINED_ARGUMENTS
	await assert.rejects(
		evaluateTemplate({result: '{% $doesNotExist %}'}, scopeOf({}), 'Output'),
		failsWith("The JSONata expression '$doesNotExist' specified for the field 'Output/result' returned nothing (undefined)."),
	);
	await assert.rejects(
		evaluateTemplate('{% $doesNotExist %}', scopeOf({}), 'Arguments'),
		failsWith("The JSONata expression '$doesNotExist' specified for the field 'Arguments' returned nothing (undefined)."),
	);
	await assert.rejects(
		evaluateTemplate([1, '{% $nope %}', 3], scopeOf({}), 'Items'),
		failsWith("The JSONata expression '$nope' specified for the field 'Items[1]' returned nothing (undefined)."),
	);
	await assert.rejects(
		evaluateTemplate({Payload: {list: [{name: '{% $states.input.missing %}'}]}}, scopeOf({}), 'Arguments'),
		failsWith(
			"The JSONata expression '$states.input.missing' specified for the field 'Arguments/Payload/list[0]/name' returned nothing (undefined).",
		),
	);
});

test('a jsonata error fails with its code and message (test_math_random_seeded)', async () => {
	await assert.rejects(
		evaluateTemplate(
			{FunctionResult: '{% $randomSeeded($states.input.FunctionInput.fst) %}'},
			scopeOf({FunctionInput: 'fst'}),
			'Output',
		),
		failsWith(
			"The JSONata expression '$randomSeeded($states.input.FunctionInput.fst)' specified for the field 'Output/FunctionResult' threw an error during evaluation. T1006: Attempted to invoke a non-function",
		),
	);
	await assert.rejects(
		evaluateExpression('1 < "a"', scopeOf({}), 'Condition'),
		failsWith(
			'The JSONata expression \'1 < "a"\' specified for the field \'Condition\' threw an error during evaluation. T2009: The values 1 and "a" either side of operator "<" must be of the same data type',
		),
	);
	await assert.rejects(
		evaluateExpression('$sum(["a"])', scopeOf({}), 'Output'),
		failsWith(/threw an error during evaluation\. T0412: Argument 1 of function "sum" must be an array of "numbers"$/),
	);
	await assert.rejects(
		evaluateExpression('$error("custom failure")', scopeOf({}), 'Output'),
		failsWith(/threw an error during evaluation\. D3137: custom failure$/),
	);
	// A syntax error only surfaces here if validation let the definition through.
	await assert.rejects(
		evaluateExpression(' 1 + ', scopeOf({}), 'Output'),
		failsWith("The JSONata expression '1 +' specified for the field 'Output' threw an error during evaluation. S0207: Unexpected end of expression"),
	);
});

test('evaluation is bounded at AWS depth of 100', async () => {
	const additions = (terms: number) => Array.from({length: terms}, () => '1').join(' + ');
	assert.equal(await evaluateExpression(additions(100), scopeOf({}), 'Output'), 100);
	await assert.rejects(
		evaluateExpression(additions(101), scopeOf({}), 'Output'),
		failsWith(
			/specified for the field 'Output' threw an error during evaluation: Stack overflow error: Check for non-terminating recursive function\. {2}Consider rewriting as tail-recursive\.$/,
		),
	);
	// AWS answers a non-tail-recursive depth of 30 and refuses 40.
	const recursion = (n: number) => `($f := function($x){ $x <= 0 ? 0 : 1 + $f($x - 1) }; $f(${n}))`;
	assert.equal(await evaluateExpression(recursion(30), scopeOf({}), 'Output'), 30);
	await assert.rejects(evaluateExpression(recursion(40), scopeOf({}), 'Output'), failsWith(/Stack overflow error/));
});

test('something other than a jsonata error is an internal error with a fresh reference', async () => {
	const hostile = new Proxy(
		{},
		{
			get() {
				throw new TypeError('boom');
			},
		},
	);
	await assert.rejects(evaluateExpression('$hostile.field', scopeOf({}, {hostile}), 'Output'), (error: unknown) => {
		assert.ok(error instanceof EvaluationError);
		assert.match(
			error.cause ?? '',
			/^The JSONata expression '\$hostile\.field' specified for the field 'Output' threw an internal error during evaluation\. [0-9a-f-]{36}$/,
		);
		assert.ok(error.origin instanceof TypeError);
		return true;
	});
});

test('$states holds result and errorOutput only where the field has them', async () => {
	const plain = scopeOf({a: 1});
	assert.equal(await evaluateExpression('$exists($states.result)', plain, 'Output'), false);
	assert.equal(await evaluateExpression('$exists($states.errorOutput)', plain, 'Output'), false);
	assert.deepEqual(await evaluateExpression('$keys($states)', plain, 'Output'), ['input', 'context']);

	const afterTask = scopeOf({a: 1}, {}, {result: {Payload: {status: 'completed'}}});
	assert.equal(await evaluateExpression('$states.result.Payload.status', afterTask, 'Assign/status'), 'completed');
	// A null result is a result.
	assert.equal(await evaluateExpression('$exists($states.result)', scopeOf({}, {}, {result: null}), 'Output'), true);

	const errorOutput = {Error: 'Exception', Cause: '{"errorMessage":"Some exception was raised."}'};
	const inCatch = scopeOf({inputData: 'dummy'}, {}, {errorOutput});
	assert.deepEqual(
		await evaluateTemplate({stateInput: '{% $states.input %}', stateError: '{% $states.errorOutput %}'}, inCatch, 'Catch[0]/Output'),
		{stateInput: {inputData: 'dummy'}, stateError: errorOutput},
	);
});

test('workflow variables are $name, inner scopes shadow outer ones, and none can replace $states', async () => {
	const outer = new VariableScope();
	outer.assign({ItemsVar: ['Item1', 'Item2'], shared: 'outer', states: 'not the states'});
	const inner = outer.child();
	inner.assign({shared: 'inner'});
	const scope: JsonataScope = {input: {x: 1}, context: {Map: {Item: {Value: 'Item1'}}}, variables: inner};
	assert.deepEqual(
		await evaluateTemplate(
			{map_item_value: '{% $states.context.Map.Item.Value %}', var_sample: '{% $ItemsVar %}', shared: '{% $shared %}', x: '{% $states.input.x %}'},
			scope,
			'ItemSelector',
		),
		{map_item_value: 'Item1', var_sample: ['Item1', 'Item2'], shared: 'inner', x: 1},
	);
	// test_numbered_mock_responses: an unassigned variable does not exist yet.
	assert.equal(await evaluateExpression("$exists($status) ? 'completed' : 'running'", scope, 'Arguments/Payload/status'), 'running');
});

test('expressions from the recorded AWS scenarios evaluate as on AWS', async () => {
	const empty = scopeOf({});
	assert.equal(await evaluateExpression('$contains("hello$world", /^hello\\$/)', empty, 'Output'), true);
	assert.equal(await evaluateExpression("$contains('hello$world', /^hello\\ /)", empty, 'Output'), false);
	assert.deepEqual(
		await evaluateExpression('$merge([$states.input.part1, $states.input.part2])', scopeOf({part1: {hello: 'world'}, part2: {foo: 'bar'}}), 'Output'),
		{hello: 'world', foo: 'bar'},
	);
	assert.equal(await evaluateExpression('$variable := 1', empty, 'MaxConcurrency'), 1);
	assert.equal(await evaluateExpression(`$var = '"'`, scopeOf({}, {var: '"'}), 'Output'), true);
	const choiceInput = scopeOf({type: 'Private', value: 22});
	assert.equal(await evaluateExpression("$not($states.input.type = 'Private')", choiceInput, 'Choices[0]/Condition'), false);
	assert.equal(await evaluateExpression('$states.input.value >= 20 and $states.input.value < 30', choiceInput, 'Choices[2]/Condition'), true);
});

test('results are plain JSON: sequences become arrays, singletons collapse as JSONata says', async () => {
	const many = await evaluateExpression('$states.input.x.y', scopeOf({x: [{y: 1}, {y: 2}]}), 'Output');
	assert.deepEqual(many, [1, 2]);
	assert.deepEqual(Object.keys(many as object), ['0', '1'], 'no sequence flag left on the array');
	assert.equal(await evaluateExpression('$states.input.x.y', scopeOf({x: [{y: 1}]}), 'Output'), 1);
	// An array value stays an array, even with one element (test_map_state_items_input_array[singleton]).
	assert.deepEqual(await evaluateExpression('$states.input.items', scopeOf({items: [0]}), 'Output'), [0]);
	assert.deepEqual(await evaluateExpression('[0]', scopeOf({}), 'Items'), [0]);
	assert.deepEqual(await evaluateExpression('[]', scopeOf({}), 'Items'), []);
	assert.deepEqual(await evaluateExpression("{'a': $nothing, 'b': 1}", scopeOf({}), 'Output'), {b: 1});
	assert.deepEqual(await evaluateExpression('$states.input.{"k": v}', scopeOf([{v: 1}, {v: 2}]), 'Output'), [{k: 1}, {k: 2}]);
});

test('numbers JSON cannot hold come back as AWS writes them', async () => {
	assert.equal(await evaluateExpression('1/0', scopeOf({}), 'Output'), 'Infinity');
	assert.deepEqual(await evaluateExpression('[1/0, -1/0, $parseInteger("abc", "0")]', scopeOf({}), 'Output'), [
		'Infinity',
		'-Infinity',
		'NaN',
	]);
	assert.ok(Object.is(await evaluateExpression('-0', scopeOf({}), 'Output'), 0));
	assert.equal(await evaluateExpression('$string(1e21)', scopeOf({}), 'Output'), '1e+21');
	assert.equal(await evaluateExpression('$string(1e20)', scopeOf({}), 'Output'), '100000000000000000000');
});

test('a function is not a result', async () => {
	await assert.rejects(
		evaluateExpression('$sum', scopeOf({}), 'Output'),
		failsWith("The JSONata expression '$sum' specified for the field 'Output' returned an unsupported result type."),
	);
	await assert.rejects(
		evaluateTemplate({f: '{% {"inner": function($x){$x}} %}'}, scopeOf({}), 'Output'),
		failsWith(/for the field 'Output\/f' returned an unsupported result type\.$/),
	);
});

test('expectType gives fields AWS sentence for a value of the wrong kind', () => {
	const cases: [unknown, string][] = [
		[true, "Expected 'array', but was 'boolean' for value: true"],
		[null, "Expected 'array', but was 'null' for value: null"],
		[1, "Expected 'array', but was 'number' for value: 1"],
		['string', `Expected 'array', but was 'string' for value: "string"`],
		[{foo: 'bar'}, `Expected 'array', but was 'object' for value: {"foo":"bar"}`],
	];
	for (const [value, tail] of cases) {
		assert.throws(
			() => expectType(value, 'array', '$ItemsVar', 'Items'),
			failsWith(`The JSONata expression '$ItemsVar' specified for the field 'Items' returned an unexpected result type. ${tail}`),
		);
	}
	assert.throws(() => expectType(1.5, 'integer', '$states.input.t', 'TimeoutSeconds'), failsWith(/Expected 'integer', but was 'number' for value: 1.5$/));
	assert.throws(() => expectType('true', 'boolean', "'true'", 'Choices[0]/Condition'), failsWith(/Expected 'boolean', but was 'string'/));
	assert.throws(() => expectType([], 'object', '[]', 'Output'), failsWith(/Expected 'object', but was 'array'/));

	const items: unknown = [1, 2];
	expectType(items, 'array', '$x', 'Items');
	assert.equal(items.length, 2);
	expectType(3, 'integer', '3', 'TimeoutSeconds');
	expectType(0.5, 'number', '0.5', 'ToleratedFailurePercentage');
	expectType(false, 'boolean', 'false', 'Condition');
	expectType('x', 'string', "'x'", 'Error');
	expectType({}, 'object', '{}', 'Output');
});

test('one compiled expression serves concurrent evaluations with their own bindings', async () => {
	const results = await Promise.all(
		Array.from({length: 40}, (_, index) => evaluateTemplate({doubled: '{% $states.input.n * 2 %}', seen: '{% $n %}'}, scopeOf({n: index}, {n: `variable ${index}`}), 'Output')),
	);
	results.forEach((result, index) => assert.deepEqual(result, {doubled: index * 2, seen: `variable ${index}`}));
});
