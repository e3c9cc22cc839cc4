import {test} from 'node:test';
import assert from 'node:assert/strict';
import {evaluateIntrinsic} from '../../source/asl/intrinsics/index.js';
import {EvaluationError} from '../../source/asl/statesError.js';
import {VariableScope} from '../../source/asl/variables.js';

function run(text: string, input: unknown = {}): unknown {
	return evaluateIntrinsic(text, {input, context: {}, variables: new VariableScope()});
}

/** Asserts the call fails as AWS reports an invalid argument of `fn`. */
function rejects(text: string, input: unknown = {}, message = /Invalid arguments in States\.\w+/): void {
	assert.throws(
		() => run(text, input),
		(error: unknown) => {
			assert.ok(error instanceof EvaluationError, `${text}: ${String(error)}`);
			assert.equal(error.error, 'States.Runtime', text);
			assert.match(error.cause ?? '', /^There was an error while evaluating the intrinsic function: /, text);
			assert.match(error.cause ?? '', message, text);
			return true;
		},
		text,
	);
}

test('States.Format fills placeholders in order', () => {
	assert.equal(run("States.Format('Hello {}, welcome to {}!', $.name, $.place)", {name: 'John', place: 'LocalStack'}), 'Hello John, welcome to LocalStack!');
	assert.equal(run("States.Format('no placeholders')"), 'no placeholders');
	assert.equal(run('States.Format($.t, $.v)', {t: "It's {}!", v: 'Pikachu'}), "It's Pikachu!");
	assert.equal(run("States.Format('  {}  ', ' ')"), '   ' + '  ');
});

test('States.Format renders values as AWS does: strings raw, objects and arrays Java-style, null as null', () => {
	const input = {s: '{"Arg1": 1}', o: {Arg1: 1, Arg2: [], Nested: {x: 'y'}}, a: [1, 'two', null, [true]], n: null, b: false, i: -1, f: 1.1, big: 9007199254740991};
	assert.equal(
		run("States.Format('{}|{}|{}|{}|{}|{}|{}|{}', $.s, $.o, $.a, $.n, $.b, $.i, $.f, $.big)", input),
		'{"Arg1": 1}|{Arg1=1, Arg2=[], Nested={x=y}}|[1, two, null, [true]]|null|false|-1|1.1|9007199254740991',
	);
	assert.equal(run("States.Format('{} {} {}', 0.0001, 12345678.5, 100000000000000000000000)"), '1.0E-4 1.23456785E7 1.0E23');
});

test('States.Format escapes: backslash keeps braces and quotes literal', () => {
	assert.equal(run(String.raw`States.Format('Name: \'{}\', set: \{\}, path: C:\\dir', $.n)`, {n: 'Gabriel'}), "Name: 'Gabriel', set: {}, path: C:\\dir");
	// A template from the input is read the same way; other backslashes are data.
	assert.equal(run('States.Format($.t, 1)', {t: String.raw`\{{}\} C:\temp`}), String.raw`{1} C:\temp`);
});

test('States.Format rejects a bad template, a non-string template and a placeholder count mismatch', () => {
	rejects("States.Format('Hello {', 'x')", {}, /Invalid template in States\.Format: matching '\}' not found for '\{'\.$/);
	rejects("States.Format('Hello {{}}', 'x')", {}, /Invalid template in States\.Format/);
	rejects("States.Format('}')", {}, /Invalid template in States\.Format: matching '\{' not found for '\}'\.$/);
	rejects("States.Format('{} {}', 'x')", {}, /Invalid arguments in States\.Format: number of arguments do not match the occurrences of \{\}\.$/);
	rejects("States.Format('{}', 'x', 'y')", {}, /number of arguments do not match/);
	rejects('States.Format($.t, 1)', {t: 123});
});

