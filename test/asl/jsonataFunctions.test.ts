/**
 * The functions Step Functions adds to JSONata ($partition, $range, $hash, $random,
 * $uuid, $parse) and the built-ins it changes ($eval gone, $now/$millis on the engine
 * clock). Expected values come from the recorded conformance cases, AWS's docs, and
 * AWS answers measured through TestState where the docs are silent.
 */
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {evaluateExpression, evaluateTemplate, type JsonataScope} from '../../source/asl/jsonata/index.js';
import {ErrorName, EvaluationError} from '../../source/asl/statesError.js';
import {VariableScope} from '../../source/asl/variables.js';

function scopeOf(input: unknown = {}, extra: Partial<JsonataScope> = {}): JsonataScope {
	return {input, context: {}, variables: new VariableScope(), ...extra};
}

const evaluate = (expression: string, input?: unknown) => evaluateExpression(expression, scopeOf(input), 'Output');

/** The part of the cause after AWS's sentence naming the expression and the field. */
function failsWith(tail: string) {
	return (error: unknown): boolean => {
		assert.ok(error instanceof EvaluationError, `expected an EvaluationError, got ${String(error)}`);
		assert.equal(error.error, ErrorName.QueryEvaluationError);
		assert.ok(error.cause?.endsWith(tail), `cause ${JSON.stringify(error.cause)} should end with ${JSON.stringify(tail)}`);
		return true;
	};
}

const nothing = ' returned nothing (undefined).';
const signature = (argument: number, name: string) =>
	`threw an error during evaluation. T0410: Argument ${argument} of function "${name}" does not match function signature`;

test('$partition chunks an array, the last chunk holding the rest', async () => {
	assert.deepEqual(await evaluate('$partition([1, 2, 3, 4, 5, 6, 7, 8, 9], 3)'), [
		[1, 2, 3],
		[4, 5, 6],
		[7, 8, 9],
	]);
	assert.deepEqual(await evaluate('$partition([1, 2, 3, 4, 5], 2)'), [[1, 2], [3, 4], [5]]);
	// Recorded on AWS (test_array_partition): one chunk stays an array of arrays.
	for (const size of [1, 2, 3, 4, 5]) assert.deepEqual(await evaluate(`$partition([0], ${size})`), [[0]]);
	assert.deepEqual(await evaluate('$partition([0, 1], 1)'), [[0], [1]]);
	assert.deepEqual(await evaluate('$partition([0, 1], 2)'), [[0, 1]]);
	assert.deepEqual(await evaluate('$partition([0, 1, 2], 2)'), [[0, 1], [2]]);
	assert.deepEqual(await evaluate('$partition($states.input.a, 5)', {a: [0, 1, 2]}), [[0, 1, 2]]);
});

test('$partition edge cases answer as AWS does', async () => {
	assert.deepEqual(await evaluate('$partition([1, 2, 3])'), [[1, 2, 3]]);
	assert.deepEqual(await evaluate('$partition([1, 2, 3, 4, 5], 2.9)'), [[1, 2], [3, 4], [5]]);
	for (const expression of ['$partition([], 2)', '$partition([1, 2, 3], 0)', '$partition([1, 2, 3, 4], -0.5)', '$partition($nothing, 2)']) {
		await assert.rejects(evaluate(expression), failsWith(nothing), expression);
	}
	await assert.rejects(
		evaluate('$partition([1, 2, 3], -1)'),
		failsWith('threw an error during evaluation. D3137: Second argument must be zero or greater'),
	);
	for (const notAnArray of ['null', '"abc"', '{"a": 1}', '5']) {
		await assert.rejects(
			evaluate(`$partition(${notAnArray}, 2)`),
			failsWith('threw an error during evaluation. T0412: Argument 1 of function "partition" must be an array of undefined'),
		);
	}
	await assert.rejects(evaluate('$partition([1], "2")'), failsWith(signature(2, 'partition')));
	await assert.rejects(evaluate("$partition([1, 2, 3], 2, 'x')"), failsWith(signature(3, 'partition')));
});

test('$range counts from start to end inclusive by step (test_array_range)', async () => {
	const recorded: [number, number, number, unknown][] = [
		[0, 9, 3, [0, 3, 6, 9]],
		[0, 10, 3, [0, 3, 6, 9]],
		[1, 9, 9, 1],
		[1, 9, 2, [1, 3, 5, 7, 9]],
	];
	for (const [fst, snd, trd, expected] of recorded) {
		assert.deepEqual(
			await evaluate(
				'$range($states.input.FunctionInput.fst, $states.input.FunctionInput.snd, $states.input.FunctionInput.trd)',
				{FunctionInput: {fst, snd, trd}},
			),
			expected,
		);
	}
	assert.deepEqual(await evaluate('$range(0, 10, 2)'), [0, 2, 4, 6, 8, 10]);
	assert.deepEqual(await evaluate('$range(10, 0, -2)'), [10, 8, 6, 4, 2, 0]);
});

