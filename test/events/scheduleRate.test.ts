// Rate schedules are fixed durations from an anchor; expected instants are plain
// arithmetic on the anchor (the Unix epoch, a Thursday, when none is given).
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {nextFire, nextFires, parseScheduleExpression} from '../../source/events/schedule/index.js';

function fires(text: string, from: string, count: number, anchor?: string, timezone?: string): string[] {
	return nextFires(parseScheduleExpression(text), new Date(from), count, timezone, anchor ? new Date(anchor) : undefined).map(
		date => date.toISOString(),
	);
}

test('without an anchor a rate is aligned to the Unix epoch', () => {
	assert.deepEqual(fires('rate(5 minutes)', '2025-01-15T10:07:30Z', 3), [
		'2025-01-15T10:10:00.000Z',
		'2025-01-15T10:15:00.000Z',
		'2025-01-15T10:20:00.000Z',
	]);
	// 1970-01-01 was a Thursday, and so is 2025-01-16.
	assert.deepEqual(fires('rate(7 days)', '2025-01-15T00:00:00Z', 1), ['2025-01-16T00:00:00.000Z']);
});

test('with an anchor, fires are the anchor plus whole intervals, strictly after the given instant', () => {
	assert.deepEqual(fires('rate(1 hour)', '2025-01-15T12:00:00Z', 2, '2025-01-15T10:20:00Z'), [
		'2025-01-15T12:20:00.000Z',
		'2025-01-15T13:20:00.000Z',
	]);
	assert.deepEqual(fires('rate(10 minutes)', '2025-01-15T10:13:00Z', 1, '2025-01-15T10:03:00Z'), [
		'2025-01-15T10:23:00.000Z',
	]);
});

test('an anchor in the future is the first fire; nothing fires before it', () => {
	assert.deepEqual(fires('rate(1 day)', '2025-01-15T00:00:00Z', 2, '2025-02-01T06:00:00Z'), [
		'2025-02-01T06:00:00.000Z',
		'2025-02-02T06:00:00.000Z',
	]);
	assert.equal(
		nextFire(parseScheduleExpression('rate(1 day)'), new Date('2025-01-31T06:00:00Z'), 'UTC', new Date('2025-02-01T06:00:00Z'))?.toISOString(),
		'2025-02-01T06:00:00.000Z',
	);
});

test('a day is 24 hours whatever the time zone does (New York springs forward on 9 March 2025)', () => {
	assert.deepEqual(fires('rate(1 day)', '2025-03-08T14:00:00Z', 2, '2025-03-08T14:00:00Z', 'America/New_York'), [
		'2025-03-09T14:00:00.000Z',
		'2025-03-10T14:00:00.000Z',
	]);
});