test('States.StringSplit splits on any of the delimiter characters and drops empty tokens', () => {
	assert.deepEqual(run("States.StringSplit('a,b,c', ',')"), ['a', 'b', 'c']);
	assert.deepEqual(run("States.StringSplit('This.is+a,test=string', '.+,=')"), ['This', 'is', 'a', 'test', 'string']);
	assert.deepEqual(run("States.StringSplit(',,a,,b,', ',')"), ['a', 'b']);
	assert.deepEqual(run("States.StringSplit(',,,,', ',')"), []);
	assert.deepEqual(run("States.StringSplit('', ',')"), []);
	assert.deepEqual(run("States.StringSplit(' , ', ',')"), [' ', ' ']);
	assert.deepEqual(run("States.StringSplit('abc', '')"), ['abc']);
	assert.deepEqual(run("States.StringSplit('a🚀b', '🚀')"), ['a', 'b']);
	rejects("States.StringSplit($.v, ',')", {v: 123});
	rejects("States.StringSplit($.v, ',')", {v: null});
	rejects('States.StringSplit($.s, $.d)', {s: 'a,b', d: [',']});
});

test('States.StringToJson parses JSON text; an empty string is null', () => {
	assert.deepEqual(run('States.StringToJson($.s)', {s: ' {"a":[1,true,null]} '}), {a: [1, true, null]});
	assert.equal(run('States.StringToJson($.s)', {s: '"hello"'}), 'hello');
	assert.equal(run('States.StringToJson($.s)', {s: '123'}), 123);
	assert.equal(run('States.StringToJson($.s)', {s: ''}), null);
	rejects('States.StringToJson($.s)', {s: '{bad json}'});
	rejects('States.StringToJson($.s)', {s: '{"a":1'});
	rejects('States.StringToJson($.s)', {s: 'undefined'});
	rejects('States.StringToJson($.s)', {s: {a: 1}});
	rejects('States.StringToJson($.s)', {s: 123});
});

test('States.JsonToString writes compact JSON of any value', () => {
	assert.equal(run('States.JsonToString($.v)', {v: {Arg1: 1, Arg2: []}}), '{"Arg1":1,"Arg2":[]}');
	assert.equal(run('States.JsonToString($.v)', {v: [1, 2, 'HelloWorld']}), '[1,2,"HelloWorld"]');
	assert.equal(run('States.JsonToString($.v)', {v: 'HelloWorld'}), '"HelloWorld"');
	assert.equal(run('States.JsonToString($.v)', {v: null}), 'null');
	assert.equal(run("States.JsonToString('x')"), '"x"');
});

test('States.JsonMerge merges shallowly, the right object winning', () => {
	assert.deepEqual(
		run('States.JsonMerge($.a, $.b, false)', {a: {a: {a1: 1}, b: 2, d: 3}, b: {a: {a3: 1}, c: 3, d: 4}}),
		{a: {a3: 1}, b: 2, c: 3, d: 4},
	);
	const merged = run('States.JsonMerge(States.StringToJson($.p), $.b, false)', {p: '{"__proto__": {"polluted": true}}', b: {x: 1}}) as Record<string, unknown>;
	assert.equal(Object.getPrototypeOf(merged), Object.prototype);
	assert.deepEqual(Object.keys(merged), ['__proto__', 'x']);
	// AWS treats any flag but true as shallow.
	assert.deepEqual(run("States.JsonMerge($.a, $.b, 'false')", {a: {x: 1}, b: {y: 2}}), {x: 1, y: 2});
	rejects('States.JsonMerge($.a, $.b, true)', {a: {}, b: {}});
	rejects('States.JsonMerge($.a, $.b, false)', {a: null, b: {}});
	rejects('States.JsonMerge($.a, $.b, false)', {a: {}, b: [1]});
	rejects('States.JsonMerge($.a, $.b, false)', {a: {}, b: 'x'});
});

test('States.Array collects its arguments in order', () => {
	assert.deepEqual(run('States.Array()'), []);
	assert.deepEqual(run("States.Array(42, true, null, 'hello', $.o, States.Array(2, 3))", {o: {k: 1}}), [42, true, null, 'hello', {k: 1}, [2, 3]]);
});

