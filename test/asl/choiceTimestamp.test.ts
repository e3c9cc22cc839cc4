import {test} from 'node:test';
import assert from 'node:assert/strict';
import {compareInstants, isTimestamp, parseTimestamp} from '../../source/asl/timestamp.js';

function order(a: string, b: string): number {
	const left = parseTimestamp(a);
	const right = parseTimestamp(b);
	assert.ok(left && right, `${a} and ${b} should both parse`);
	return compareInstants(left, right);
}

test('accepts RFC 3339 with uppercase T and a Z or numeric offset', () => {
	for (const text of [
		'2016-03-14T01:59:00Z',
		'2012-10-09T19:00:55+01:00',
		'2012-10-09T19:00:55-05:30',
		'2016-03-14T01:59:00.1Z',
		'2016-03-14T01:59:00.123456789Z',
		'2024-02-29T00:00:00Z',
		'0001-01-01T00:00:00Z',
		'9999-12-31T23:59:59.999999999+18:00',
	]) {
		assert.ok(isTimestamp(text), text);
	}
});

test('rejects what AWS does not treat as a timestamp', () => {
	for (const text of [
		'2012-10-09T19:00:55', // no zone
		'2023-02-24', // date only
		'2023-02-24 12:15:56.832957', // space, no zone
		'2012-10-09t19:00:55Z', // lowercase t
		'2012-10-09T19:00:55z', // lowercase z
		'2012-10-09T19:00Z', // no seconds
		'2012-10-09T19:00:55.Z', // empty fraction
		'2016-03-14T01:59:00.1234567891Z', // beyond nanoseconds
		'2012-10-09T19:00:55+0100', // offset without colon
		'2012-10-09T19:00:55+19:00', // offset beyond java.time's range
		'2023-02-29T00:00:00Z', // not a leap year
		'2023-04-31T00:00:00Z',
		'2023-13-01T00:00:00Z',
		'2023-01-01T24:00:00Z',
		'2023-01-01T23:60:00Z',
		'2016-12-31T23:59:60Z', // leap second
		' 2016-03-14T01:59:00Z',
		'',
	]) {
		assert.equal(isTimestamp(text), false, text);
	}
	assert.equal(isTimestamp(1457920740), false);
	assert.equal(isTimestamp(null), false);
});

test('offsets are folded into the instant', () => {
	assert.equal(order('2016-03-14T02:59:00+01:00', '2016-03-14T01:59:00Z'), 0);
	assert.equal(order('2016-03-13T20:29:00-05:30', '2016-03-14T01:59:00Z'), 0);
	// Later wall-clock time, earlier instant.
	assert.ok(order('2016-03-14T02:00:00+05:00', '2016-03-14T01:00:00Z') < 0);
	// Across a day boundary.
	assert.equal(order('2016-03-15T00:30:00+01:00', '2016-03-14T23:30:00Z'), 0);
});

test('fractional seconds compare at full precision', () => {
	assert.ok(order('2016-03-14T01:59:00.5Z', '2016-03-14T01:59:00Z') > 0);
	assert.equal(order('2016-03-14T01:59:00.100Z', '2016-03-14T01:59:00.1Z'), 0);
	// A millisecond Date would call these equal.
	assert.ok(order('2016-03-14T01:59:00.000000001Z', '2016-03-14T01:59:00Z') > 0);
	assert.ok(order('2016-03-14T01:59:00.0001Z', '2016-03-14T01:59:00.0002Z') < 0);
});

test('instants agree with the Unix epoch, including two-digit years', () => {
	assert.deepEqual(parseTimestamp('1970-01-01T00:00:00Z'), {epochSecond: 0, nano: 0});
	assert.deepEqual(parseTimestamp('2016-03-14T01:59:00.25Z'), {epochSecond: Date.UTC(2016, 2, 14, 1, 59) / 1000, nano: 250_000_000});
	const year99 = new Date(0);
	year99.setUTCFullYear(99, 0, 1);
	assert.equal(parseTimestamp('0099-01-01T00:00:00Z')!.epochSecond, year99.getTime() / 1000);
	assert.ok(order('1969-12-31T23:59:59Z', '1970-01-01T00:00:00Z') < 0);
});
