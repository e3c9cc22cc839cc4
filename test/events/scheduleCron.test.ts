// Expected instants are worked out from the calendar (2025-01-01 is a Wednesday,
// 2025-02-01 and 2025-03-01 Saturdays, 2025-04-01 a Tuesday, 2028 a leap year),
// not produced by the code under test.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {nextFire, nextFires, parseScheduleExpression} from '../../source/events/schedule/index.js';

function fires(text: string, from: string, count: number): string[] {
	return nextFires(parseScheduleExpression(text), new Date(from), count).map(date => date.toISOString());
}

function next(text: string, after: string): string | undefined {
	return nextFire(parseScheduleExpression(text), new Date(after))?.toISOString();
}

test('cron(0 10 * * ? *): 10:00 UTC every day, strictly after the given instant', () => {
	assert.deepEqual(fires('cron(0 10 * * ? *)', '2025-01-15T09:59:00Z', 2), [
		'2025-01-15T10:00:00.000Z',
		'2025-01-16T10:00:00.000Z',
	]);
	assert.equal(next('cron(0 10 * * ? *)', '2025-01-15T10:00:00Z'), '2025-01-16T10:00:00.000Z');
});

test('cron(15 12 * * ? *): 12:15 every day, to the millisecond', () => {
	assert.equal(next('cron(15 12 * * ? *)', '2025-01-15T12:14:59.999Z'), '2025-01-15T12:15:00.000Z');
	assert.equal(next('cron(15 12 * * ? *)', '2025-01-15T12:15:00.001Z'), '2025-01-16T12:15:00.000Z');
});

test('cron(0 18 ? * MON-FRI *): Friday evening is followed by Monday', () => {
	assert.deepEqual(fires('cron(0 18 ? * MON-FRI *)', '2025-01-17T18:00:00Z', 2), [
		'2025-01-20T18:00:00.000Z',
		'2025-01-21T18:00:00.000Z',
	]);
	assert.deepEqual(fires('cron(0 18 ? * mon-fri *)', '2025-01-17T18:00:00Z', 1), ['2025-01-20T18:00:00.000Z']);
});

test('cron(0 8 1 * ? *): the first of every month', () => {
	assert.deepEqual(fires('cron(0 8 1 * ? *)', '2025-01-15T00:00:00Z', 3), [
		'2025-02-01T08:00:00.000Z',
		'2025-03-01T08:00:00.000Z',
		'2025-04-01T08:00:00.000Z',
	]);
});

test('cron(0/15 * * * ? *): every quarter hour', () => {
	assert.deepEqual(fires('cron(0/15 * * * ? *)', '2025-01-15T10:07:30Z', 4), [
		'2025-01-15T10:15:00.000Z',
		'2025-01-15T10:30:00.000Z',
		'2025-01-15T10:45:00.000Z',
		'2025-01-15T11:00:00.000Z',
	]);
});

test('cron(0/10 * ? * MON-FRI *): every 10 minutes, not at the weekend', () => {
	assert.deepEqual(fires('cron(0/10 * ? * MON-FRI *)', '2025-01-17T23:45:00Z', 3), [
		'2025-01-17T23:50:00.000Z',
		'2025-01-20T00:00:00.000Z',
		'2025-01-20T00:10:00.000Z',
	]);
});

test('cron(0/5 8-17 ? * MON-FRI *): every 5 minutes from 08:00 to 17:55 on weekdays', () => {
	assert.deepEqual(fires('cron(0/5 8-17 ? * MON-FRI *)', '2025-01-15T17:50:00Z', 2), [
		'2025-01-15T17:55:00.000Z',
		'2025-01-16T08:00:00.000Z',
	]);
});

test('cron(0 9 ? * 2#1 *): the first Monday of the month', () => {
	assert.deepEqual(fires('cron(0 9 ? * 2#1 *)', '2025-01-01T00:00:00Z', 3), [
		'2025-01-06T09:00:00.000Z',
		'2025-02-03T09:00:00.000Z',
		'2025-03-03T09:00:00.000Z',
	]);
});

test('n#5 fires only in months that have a fifth such weekday', () => {
	// Tuesdays: January, February and March 2025 have four; April has 1, 8, 15, 22, 29.
	assert.deepEqual(fires('cron(0 0 ? * 3#5 *)', '2025-01-01T00:00:00Z', 1), ['2025-04-29T00:00:00.000Z']);
});

test('cron(0 0 L * ? *): the last day of each month, leap years included', () => {
	assert.deepEqual(fires('cron(0 0 L * ? *)', '2025-01-15T00:00:00Z', 3), [
		'2025-01-31T00:00:00.000Z',
		'2025-02-28T00:00:00.000Z',
		'2025-03-31T00:00:00.000Z',
	]);
	assert.equal(next('cron(0 0 L * ? *)', '2024-02-01T00:00:00Z'), '2024-02-29T00:00:00.000Z');
	assert.deepEqual(fires('cron(0 0 L-3 * ? *)', '2025-02-01T00:00:00Z', 2), [
		'2025-02-25T00:00:00.000Z',
		'2025-03-28T00:00:00.000Z',
	]);
});

test('cron(0 0 ? * 6L *): the last Friday; 5L: the last Thursday', () => {
	assert.deepEqual(fires('cron(0 0 ? * 6L *)', '2025-01-01T00:00:00Z', 3), [
		'2025-01-31T00:00:00.000Z',
		'2025-02-28T00:00:00.000Z',
		'2025-03-28T00:00:00.000Z',
	]);
	assert.deepEqual(fires('cron(0 0 ? * 5L *)', '2025-01-01T00:00:00Z', 2), [
		'2025-01-30T00:00:00.000Z',
		'2025-02-27T00:00:00.000Z',
	]);
	// L alone is Saturday.
	assert.equal(next('cron(0 0 ? * L *)', '2025-01-15T00:00:00Z'), '2025-01-18T00:00:00.000Z');
});