test('States.ArrayPartition chunks an array; fractional sizes are truncated', () => {
	assert.deepEqual(run('States.ArrayPartition($.a, 4)', {a: [1, 2, 3, 4, 5, 6, 7, 8, 9]}), [[1, 2, 3, 4], [5, 6, 7, 8], [9]]);
	assert.deepEqual(run('States.ArrayPartition($.a, 2.6)', {a: [1, 2, 3, 4, 5]}), [[1, 2], [3, 4], [5]]);
	assert.deepEqual(run('States.ArrayPartition($.a, 5)', {a: []}), []);
	assert.deepEqual(run('States.ArrayPartition($.a, 2147483647)', {a: [1, 2]}), [[1, 2]]);
	for (const size of ['0', '0.6', '-1', '-0.4', "'2'", 'null']) rejects(`States.ArrayPartition($.a, ${size})`, {a: [1, 2, 3]});
	rejects("States.ArrayPartition('not-array', 2)");
});

test('States.ArrayContains compares values by their text, as AWS does', () => {
	assert.equal(run('States.ArrayContains($.a, $.v)', {a: [[1, 2, 3], 2], v: [1, 2, 3]}), true);
	assert.equal(run('States.ArrayContains($.a, $.v)', {a: [{1: 2, 2: []}], v: {1: 2, 2: []}}), true);
	assert.equal(run('States.ArrayContains($.a, null)', {a: [1, null]}), true);
	assert.equal(run('States.ArrayContains($.a, $.v)', {a: [], v: []}), false);
	assert.equal(run('States.ArrayContains($.a, false)', {a: [0, 1, -1.5]}), false);
	assert.equal(run('States.ArrayContains($.a, true)', {a: ['true', 'maybe']}), true);
	assert.equal(run('States.ArrayContains($.a, $.v)', {a: [{a: 1, b: 2}], v: {b: 2, a: 1}}), false);
	rejects("States.ArrayContains('not-array', 'x')");
});

test('States.ArrayRange counts up or down, inclusive, at most 1000 items', () => {
	assert.deepEqual(run('States.ArrayRange(1, 9, 2)'), [1, 3, 5, 7, 9]);
	assert.deepEqual(run('States.ArrayRange(5, 1, -2)'), [5, 3, 1]);
	assert.deepEqual(run('States.ArrayRange(3, 3, -1)'), [3]);
	assert.deepEqual(run('States.ArrayRange(5, 1, 1)'), []);
	assert.deepEqual(run('States.ArrayRange(1, 5, -1)'), []);
	assert.deepEqual(run('States.ArrayRange(1.6, 1.4, 1)'), [1]);
	assert.deepEqual(run('States.ArrayRange(5.4, -0.6, -2.4)'), [5, 3, 1]);
	assert.equal((run('States.ArrayRange(1, 1000, 1)') as number[]).length, 1000);
	assert.equal((run('States.ArrayRange(1000, 1, -1)') as number[]).length, 1000);
	rejects('States.ArrayRange(1, 1001, 1)');
	rejects('States.ArrayRange(1001, 1, -1)');
	rejects('States.ArrayRange(1, 10, 0)');
	rejects('States.ArrayRange(1, 10, 0.49)');
	rejects("States.ArrayRange('a', 5, 1)");
	rejects('States.ArrayRange(1, 5, null)');
});

test('States.ArrayGetItem returns one item; indexes are truncated and checked', () => {
	assert.equal(run('States.ArrayGetItem($.a, 2)', {a: [1, 2, 3, 4]}), 3);
	assert.equal(run('States.ArrayGetItem($.a, 1.7)', {a: [10, 20, 30]}), 20);
	assert.deepEqual(run('States.ArrayGetItem($.a, 1)', {a: [{a: 1}, {b: 2}]}), {b: 2});
	assert.equal(run('States.ArrayGetItem($.a, 999)', {a: []}), null);
	rejects('States.ArrayGetItem($.a, 3)', {a: [10, 20, 30]});
	rejects('States.ArrayGetItem($.a, -1)', {a: [10, 20, 30]});
	rejects("States.ArrayGetItem($.a, '1')", {a: [10, 20, 30]});
	rejects("States.ArrayGetItem('not-array', 0)");
});

