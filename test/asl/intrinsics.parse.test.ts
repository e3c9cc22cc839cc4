import {test} from 'node:test';
import assert from 'node:assert/strict';
import {
	IntrinsicSyntaxError,
	isIntrinsicCall,
	parseIntrinsic,
	validateIntrinsic,
} from '../../source/asl/intrinsics/index.js';

test('a call parses to its name, arguments and source text', () => {
	const call = parseIntrinsic("States.Format('Hello {}', $.name)");
	assert.equal(call.name, 'States.Format');
	assert.equal(call.source, "States.Format('Hello {}', $.name)");
	assert.deepEqual(call.args, [
		{kind: 'string', value: 'Hello {}', raw: 'Hello {}'},
		{kind: 'path', path: '$.name'},
	]);
});

test('literals: numbers, booleans, null, empty calls', () => {
	const call = parseIntrinsic('States.Array(0, -1, 1.5, -2.25e3, 1E2, true, false, null, States.Array())');
	assert.deepEqual(
		call.args.map(arg => ('value' in arg ? arg.value : arg.kind)),
		[0, -1, 1.5, -2250, 100, true, false, 'null', 'call'],
	);
});

test('string escapes resolve in the value and stay in the raw text', () => {
	const [arg] = parseIntrinsic(String.raw`States.Format('it\'s \{\} a \\ path')`).args;
	assert.deepEqual(arg, {kind: 'string', value: "it's {} a \\ path", raw: String.raw`it\'s \{\} a \\ path`});
});

test('unescaped braces and double quotes are ordinary characters in a literal', () => {
	const [arg] = parseIntrinsic(`States.StringToJson('{"a": "b"}')`).args;
	assert.deepEqual(arg, {kind: 'string', value: '{"a": "b"}', raw: '{"a": "b"}'});
});

test('whitespace, including newlines, may surround arguments; literal content keeps it', () => {
	const call = parseIntrinsic("States.StringSplit( 'Hello\nWorld' ,\n'\n' )");
	assert.deepEqual(
		call.args.map(arg => (arg.kind === 'string' ? arg.value : undefined)),
		['Hello\nWorld', '\n'],
	);
});

test('paths keep brackets, quoted commas and filters whole', () => {
	const call = parseIntrinsic("States.Array($['a,b'], $.list[0], $.items[?(@.x == 'y, z')], $$.Execution.Id, $var.field, $)");
	assert.deepEqual(
		call.args.map(arg => (arg.kind === 'path' ? arg.path : arg.kind)),
		["$['a,b']", '$.list[0]', "$.items[?(@.x == 'y, z')]", '$$.Execution.Id', '$var.field', '$'],
	);
});

test('nested calls record their own source', () => {
	const call = parseIntrinsic("States.ArrayGetItem(States.StringSplit($.s, '-'), States.MathAdd(1, -1))");
	const [split, add] = call.args;
	assert.equal(split.kind === 'call' && split.source, "States.StringSplit($.s, '-')");
	assert.equal(add.kind === 'call' && add.source, 'States.MathAdd(1, -1)');
});

test('ten nested calls are allowed, eleven are not', () => {
	const nest = (depth: number): string => (depth === 0 ? '1' : `States.Array(${nest(depth - 1)})`);
	assert.doesNotThrow(() => parseIntrinsic(nest(10)));
	assert.throws(() => parseIntrinsic(nest(11)), (error: unknown) => {
		assert.ok(error instanceof IntrinsicSyntaxError);
		assert.match(error.reason, /more than 10 nested/);
		return true;
	});
});

test('malformed calls are syntax errors', () => {
	const malformed = [
		'States.Array(',
		'States.ArrayLength($.arr',
		'States.Array($.a) trailing',
		'States.ArrayGetItem($.arr, )',
		'States.Array(1.)',
		'States.Array(.5)',
		'States.Array(01)',
		'States.Array([1,2])',
		"States.Format('unterminated)",
		String.raw`States.Base64Decode('YWJj\nZA==')`,
		"States.Format('a' 'b')",
		'States.Array(truest)',
		'States.(1)',
		'$.a',
	];
	for (const text of malformed) {
		assert.throws(() => parseIntrinsic(text), IntrinsicSyntaxError, text);
	}
});

test('parsed trees and syntax errors are cached by text', () => {
	const text = 'States.MathAdd($.a, 1)';
	assert.equal(parseIntrinsic(text), parseIntrinsic(text));
	const bad = 'States.MathAdd($.a,';
	let first: unknown;
	let second: unknown;
	try {
		parseIntrinsic(bad);
	} catch (error) {
		first = error;
	}
	try {
		parseIntrinsic(bad);
	} catch (error) {
		second = error;
	}
	assert.ok(first instanceof IntrinsicSyntaxError);
	assert.equal(first, second);
});

test('isIntrinsicCall tells calls from paths by their start', () => {
	assert.equal(isIntrinsicCall("States.Format('{}', $.a)"), true);
	assert.equal(isIntrinsicCall('States.UUID()'), true);
	assert.equal(isIntrinsicCall('States.Array ($.a'), true);
	assert.equal(isIntrinsicCall('$.States.Format'), false);
	assert.equal(isIntrinsicCall('$$.Execution.Id'), false);
	assert.equal(isIntrinsicCall('States.Format'), false);
	assert.equal(isIntrinsicCall('$'), false);
});

test('validateIntrinsic reports syntax errors and unknown functions, and accepts valid calls', () => {
	assert.equal(validateIntrinsic("States.Format('{}', States.UUID())"), undefined);
	assert.match(validateIntrinsic('States.Array(') ?? '', /Invalid intrinsic function call/);
	assert.equal(validateIntrinsic('States.Concat($.a)'), 'States.Concat is not an intrinsic function');
	assert.equal(validateIntrinsic('States.Array(States.Nope())'), 'States.Nope is not an intrinsic function');
	// Argument counts are a runtime matter on AWS.
	assert.equal(validateIntrinsic('States.MathAdd(1)'), undefined);
});
