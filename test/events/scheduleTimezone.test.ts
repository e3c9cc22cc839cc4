// Time zones and DST, with expected instants worked out from the 2025 transitions:
// - America/New_York: EST (UTC-5) until Sun 9 Mar 02:00 local, when clocks jump to
//   03:00 EDT (UTC-4); on Sun 2 Nov at 02:00 EDT they go back to 01:00 EST, so local
//   01:00-01:59 happens at 05:00-05:59Z and again at 06:00-06:59Z.
// - Europe/London: GMT until Sun 30 Mar 01:00 local (01:00Z), then BST (UTC+1);
//   on Sun 26 Oct at 02:00 BST (01:00Z) back to 01:00 GMT, so local 01:00-01:59
//   happens at 00:00-00:59Z and again at 01:00-01:59Z.
// - Australia/Sydney: AEST (UTC+10) until Sun 5 Oct 02:00 local, then AEDT (UTC+11).
// EventBridge Scheduler's rule: a cron time that does not exist is skipped; a
// repeated one runs once (stratus: at its first occurrence).
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {nextFire, nextFires, parseScheduleExpression} from '../../source/events/schedule/index.js';

function fires(text: string, timezone: string, from: string, count: number): string[] {
	return nextFires(parseScheduleExpression(text), new Date(from), count, timezone).map(date => date.toISOString());
}

function next(text: string, timezone: string, after: string): string | undefined {
	return nextFire(parseScheduleExpression(text), new Date(after), timezone)?.toISOString();
}

test('New York, spring forward: a daily 02:30 is skipped on the day 02:30 does not exist', () => {
	assert.deepEqual(fires('cron(30 2 * * ? *)', 'America/New_York', '2025-03-08T00:00:00Z', 2), [
		'2025-03-08T07:30:00.000Z',
		'2025-03-10T06:30:00.000Z',
	]);
});

test('New York, spring forward: a quarter-hourly cron goes from 01:45 EST to 03:00 EDT', () => {
	assert.deepEqual(fires('cron(0/15 * * * ? *)', 'America/New_York', '2025-03-09T06:40:00Z', 3), [
		'2025-03-09T06:45:00.000Z',
		'2025-03-09T07:00:00.000Z',
		'2025-03-09T07:15:00.000Z',
	]);
});

test('New York: a 09:00 local schedule moves an hour earlier in UTC across spring forward', () => {
	assert.deepEqual(fires('cron(0 9 * * ? *)', 'America/New_York', '2025-03-07T15:00:00Z', 3), [
		'2025-03-08T14:00:00.000Z',
		'2025-03-09T13:00:00.000Z',
		'2025-03-10T13:00:00.000Z',
	]);
});

test('New York, fall back: a daily 01:30 fires once, at the first 01:30', () => {
	assert.deepEqual(fires('cron(30 1 * * ? *)', 'America/New_York', '2025-11-01T12:00:00Z', 2), [
		'2025-11-02T05:30:00.000Z',
		'2025-11-03T06:30:00.000Z',
	]);
	// Computing again from that fire (as after a restart) does not repeat it at 01:30 EST.
	assert.equal(next('cron(30 1 * * ? *)', 'America/New_York', '2025-11-02T05:30:00Z'), '2025-11-03T06:30:00.000Z');
});

test('New York, fall back: the repeated hour is not fired a second time', () => {
	assert.deepEqual(fires('cron(0/30 * * * ? *)', 'America/New_York', '2025-11-02T04:50:00Z', 4), [
		'2025-11-02T05:00:00.000Z',
		'2025-11-02T05:30:00.000Z',
		'2025-11-02T07:00:00.000Z',
		'2025-11-02T07:30:00.000Z',
	]);
	// Catching up from an instant inside the second pass (01:10 EST) goes on to 02:00 EST.
	assert.equal(next('cron(0/30 * * * ? *)', 'America/New_York', '2025-11-02T06:10:00Z'), '2025-11-02T07:00:00.000Z');
});