test('States.ArrayLength counts top-level items', () => {
	assert.equal(run('States.ArrayLength($.a)', {a: [[1], [2], {c: 3}]}), 3);
	assert.equal(run('States.ArrayLength(States.Array())'), 0);
	rejects("States.ArrayLength('not-array')");
	rejects('States.ArrayLength($.o)', {o: {k: 1}});
});

test('States.ArrayUnique removes duplicates and orders them as AWS (a Java HashSet) does', () => {
	assert.deepEqual(run('States.ArrayUnique($.a)', {a: [1, 2, 3, 3, 3, 4]}), [1, 2, 3, 4]);
	assert.deepEqual(run('States.ArrayUnique($.a)', {a: ['a', 'b', 'a', 'c', 'b']}), ['a', 'b', 'c']);
	// Orders recorded on AWS: not first-seen.
	assert.deepEqual(run('States.ArrayUnique($.a)', {a: [true, false, true, false]}), [false, true]);
	assert.deepEqual(run('States.ArrayUnique($.a)', {a: [[1, 2], [1, 2], [2, 1]]}), [[2, 1], [1, 2]]);
	assert.deepEqual(run('States.ArrayUnique($.a)', {a: [null, null, 1, null]}), [null, 1]);
	assert.deepEqual(run('States.ArrayUnique($.a)', {a: [1, '1', 1, '01']}), [1, '1', '01']);
	// Objects equal regardless of key order; the first one seen is kept.
	assert.deepEqual(run('States.ArrayUnique($.a)', {a: [{a: 1, b: 2}, {b: 2, a: 1}]}), [{a: 1, b: 2}]);
	assert.deepEqual(run('States.ArrayUnique($.a)', {a: []}), []);
	rejects("States.ArrayUnique('not-array')");
});

test('States.ArrayUnique orders by bucket of a table grown past 16 entries', () => {
	// 13 distinct values push the table to 32 buckets: 16 then lands after 15, 17 after 1.
	const values = Array.from({length: 13}, (_, i) => i + 5);
	assert.deepEqual(run('States.ArrayUnique($.a)', {a: values.reverse()}), [5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17]);
	// With 16 buckets, 17 shares bucket 1 with 1 and comes after it in insertion order.
	assert.deepEqual(run('States.ArrayUnique($.a)', {a: [17, 2, 1]}), [17, 1, 2]);
});

test('States.Base64Encode and Base64Decode use UTF-8 and cap input at 10,000 characters', () => {
	assert.equal(run('States.Base64Encode($.s)', {s: 'Data to encode'}), 'RGF0YSB0byBlbmNvZGU=');
	assert.equal(run("States.Base64Encode('🚀')"), '8J+agA==');
	assert.equal(run("States.Base64Encode('')"), '');
	assert.equal(run("States.Base64Decode('4pyT')"), '✓');
	assert.equal(run('States.Base64Decode(States.Base64Encode($.s))', {s: 'こんにちは'}), 'こんにちは');
	// Missing padding is tolerated; bytes that are not UTF-8 become U+FFFD.
	assert.equal(run("States.Base64Decode('abc')"), 'i\uFFFD');
	assert.equal(run("States.Base64Decode(' YWJjZA== ')"), 'abcd');
	assert.equal((run('States.Base64Encode($.s)', {s: 'a'.repeat(10_000)}) as string).length, 13_336);
	rejects('States.Base64Encode($.s)', {s: 'a'.repeat(10_001)});
	rejects('States.Base64Decode($.s)', {s: 'A'.repeat(10_001)});
	rejects('States.Base64Encode(123)');
	rejects('States.Base64Encode($.o)', {o: {}});
	rejects('States.Base64Decode($.a)', {a: ['x']});
});