test('cron(0 0 LW * ? *): the last weekday, stepping back from a weekend', () => {
	// May 31 is a Saturday and August 31 a Sunday: both move back to Friday.
	assert.deepEqual(fires('cron(0 0 LW * ? *)', '2025-05-01T00:00:00Z', 4), [
		'2025-05-30T00:00:00.000Z',
		'2025-06-30T00:00:00.000Z',
		'2025-07-31T00:00:00.000Z',
		'2025-08-29T00:00:00.000Z',
	]);
});

test('cron(0 0 15W * ? *): the weekday nearest the 15th', () => {
	// 15 Feb and 15 Mar 2025 are Saturdays (back to Friday); 15 Jun is a Sunday (on to Monday).
	assert.deepEqual(fires('cron(0 0 15W * ? *)', '2025-01-01T00:00:00Z', 4), [
		'2025-01-15T00:00:00.000Z',
		'2025-02-14T00:00:00.000Z',
		'2025-03-14T00:00:00.000Z',
		'2025-04-15T00:00:00.000Z',
	]);
	assert.equal(next('cron(0 0 15W * ? *)', '2025-06-01T00:00:00Z'), '2025-06-16T00:00:00.000Z');
});

test('W never leaves the month', () => {
	// 1 Feb and 1 Mar 2025 are Saturdays: the nearest weekday inside the month is Monday the 3rd.
	assert.deepEqual(fires('cron(0 0 1W * ? *)', '2025-01-15T00:00:00Z', 3), [
		'2025-02-03T00:00:00.000Z',
		'2025-03-03T00:00:00.000Z',
		'2025-04-01T00:00:00.000Z',
	]);
	// 31 Aug 2025 is a Sunday: Friday the 29th, not 1 September. September has no 31st.
	assert.deepEqual(fires('cron(0 0 31W * ? *)', '2025-08-01T00:00:00Z', 2), [
		'2025-08-29T00:00:00.000Z',
		'2025-10-31T00:00:00.000Z',
	]);
});

test('the Year field limits fires, and a schedule whose years have ended has none', () => {
	assert.deepEqual(fires('cron(0 12 1 1 ? 2027)', '2025-06-01T00:00:00Z', 3), ['2027-01-01T12:00:00.000Z']);
	assert.equal(next('cron(0 12 1 1 ? 2027)', '2027-01-01T12:00:00Z'), undefined);
	assert.equal(next('cron(0 10 * * ? 2020)', '2025-01-01T00:00:00Z'), undefined);
	assert.deepEqual(fires('cron(0 0 1 JAN ? 2025-2026)', '2025-06-01T00:00:00Z', 3), ['2026-01-01T00:00:00.000Z']);
	assert.deepEqual(fires('cron(0 0 1 1 ? 2030/5)', '2025-06-01T00:00:00Z', 2), [
		'2030-01-01T00:00:00.000Z',
		'2035-01-01T00:00:00.000Z',
	]);
	assert.equal(next('cron(59 23 31 12 ? *)', '2199-06-01T00:00:00Z'), '2199-12-31T23:59:00.000Z');
	assert.equal(next('cron(59 23 31 12 ? *)', '2199-12-31T23:59:00Z'), undefined);
});

test('a date that exists only in leap years, and one that never exists', () => {
	assert.equal(next('cron(0 0 29 2 ? *)', '2025-01-01T00:00:00Z'), '2028-02-29T00:00:00.000Z');
	assert.equal(next('cron(0 0 30 2 ? *)', '2025-01-01T00:00:00Z'), undefined);
});

test('ranges written backwards wrap around', () => {
	assert.deepEqual(fires('cron(0 22-1 * * ? *)', '2025-01-15T21:30:00Z', 5), [
		'2025-01-15T22:00:00.000Z',
		'2025-01-15T23:00:00.000Z',
		'2025-01-16T00:00:00.000Z',
		'2025-01-16T01:00:00.000Z',
		'2025-01-16T22:00:00.000Z',
	]);
	assert.deepEqual(fires('cron(0 12 ? * FRI-MON *)', '2025-01-15T00:00:00Z', 4), [
		'2025-01-17T12:00:00.000Z',
		'2025-01-18T12:00:00.000Z',
		'2025-01-19T12:00:00.000Z',
		'2025-01-20T12:00:00.000Z',
	]);
});

test('stepped hours and months', () => {
	assert.deepEqual(fires('cron(0 11-23/4 * * ? *)', '2025-01-15T00:00:00Z', 5), [
		'2025-01-15T11:00:00.000Z',
		'2025-01-15T15:00:00.000Z',
		'2025-01-15T19:00:00.000Z',
		'2025-01-15T23:00:00.000Z',
		'2025-01-16T11:00:00.000Z',
	]);
	assert.deepEqual(fires('cron(0 0 1 1/3 ? *)', '2025-01-15T00:00:00Z', 4), [
		'2025-04-01T00:00:00.000Z',
		'2025-07-01T00:00:00.000Z',
		'2025-10-01T00:00:00.000Z',
		'2026-01-01T00:00:00.000Z',
	]);
});

test('nextFires asks for nothing when count is zero', () => {
	assert.deepEqual(fires('cron(0 10 * * ? *)', '2025-01-15T00:00:00Z', 0), []);
});
