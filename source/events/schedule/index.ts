/**
 * AWS schedule expressions, pure: parse and validate `rate(...)`, `cron(...)` and
 * `at(...)`, compute fire times in any IANA time zone from any instant, and describe
 * a schedule in a few words for the TUI. No clock, no I/O: the engine decides when
 * "now" is and what to do when a fire comes due.
 */
export {parseScheduleExpression, type ScheduleExpression} from './scheduleExpression.js';
export {ScheduleExpressionError, ScheduleField} from './scheduleExpressionError.js';
export {nextFire, nextFires} from './nextFires.js';
export {describeSchedule} from './describeSchedule.js';
export {assertTimeZone, isTimeZone} from './zonedTime.js';
export type {RateExpression, RateUnit} from './rateExpression.js';
export type {CronExpression, CronFields, DayOfMonthRule, DayOfWeekRule} from './cronExpression.js';
export type {AtExpression} from './atExpression.js';
