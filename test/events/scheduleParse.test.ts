import {test} from 'node:test';
import assert from 'node:assert/strict';
import {
	nextFire,
	parseScheduleExpression,
	ScheduleExpressionError,
	ScheduleField,
	type ScheduleExpression,
} from '../../source/events/schedule/index.js';

function cron(text: string) {
	const expr = parseScheduleExpression(text);
	assert.equal(expr.kind, 'cron');
	return (expr as Extract<ScheduleExpression, {kind: 'cron'}>).fields;
}

function rejects(text: string, field: ScheduleField, message?: RegExp) {
	assert.throws(
		() => parseScheduleExpression(text),
		(error: unknown) => {
			assert.ok(error instanceof ScheduleExpressionError, `${text}: expected a ScheduleExpressionError`);
			assert.equal(error.field, field, `${text}: ${error.message}`);
			assert.ok(error.message.startsWith(text === '' ? "''" : text) || error.message.includes(`'${text}'`), error.message);
			if (message) assert.match(error.message, message);
			return true;
		},
	);
}

test('rate expressions parse into value, unit and interval', () => {
	assert.deepEqual(parseScheduleExpression('rate(5 minutes)'), {
		kind: 'rate',
		text: 'rate(5 minutes)',
		value: 5,
		unit: 'minutes',
		everyMs: 300_000,
	});
	assert.equal((parseScheduleExpression('rate(1 minute)') as {everyMs: number}).everyMs, 60_000);
	assert.equal((parseScheduleExpression('rate(1 hour)') as {everyMs: number}).everyMs, 3_600_000);
	assert.equal((parseScheduleExpression('rate(12 hours)') as {everyMs: number}).everyMs, 43_200_000);
	assert.equal((parseScheduleExpression('rate(1 day)') as {everyMs: number}).everyMs, 86_400_000);
	assert.equal((parseScheduleExpression('rate(7 days)') as {everyMs: number}).everyMs, 604_800_000);
});

test('rate expressions AWS rejects are rejected, naming value or unit', () => {
	rejects('rate(1 minutes)', ScheduleField.RateUnit, /singular/);
	rejects('rate(1 hours)', ScheduleField.RateUnit, /singular/);
	rejects('rate(5 minute)', ScheduleField.RateUnit, /plural/);
	rejects('rate(2 day)', ScheduleField.RateUnit, /plural/);
	rejects('rate(0 minutes)', ScheduleField.RateValue, /positive/);
	rejects('rate(-5 minutes)', ScheduleField.RateValue);
	rejects('rate(1.5 hours)', ScheduleField.RateValue);
	rejects('rate(five minutes)', ScheduleField.RateValue);
	rejects('rate(2 weeks)', ScheduleField.RateUnit, /minute, minutes, hour, hours, day, days/);
	rejects('rate(5 Minutes)', ScheduleField.RateUnit);
	rejects('rate(5minutes)', ScheduleField.Expression);
	rejects('rate()', ScheduleField.Expression);
	rejects('rate(5 minutes now)', ScheduleField.Expression);
});

test('cron fields expand to the values they allow', () => {
	const quarterHours = cron('cron(0/15 * * * ? *)');
	assert.deepEqual(quarterHours.minutes, [0, 15, 30, 45]);
	assert.equal(quarterHours.hours.length, 24);
	assert.deepEqual(quarterHours.dayOfMonth, {kind: 'days', days: Array.from({length: 31}, (_, i) => i + 1)});
	assert.deepEqual(quarterHours.dayOfWeek, {kind: 'any'});
	assert.equal(quarterHours.years[0], 1970);
	assert.equal(quarterHours.years[quarterHours.years.length - 1], 2199);

	const weekdays = cron('cron(0 18 ? * MON-FRI *)');
	assert.deepEqual(weekdays.dayOfMonth, {kind: 'any'});
	assert.deepEqual(weekdays.dayOfWeek, {kind: 'days', weekdays: [2, 3, 4, 5, 6]});
	assert.deepEqual(cron('cron(0 18 ? * 2-6 *)').dayOfWeek, weekdays.dayOfWeek);
	assert.deepEqual(cron('cron(0 18 ? * mon-Fri *)').dayOfWeek, weekdays.dayOfWeek);

	assert.deepEqual(cron('cron(0/5 8-17 ? * MON-FRI *)').hours, [8, 9, 10, 11, 12, 13, 14, 15, 16, 17]);
	assert.deepEqual(cron('cron(1/10 * * * ? *)').minutes, [1, 11, 21, 31, 41, 51]);
	assert.deepEqual(cron('cron(*/20 * * * ? *)').minutes, [0, 20, 40]);
	assert.deepEqual(cron('cron(0 11-23/4 * * ? *)').hours, [11, 15, 19, 23]);
	assert.deepEqual(cron('cron(0 22-2 * * ? *)').hours, [0, 1, 2, 22, 23]);
	assert.deepEqual(cron('cron(0 0 1 1/3 ? *)').months, [1, 4, 7, 10]);
	assert.deepEqual(cron('cron(0 0 1 JAN-MAR,jul ? *)').months, [1, 2, 3, 7]);
	assert.deepEqual(cron('cron(0 0 1 NOV-FEB ? *)').months, [1, 2, 11, 12]);
	assert.deepEqual(cron('cron(05 08 * * ? *)').minutes, [5]);
	assert.deepEqual(cron('cron(0 0 1 1 ? 2025-2027,2030)').years, [2025, 2026, 2027, 2030]);
	assert.deepEqual(cron('cron(0 0 1 1 ? 2190/5)').years, [2190, 2195]);
	assert.deepEqual(cron('cron(0 12 ? * FRI-MON *)').dayOfWeek, {kind: 'days', weekdays: [1, 2, 6, 7]});
});