test('$range rounds towards zero, and gives nothing for a step that cannot reach the end', async () => {
	assert.deepEqual(await evaluate('$range(1.7, 5, 1)'), [1, 2, 3, 4, 5]);
	assert.deepEqual(await evaluate('$range(-1.7, 2, 1)'), [-1, 0, 1, 2]);
	assert.deepEqual(await evaluate('$range(-2.9, 0, 1)'), [-2, -1, 0]);
	assert.deepEqual(await evaluate('$range(5, 1, -1.5)'), [5, 4, 3, 2, 1]);
	// One element is a sequence of one, so it is the bare number unless asked for an array.
	assert.equal(await evaluate('$range(3, 3, 1)'), 3);
	assert.deepEqual(await evaluate('[$range(3, 3, 1)]'), [3]);
	assert.equal(await evaluate('$count($range(-9223372036854775808, 9223372036854775807, 9223372036854775807))'), 3);
	for (const expression of ['$range(5, 1, 1)', '$range(1, 5, -1)', '$range(1, 5, 0)', '$range(1, 5)']) {
		await assert.rejects(evaluate(expression), failsWith(nothing), expression);
	}
	await assert.rejects(evaluate('$range(1)'), failsWith(signature(2, 'range')));
	await assert.rejects(evaluate('$range("1", 5, 1)'), failsWith(signature(1, 'range')));
	await assert.rejects(evaluate("$range(1, 5, 1, 'x')"), failsWith(signature(4, 'range')));
	await assert.rejects(evaluate('$range(0, 1e12, 1)'), failsWith('D2014: The size of the sequence allocated by the range operator (..) must not exceed 1e7.  Attempted to allocate 1000000000001.'));
});

test('$hash gives the hex digest of the UTF-8 text for each of AWS five algorithms', async () => {
	const digests: Record<string, string> = {
		MD5: '8b1a9953c4611296a827abf8c47804d7',
		'SHA-1': 'f7ff9e8b7bb2e09b70935a5d785e0cc5d9d0abf0',
		'SHA-256': '185f8db32271fe25f561a6fc938b2e264306ec304eda518007d1764826381969',
		'SHA-384': '3519fe5ad2c596efe3e276a6f351b8fc0b03db861782490d45f7598ebd0ab5fd5520ed102f38c4a5ec834e98668035fc',
		'SHA-512':
			'3615f80c9d293ed7402687f94b22d58e529b8cc7916f8fac7fddf7fbd5af4cf777d3d795a7a00a16bf7e7f3fb9561ee9baae480da9fe7a18769e71886b03f315',
	};
	for (const [algorithm, digest] of Object.entries(digests)) {
		assert.equal(await evaluate(`$hash($states.input.content, '${algorithm}')`, {content: 'Hello'}), digest, algorithm);
	}
	assert.equal(await evaluate("$hash('ñ', 'MD5')"), '94e9342ecbb1458b6043ecd3bfcbc192');
});

test('$hash refuses what AWS refuses', async () => {
	for (const algorithm of ['md5', 'SHA3-256']) {
		await assert.rejects(
			evaluate(`$hash('Hello', '${algorithm}')`),
			failsWith(`threw an error during evaluation. D3137: Hash algorithm '${algorithm}' must be one of SHA-1, SHA-384, SHA-256, SHA-512, MD5`),
		);
	}
	await assert.rejects(evaluate("$hash('Hello')"), failsWith(nothing));
	await assert.rejects(evaluate("$hash(42, 'MD5')"), failsWith(signature(1, 'hash')));
	await assert.rejects(evaluate("$hash('a', 5)"), failsWith(signature(2, 'hash')));
	await assert.rejects(evaluate("$hash('a', 'MD5', 'x')"), failsWith(signature(3, 'hash')));
});

test('$random draws in [0, 1), and a seed repeats what java.util.Random draws on AWS', async () => {
	const draw = (await evaluate('$random()')) as number;
	assert.ok(draw >= 0 && draw < 1);
	assert.equal(await evaluate('$random() = $random()'), false);
	assert.equal(await evaluate('$random(42)'), 0.7275636800328681);
	assert.equal(await evaluate('$random(0)'), 0.730967787376657);
	assert.equal(await evaluate('$random($states.input.seed)', {seed: 7}), 0.7306990420600421);
	assert.equal(await evaluate('$random(0.9)'), 0.730967787376657);
	await assert.rejects(evaluate('$random(1, 2)'), failsWith(signature(2, 'random')));
	await assert.rejects(evaluate("$random('seed')"), failsWith(signature(1, 'random')));
});

