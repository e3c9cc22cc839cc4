import {test} from 'node:test';
import assert from 'node:assert/strict';
import {describeSchedule, parseScheduleExpression} from '../../source/events/schedule/index.js';

const describe = (text: string) => describeSchedule(parseScheduleExpression(text));

test('rates read as an interval', () => {
	assert.equal(describe('rate(5 minutes)'), 'every 5 minutes');
	assert.equal(describe('rate(1 minute)'), 'every minute');
	assert.equal(describe('rate(1 day)'), 'every day');
	assert.equal(describe('rate(12 hours)'), 'every 12 hours');
});

test('one-time schedules read as their wall time', () => {
	assert.equal(describe('at(2025-06-01T09:00:00)'), 'once at 2025-06-01 09:00:00');
});

test('cron schedules read as times and days', () => {
	assert.equal(describe('cron(15 10 ? * MON-FRI *)'), 'at 10:15 on weekdays');
	assert.equal(describe('cron(0 10 * * ? *)'), 'at 10:00 every day');
	assert.equal(describe('cron(0 10,15 * * ? *)'), 'at 10:00 and 15:00 every day');
	assert.equal(describe('cron(0/15 * * * ? *)'), 'every 15 minutes');
	assert.equal(describe('cron(0,15,30,45 * * * ? *)'), 'every 15 minutes');
	assert.equal(describe('cron(* * * * ? *)'), 'every minute');
	assert.equal(describe('cron(0/5 8-17 ? * MON-FRI *)'), 'every 5 minutes between 08:00 and 17:55 on weekdays');
	assert.equal(describe('cron(30 * * * ? *)'), 'every hour at :30');
	assert.equal(describe('cron(0 18 ? * SAT,SUN *)'), 'at 18:00 on weekends');
	assert.equal(describe('cron(0 18 ? * MON,WED,FRI *)'), 'at 18:00 on Mon, Wed and Fri');
	assert.equal(describe('cron(0 0 ? * L *)'), 'at 00:00 on Saturdays');
});

test('cron day specials read as words', () => {
	assert.equal(describe('cron(0 8 1 * ? *)'), 'at 08:00 on day 1 of the month');
	assert.equal(describe('cron(0 9 ? * 2#1 *)'), 'at 09:00 on the first Monday of the month');
	assert.equal(describe('cron(0 0 L * ? *)'), 'at 00:00 on the last day of the month');
	assert.equal(describe('cron(0 0 L-3 * ? *)'), 'at 00:00 on the last day of the month minus 3');
	assert.equal(describe('cron(0 0 ? * 6L *)'), 'at 00:00 on the last Friday of the month');
	assert.equal(describe('cron(0 0 LW * ? *)'), 'at 00:00 on the last weekday of the month');
	assert.equal(describe('cron(0 0 15W * ? *)'), 'at 00:00 on the weekday nearest day 15 of the month');
});

test('months and years are named when limited', () => {
	assert.equal(describe('cron(0 12 1 1 ? 2027)'), 'at 12:00 on January 1 in 2027');
	assert.equal(describe('cron(0 9 ? JAN,JUL MON *)'), 'at 09:00 on Mondays in Jan and Jul');
	assert.equal(describe('cron(0 9 * * ? 2025-2027)'), 'at 09:00 every day in 2025-2027');
});