test('cron day specials parse into their rules', () => {
	assert.deepEqual(cron('cron(0 0 L * ? *)').dayOfMonth, {kind: 'last', offset: 0});
	assert.deepEqual(cron('cron(0 0 L-3 * ? *)').dayOfMonth, {kind: 'last', offset: 3});
	assert.deepEqual(cron('cron(0 0 LW * ? *)').dayOfMonth, {kind: 'lastWeekday'});
	assert.deepEqual(cron('cron(0 0 15W * ? *)').dayOfMonth, {kind: 'nearestWeekday', day: 15});
	assert.deepEqual(cron('cron(0 9 ? * 2#1 *)').dayOfWeek, {kind: 'nth', weekday: 2, nth: 1});
	assert.deepEqual(cron('cron(0 9 ? * MON#1 *)').dayOfWeek, {kind: 'nth', weekday: 2, nth: 1});
	assert.deepEqual(cron('cron(0 0 ? * 6L *)').dayOfWeek, {kind: 'last', weekday: 6});
	assert.deepEqual(cron('cron(0 0 ? * FRIL *)').dayOfWeek, {kind: 'last', weekday: 6});
	// L alone in Day-of-week is the week's last day, Saturday.
	assert.deepEqual(cron('cron(0 0 ? * L *)').dayOfWeek, {kind: 'days', weekdays: [7]});
	// Names that contain the letters W and L are names, not wildcards.
	assert.deepEqual(cron('cron(0 0 ? * WED *)').dayOfWeek, {kind: 'days', weekdays: [4]});
	assert.deepEqual(cron('cron(0 0 1 JUL ? *)').months, [7]);
});

test('the Day-of-month / Day-of-week ? rule is enforced', () => {
	rejects('cron(0 10 ? * ? *)', ScheduleField.DayOfMonth, /cannot both be \?/);
	rejects('cron(0 10 * * * *)', ScheduleField.DayOfWeek, /cannot both be specified; one must be \?/);
	rejects('cron(0 18 * * MON-FRI *)', ScheduleField.DayOfWeek, /one must be \?/);
	rejects('cron(0 18 1 * 2 *)', ScheduleField.DayOfWeek, /one must be \?/);
});

test('cron needs exactly six fields', () => {
	rejects('cron(0 0 10 * * ? *)', ScheduleField.Expression, /6 fields .*has 7/);
	rejects('cron(0 10 * * ?)', ScheduleField.Expression, /has 5/);
	rejects('cron()', ScheduleField.Expression, /has 0/);
});

