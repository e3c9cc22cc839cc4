import {test} from 'node:test';
import assert from 'node:assert/strict';
import {javaEquals, javaHashCode, javaHashSetDistinct} from '../../source/asl/intrinsics/javaHashSet.js';
import {JavaRandom} from '../../source/asl/intrinsics/javaRandom.js';
import {javaNumberToString, javaToString} from '../../source/asl/intrinsics/javaText.js';

test('javaHashCode matches Object.hashCode of the Java values', () => {
	assert.equal(javaHashCode('hello'), 99162322);
	assert.equal(javaHashCode(''), 0);
	assert.equal(javaHashCode(null), 0);
	assert.equal(javaHashCode(true), 1231);
	assert.equal(javaHashCode(false), 1237);
	assert.equal(javaHashCode(-7), -7);
	assert.equal(javaHashCode(3000000000), -1294967296); // Long
	assert.equal(javaHashCode(1.5), 1073217536); // Double
	assert.equal(javaHashCode([1, 2]), 994); // List.of(1, 2)
	assert.equal(javaHashCode([]), 1);
	assert.equal(javaHashCode({a: 1}), 96); // Map.of("a", 1)
	assert.equal(javaHashCode({a: 1, b: 'x'}), javaHashCode({b: 'x', a: 1}));
});

test('javaEquals: lists by position, maps by content', () => {
	assert.equal(javaEquals({a: [1, {b: null}]}, {a: [1, {b: null}]}), true);
	assert.equal(javaEquals({a: 1, b: 2}, {b: 2, a: 1}), true);
	assert.equal(javaEquals([1, 2], [2, 1]), false);
	assert.equal(javaEquals({a: 1}, {a: 1, b: undefined}), false);
	assert.equal(javaEquals(1, '1'), false);
});

test('javaHashSetDistinct keeps the first of equal values', () => {
	const first = {a: 1, b: 2};
	const [kept] = javaHashSetDistinct([first, {b: 2, a: 1}]);
	assert.equal(kept, first);
});

test('javaToString renders as String.valueOf of plain Java values', () => {
	assert.equal(javaToString({Id: 'arn:x', Tags: ['a', 'b'], Meta: {}}), '{Id=arn:x, Tags=[a, b], Meta={}}');
	assert.equal(javaToString([null, true, 'x', [1]]), '[null, true, x, [1]]');
	assert.equal(javaToString(null), 'null');
});

test('javaNumberToString follows Double.toString for fractional and huge values', () => {
	assert.equal(javaNumberToString(3), '3');
	assert.equal(javaNumberToString(-1.1), '-1.1');
	assert.equal(javaNumberToString(0.001), '0.001');
	assert.equal(javaNumberToString(0.0001), '1.0E-4');
	assert.equal(javaNumberToString(1.5e-7), '1.5E-7');
	assert.equal(javaNumberToString(9999999.5), '9999999.5');
	assert.equal(javaNumberToString(12345678.9), '1.23456789E7');
	assert.equal(javaNumberToString(1e21), '1.0E21');
	assert.equal(javaNumberToString(9007199254740991), '9007199254740991');
});

test('JavaRandom reproduces java.util.Random', () => {
	assert.equal(new JavaRandom(42n).nextInt(), -1170105035);
	assert.equal(new JavaRandom(0n).nextInt(), -1155484576);
	const random = new JavaRandom(-7n);
	for (let i = 0; i < 1000; i++) {
		const n = random.nextIntBelow(7);
		assert.ok(Number.isInteger(n) && n >= 0 && n < 7);
	}
});