test('$uuid gives a fresh version 4 UUID and takes no argument', async () => {
	assert.match((await evaluate('$uuid()')) as string, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
	assert.equal(await evaluate('$uuid() = $uuid()'), false);
	await assert.rejects(evaluate("$uuid('seed')"), failsWith(signature(1, 'uuid')));
});

test('$parse reads JSON text (test_parse)', async () => {
	const recorded: [string, unknown][] = [
		['-0', 0],
		['1', 1],
		['1.1', 1.1],
		['true', true],
		['"HelloWorld"', 'HelloWorld'],
		['[1, 2, "HelloWorld"]', [1, 2, 'HelloWorld']],
		['{"Arg1": 1, "Arg2": []}', {Arg1: 1, Arg2: []}],
	];
	for (const [text, expected] of recorded) {
		const value = await evaluate('$parse($states.input.FunctionInput)', {FunctionInput: text});
		assert.deepEqual(value, expected, text);
		if (text === '-0') assert.ok(Object.is(value, 0), '-0 comes back as 0');
	}
	assert.deepEqual(Object.keys((await evaluate(`$parse('{"b":1,"a":2}')`)) as object), ['b', 'a']);
	assert.equal(await evaluate(`$parse('{"joinable": true}').joinable`), true);
	assert.equal(await evaluate(`$exists($parse('null'))`), true);
	assert.deepEqual(await evaluate(`$map(['{"a":1}', '{"a":2}'], $parse).a`), [1, 2]);
});

test('$parse refuses text AWS refuses, including what JSON.parse lets through', async () => {
	for (const text of ['', '  ', 'not valid json', '{"a":1}{"b":2}', '[1,2] [3,4]', '{"a":1,"a":2}', '{"o":{"k":1,"k":2}}', '1e400', '[1' + '0'.repeat(400) + ']']) {
		await assert.rejects(
			evaluate('$parse($states.input.text)', {text}),
			failsWith('threw an error during evaluation. D3137: Invalid JSON'),
			JSON.stringify(text),
		);
	}
	// The same key in sibling objects, or as a string value, is no repetition.
	assert.deepEqual(await evaluate('$parse($states.input.text)', {text: '[{"a":1},{"a":2,"b":"a"}]'}), [{a: 1}, {a: 2, b: 'a'}]);
	assert.deepEqual(await evaluate('$parse($states.input.text)', {text: '{"a\\"b":1,"a":{"a":2}}'}), {'a"b': 1, a: {a: 2}});
	await assert.rejects(evaluate('$parse()'), failsWith(nothing));
	await assert.rejects(evaluate('$parse(null)'), failsWith(signature(1, 'parse')));
	await assert.rejects(evaluate("$parse('{}', 'x')"), failsWith(signature(2, 'parse')));
});

test('$eval is not available: Step Functions removes it in favour of $parse', async () => {
	await assert.rejects(
		evaluate('$eval("1 + 1")'),
		failsWith(`The JSONata expression '$eval("1 + 1")' specified for the field 'Output' threw an error during evaluation. T1006: Attempted to invoke a non-function`),
	);
});

test('$now and $millis read the engine clock, one instant for a whole field', async () => {
	const instant = Date.UTC(2025, 0, 16, 10, 0, 0, 123);
	let readings = 0;
	const scope = scopeOf({}, {
		now: () => {
			readings++;
			return instant;
		},
	});
	assert.deepEqual(
		await evaluateTemplate(
			{iso: '{% $now() %}', millis: '{% $millis() %}', year: "{% $now('[Y0001]') %}", local: "{% $now('[H01]:[m01]', '+0130') %}", same: '{% $now() = $now() %}'},
			scope,
			'Output',
		),
		{iso: '2025-01-16T10:00:00.123Z', millis: instant, year: '2025', local: '11:30', same: true},
	);
	assert.equal(readings, 1);
	assert.equal(await evaluateExpression('$now()', scopeOf({}, {now: () => new Date(instant)}), 'Output'), '2025-01-16T10:00:00.123Z');
	const real = (await evaluate('$millis()')) as number;
	assert.ok(Math.abs(real - Date.now()) < 5_000, 'real time without an engine clock');
	await assert.rejects(evaluate('$millis(1)'), failsWith(signature(1, 'millis')));
});

test('a workflow variable may reuse the name of an added function', async () => {
	const variables = new VariableScope();
	variables.assign({hash: 'not a function'});
	assert.equal(await evaluateExpression('$hash', {input: {}, context: {}, variables}, 'Output'), 'not a function');
});