test('each cron field rejects values and wildcards AWS does not allow, naming the field', () => {
	rejects('cron(60 * * * ? *)', ScheduleField.Minutes, /60 is out of range 0-59/);
	rejects('cron(0,,5 * * * ? *)', ScheduleField.Minutes, /empty/);
	rejects('cron(L 0 * * ? *)', ScheduleField.Minutes, /'L' is not allowed/);
	rejects('cron(0/0 * * * ? *)', ScheduleField.Minutes, /increment/);
	rejects('cron(0/60 * * * ? *)', ScheduleField.Minutes, /increment 60/);
	rejects('cron(0 24 * * ? *)', ScheduleField.Hours, /24 is out of range 0-23/);
	rejects('cron(0 ? * * ? *)', ScheduleField.Hours, /'\?' is not allowed/);
	rejects('cron(0 0 32 * ? *)', ScheduleField.DayOfMonth, /out of range 1-31/);
	rejects('cron(0 0 0 * ? *)', ScheduleField.DayOfMonth, /out of range 1-31/);
	rejects('cron(0 0 W * ? *)', ScheduleField.DayOfMonth);
	rejects('cron(0 0 1-5W * ? *)', ScheduleField.DayOfMonth);
	rejects('cron(0 0 32W * ? *)', ScheduleField.DayOfMonth, /out of range/);
	rejects('cron(0 0 1,LW * ? *)', ScheduleField.DayOfMonth, /whole field/);
	rejects('cron(0 0 L-31 * ? *)', ScheduleField.DayOfMonth);
	rejects('cron(0 0 3#2 * ? *)', ScheduleField.DayOfMonth, /only allowed in Day-of-week/);
	rejects('cron(0 10 * 13 ? *)', ScheduleField.Month, /13 is out of range 1-12 or JAN-DEC/);
	rejects('cron(0 10 * 0 ? *)', ScheduleField.Month);
	rejects('cron(0 10 * JULY ? *)', ScheduleField.Month, /'JULY' is not a valid value/);
	rejects('cron(0 10 * FOO ? *)', ScheduleField.Month);
	rejects('cron(0 0 ? * 0 *)', ScheduleField.DayOfWeek, /0 is out of range 1-7 or SUN-SAT/);
	rejects('cron(0 0 ? * 8 *)', ScheduleField.DayOfWeek);
	rejects('cron(0 0 ? * MON/2 *)', ScheduleField.DayOfWeek, /'\/' increments are not allowed/);
	rejects('cron(0 0 ? * 5W *)', ScheduleField.DayOfWeek, /only allowed in Day-of-month/);
	rejects('cron(0 0 ? * 5L,6 *)', ScheduleField.DayOfWeek, /whole field/);
	rejects('cron(0 0 1 1 ? 1969)', ScheduleField.Year, /out of range 1970-2199/);
	rejects('cron(0 0 1 1 ? 2200)', ScheduleField.Year, /out of range 1970-2199/);
	rejects('cron(0 0 1 1 ? 2026-2025)', ScheduleField.Year, /ends before it starts/);
	rejects('cron(0 0 1 1 ? L)', ScheduleField.Year);
});

test('# is limited to one expression with an occurrence from 1 to 5', () => {
	rejects('cron(0 9 ? * 2#1,3#2 *)', ScheduleField.DayOfWeek, /only one '#'/);
	rejects('cron(0 9 ? * 2#1,5 *)', ScheduleField.DayOfWeek, /whole field/);
	rejects('cron(0 9 ? * 1-3#2 *)', ScheduleField.DayOfWeek, /whole field/);
	rejects('cron(0 9 ? * 2#6 *)', ScheduleField.DayOfWeek, /1 to 5/);
	rejects('cron(0 9 ? * 2#0 *)', ScheduleField.DayOfWeek, /1 to 5/);
	rejects('cron(0 9 ? * 8#1 *)', ScheduleField.DayOfWeek, /out of range/);
});

test('at expressions keep their wall time and reject impossible dates', () => {
	assert.deepEqual(parseScheduleExpression('at(2025-06-01T09:00:00)'), {
		kind: 'at',
		text: 'at(2025-06-01T09:00:00)',
		localTime: '2025-06-01T09:00:00',
	});
	assert.equal(parseScheduleExpression('at(2024-02-29T23:59:59)').kind, 'at');
	rejects('at(2025-13-01T00:00:00)', ScheduleField.At, /month 13/);
	rejects('at(2025-02-29T00:00:00)', ScheduleField.At, /day 29 does not exist/);
	rejects('at(2025-04-31T00:00:00)', ScheduleField.At, /day 31/);
	rejects('at(2025-01-01T24:00:00)', ScheduleField.At, /hour 24/);
	rejects('at(2025-01-01T10:60:00)', ScheduleField.At, /minute 60/);
	rejects('at(2025-01-01 00:00:00)', ScheduleField.At, /yyyy-mm-ddThh:mm:ss/);
	rejects('at(2025-01-01T00:00)', ScheduleField.At);
	rejects('at(2025-01-01T00:00:00Z)', ScheduleField.At);
});

test('texts that are not rate(), cron() or at() are rejected as a whole', () => {
	for (const text of ['every 5 minutes', 'cron 0 10 * * ? *', '', 'Rate(5 minutes)', ' rate(5 minutes)', 'rate(5 minutes) ']) {
		rejects(text, ScheduleField.Expression, /expected rate\(value unit\), cron\(fields\) or at\(/);
	}
});

test('an unknown time zone is reported as ScheduleExpressionTimezone', () => {
	const expr = parseScheduleExpression('cron(0 10 * * ? *)');
	assert.throws(
		() => nextFire(expr, new Date('2025-01-01T00:00:00Z'), 'Mars/Olympus_Mons'),
		(error: unknown) =>
			error instanceof ScheduleExpressionError &&
			error.field === ScheduleField.Timezone &&
			error.message.includes('Mars/Olympus_Mons'),
	);
});