test('States.Hash digests UTF-8 text with the five AWS algorithms', () => {
	const digests: Record<string, string> = {
		'MD5': '812f45842bc6d66ee14572ce20db8e86',
		'SHA-1': 'aaff4a450a104cd177d28d18d74485e8cae074b7',
		'SHA-256': 'b4a697a057313163aee33cd8d40c66e9f0f177e00cac2de32475ffff6169c3e3',
		'SHA-384': 'd28a7d5cf25a74f11a50a18452b75e04bb3d70c9dd0510d6123aa008c756511b87525bdc835ebb27e1fb9e9374a15562',
		'SHA-512': '6ce4adb348546d4f449c4d25aad9a7c9cb711d9e91982d3f0b29ca2f3f47d4ce2deba23bf2954f0f1d593fc50283731a533d30d425402d4f91316d871303aac4',
	};
	for (const [algorithm, digest] of Object.entries(digests)) {
		assert.equal(run('States.Hash($.d, $.a)', {d: 'input data', a: algorithm}), digest, algorithm);
	}
	assert.equal(run("States.Hash('🚀', 'SHA-256')"), 'ebbc0b2870eb323f2b6cffa5c493ceef81ae7eb36afc73d4e0367301631daec5');
	// AWS hashes a number by its text.
	assert.equal(run("States.Hash(123, 'MD5')"), run("States.Hash('123', 'MD5')"));
	assert.equal((run("States.Hash($.s, 'SHA-256')", {s: 'a'.repeat(10_000)}) as string).length, 64);
	rejects("States.Hash($.s, 'SHA-256')", {s: 'a'.repeat(10_001)});
	for (const algorithm of ["'sha-256'", "'SHA256'", "'MD-5'", "''", '123', 'null']) rejects(`States.Hash('data', ${algorithm})`);
});

test('States.MathAdd rounds operands half up and stays within 32-bit integers', () => {
	assert.equal(run('States.MathAdd($.v, -1)', {v: 111}), 110);
	assert.equal(run('States.MathAdd(1.49, 1.5)'), 3);
	assert.equal(run('States.MathAdd(-1.49, -1.5)'), -2);
	assert.equal(run('States.MathAdd(1.6, 2.7)'), 5);
	assert.equal(Object.is(run('States.MathAdd(-0.4, 0)'), 0), true);
	assert.equal(run('States.MathAdd(2147483646, 1)'), 2147483647);
	assert.equal(run('States.MathAdd(-2147483647, -1)'), -2147483648);
	rejects('States.MathAdd(2147483647, 1)');
	rejects('States.MathAdd(-2147483648, -1)');
	rejects('States.MathAdd(3000000000, 1)');
	for (const operand of ["'1'", 'null', 'true', '$.arr']) rejects(`States.MathAdd(${operand}, 1)`, {arr: [1]});
});

test('States.MathRandom returns an integer from start inclusive to end exclusive', () => {
	for (let i = 0; i < 200; i++) {
		const value = run('States.MathRandom(1, 4)') as number;
		assert.ok(Number.isInteger(value) && value >= 1 && value < 4, String(value));
	}
	// Truncated bounds: 1.6 .. 5.4 is 1 .. 5.
	const seen = new Set(Array.from({length: 300}, () => run('States.MathRandom(1.6, 5.4)')));
	assert.deepEqual([...seen].sort(), [1, 2, 3, 4]);
	rejects('States.MathRandom(1, 1)');
	rejects('States.MathRandom(10, 5)');
	rejects('States.MathRandom(1.4, 1.6)');
	rejects("States.MathRandom('a', 10)");
	rejects('States.MathRandom(1, 10, null)');
	rejects("States.MathRandom(1, 10, 'seed')");
});

test('States.MathRandom with a seed repeats, following java.util.Random', () => {
	const first = run('States.MathRandom(0, 999, 3)');
	assert.equal(run('States.MathRandom(0, 999, 3)'), first);
	// In Java new Random(42).nextInt(10) is 0, and nextInt(1024) takes the top ten
	// bits of the first draw (-1170105035 as nextInt()): 745.
	assert.equal(run('States.MathRandom(0, 10, 42)'), 0);
	assert.equal(run('States.MathRandom(100, 1124, 42)'), 845);
	const value = run('States.MathRandom(2147483640, 2147483647, 1)') as number;
	assert.ok(value >= 2147483640 && value < 2147483647);
	assert.ok(Number.isInteger(run('States.MathRandom(1, 10, -10)')));
});

test('States.UUID returns a fresh version 4 UUID', () => {
	const a = run('States.UUID()') as string;
	const b = run('States.UUID()') as string;
	assert.match(a, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
	assert.notEqual(a, b);
});