test('London, spring forward: a daily 01:30 is skipped on 30 March', () => {
	assert.deepEqual(fires('cron(30 1 * * ? *)', 'Europe/London', '2025-03-29T00:00:00Z', 2), [
		'2025-03-29T01:30:00.000Z',
		'2025-03-31T00:30:00.000Z',
	]);
});

test('London: weekday 09:00 is 09:00Z in GMT and 08:00Z in BST', () => {
	assert.deepEqual(fires('cron(0 9 ? * MON-FRI *)', 'Europe/London', '2025-03-28T00:00:00Z', 2), [
		'2025-03-28T09:00:00.000Z',
		'2025-03-31T08:00:00.000Z',
	]);
});

test('London, fall back: a daily 01:30 fires once, in BST', () => {
	assert.deepEqual(fires('cron(30 1 * * ? *)', 'Europe/London', '2025-10-25T12:00:00Z', 2), [
		'2025-10-26T00:30:00.000Z',
		'2025-10-27T01:30:00.000Z',
	]);
});

test('London, fall back: an hourly cron skips the second 01:00', () => {
	assert.deepEqual(fires('cron(0 * * * ? *)', 'Europe/London', '2025-10-25T23:30:00Z', 3), [
		'2025-10-26T00:00:00.000Z',
		'2025-10-26T02:00:00.000Z',
		'2025-10-26T03:00:00.000Z',
	]);
});

test('Sydney, spring forward in October: 02:30 is skipped on 5 October', () => {
	assert.equal(next('cron(30 2 * * ? *)', 'Australia/Sydney', '2025-10-04T00:00:00Z'), '2025-10-05T15:30:00.000Z');
});

test('a zone with a half-hour offset and no DST', () => {
	assert.equal(next('cron(0 10 * * ? *)', 'Asia/Kolkata', '2025-01-15T00:00:00Z'), '2025-01-15T04:30:00.000Z');
});

test('at() fires once at its wall time in the schedule time zone', () => {
	assert.equal(next('at(2025-06-01T09:00:00)', 'America/New_York', '2025-01-01T00:00:00Z'), '2025-06-01T13:00:00.000Z');
	assert.equal(next('at(2025-12-25T08:00:00)', 'Europe/London', '2025-01-01T00:00:00Z'), '2025-12-25T08:00:00.000Z');
	assert.equal(next('at(2025-01-01T00:00:00)', 'Asia/Tokyo', '2024-12-01T00:00:00Z'), '2024-12-31T15:00:00.000Z');
	assert.equal(next('at(2025-06-01T09:00:00)', 'UTC', '2025-01-01T00:00:00Z'), '2025-06-01T09:00:00.000Z');
	assert.equal(
		nextFire(parseScheduleExpression('at(2025-06-01T09:00:00)'), new Date('2025-01-01T00:00:00Z'))?.toISOString(),
		'2025-06-01T09:00:00.000Z',
	);
});

test('at() in the past, or exactly now, has no next fire', () => {
	assert.equal(next('at(2025-06-01T09:00:00)', 'America/New_York', '2025-06-01T13:00:00Z'), undefined);
	assert.equal(next('at(2025-06-01T09:00:00)', 'America/New_York', '2025-07-01T00:00:00Z'), undefined);
	assert.deepEqual(fires('at(2025-06-01T09:00:00)', 'America/New_York', '2025-01-01T00:00:00Z', 5), [
		'2025-06-01T13:00:00.000Z',
	]);
});

test('at() in a DST gap fires as far past the gap as it was into it; a repeated time fires at its first occurrence', () => {
	// 02:30 on 9 Mar does not exist in New York; read with EST (UTC-5) it is 07:30Z, 03:30 EDT.
	assert.equal(next('at(2025-03-09T02:30:00)', 'America/New_York', '2025-01-01T00:00:00Z'), '2025-03-09T07:30:00.000Z');
	// 01:30 on 2 Nov happens twice; the first is EDT (UTC-4).
	assert.equal(next('at(2025-11-02T01:30:00)', 'America/New_York', '2025-01-01T00:00:00Z'), '2025-11-02T05:30:00.000Z');
});
