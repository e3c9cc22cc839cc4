/**
 * A few words for the TUI's schedule list: "every 5 minutes", "at 10:15 on
 * weekdays", "at 00:00 on the last Friday of the month". Described from the
 * expanded fields rather than the text, so `0/15`, `0,15,30,45` and `0-59/15` all read
 * "every 15 minutes". Times are wall-clock times in the schedule's own zone.
 */
import {MONTH_NAMES, WEEKDAY_NAMES, type CronFields, type DayOfMonthRule, type DayOfWeekRule} from './cronExpression.js';
import type {ScheduleExpression} from './scheduleExpression.js';

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = [
	'January',
	'February',
	'March',
	'April',
	'May',
	'June',
	'July',
	'August',
	'September',
	'October',
	'November',
	'December',
];
const ORDINALS = ['first', 'second', 'third', 'fourth', 'fifth'];

const pad = (value: number) => String(value).padStart(2, '0');
const titleCase = (name: string) => name[0] + name.slice(1).toLowerCase();

function joinWords(words: string[]): string {
	return words.length <= 1 ? words.join('') : `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}

/** `[1, 2, 3, 5]` as `1-3, 5`. */
function compact(values: readonly number[], label: (value: number) => string = String): string {
	const runs: string[] = [];
	for (let start = 0; start < values.length; ) {
		let end = start;
		while (end + 1 < values.length && values[end + 1] === values[end] + 1) end++;
		runs.push(end - start >= 2 ? `${label(values[start])}-${label(values[end])}` : values.slice(start, end + 1).map(label).join(', '));
		start = end + 1;
	}
	return runs.join(', ');
}

function isContiguous(values: readonly number[]): boolean {
	return values.every((value, index) => index === 0 || value === values[index - 1] + 1);
}

/** The step of `m/s` (every s from m to the end of a field of `size` values), or undefined. */
function stepOf(values: readonly number[], size: number): number | undefined {
	if (values.length < 2) return undefined;
	const step = values[1] - values[0];
	const regular = values.every((value, index) => index === 0 || value - values[index - 1] === step);
	return regular && values[0] < step && values[values.length - 1] + step >= size ? step : undefined;
}

function timeOfDay(minutes: readonly number[], hours: readonly number[]): string {
	const everyHour = hours.length === 24;
	const hourWindow = everyHour
		? ''
		: isContiguous(hours)
			? ` between ${pad(hours[0])}:${pad(minutes[0])} and ${pad(hours[hours.length - 1])}:${pad(minutes[minutes.length - 1])}`
			: ` during hours ${compact(hours, pad)}`;
	if (minutes.length === 60) return `every minute${hourWindow}`;
	const minuteStep = stepOf(minutes, 60);
	if (minuteStep !== undefined) {
		const offset = minutes[0] === 0 ? '' : ` from minute ${minutes[0]}`;
		return `every ${minuteStep} minutes${offset}${hourWindow}`;
	}
	if (minutes.length === 1 && everyHour) return `every hour at :${pad(minutes[0])}`;
	if (minutes.length === 1 && stepOf(hours, 24) !== undefined && hours[0] === 0) {
		return `every ${stepOf(hours, 24)} hours at :${pad(minutes[0])}`;
	}
	if (minutes.length * hours.length <= 6) {
		return `at ${joinWords(hours.flatMap(hour => minutes.map(minute => `${pad(hour)}:${pad(minute)}`)))}`;
	}
	return `at minutes ${compact(minutes)} past${everyHour ? ' every hour' : ` hours ${compact(hours, pad)}`}`;
}

function daysOfMonth(rule: DayOfMonthRule): string {
	switch (rule.kind) {
		case 'any':
			return '';
		case 'days':
			if (rule.days.length === 31) return '';
			return rule.days.length === 1 ? ` on day ${rule.days[0]} of the month` : ` on days ${compact(rule.days)} of the month`;
		case 'last':
			if (rule.offset === 0) return ' on the last day of the month';
			return ` on the last day of the month minus ${rule.offset}`;
		case 'lastWeekday':
			return ' on the last weekday of the month';
		case 'nearestWeekday':
			return ` on the weekday nearest day ${rule.day} of the month`;
	}
}

function daysOfWeek(rule: DayOfWeekRule): string {
	switch (rule.kind) {
		case 'any':
			return '';
		case 'days': {
			const days = rule.weekdays;
			if (days.length === 7) return '';
			if (days.join() === '2,3,4,5,6') return ' on weekdays';
			if (days.join() === '1,7') return ' on weekends';
			if (days.length === 1) return ` on ${WEEKDAYS[days[0] - 1]}s`;
			return ` on ${joinWords(days.map(day => titleCase(WEEKDAY_NAMES[day - 1])))}`;
		}
		case 'last':
			return ` on the last ${WEEKDAYS[rule.weekday - 1]} of the month`;
		case 'nth':
			return ` on the ${ORDINALS[rule.nth - 1]} ${WEEKDAYS[rule.weekday - 1]} of the month`;
	}
}

function inMonths(months: readonly number[]): string {
	if (months.length === 12) return '';
	if (months.length === 1) return ` in ${MONTHS[months[0] - 1]}`;
	return ` in ${joinWords(months.map(month => titleCase(MONTH_NAMES[month - 1])))}`;
}

function years(values: readonly number[]): string {
	if (values.length === 1) return ` in ${values[0]}`;
	if (values.length === 230) return '';
	return isContiguous(values) ? ` in ${values[0]}-${values[values.length - 1]}` : ` in years ${compact(values)}`;
}

function describeCron(fields: CronFields): string {
	const time = timeOfDay(fields.minutes, fields.hours);
	const {dayOfMonth, months} = fields;
	if (dayOfMonth.kind === 'days' && dayOfMonth.days.length === 1 && months.length === 1) {
		// One date a year reads as a date: "on January 1", not "on day 1 of the month in January".
		return `${time} on ${MONTHS[months[0] - 1]} ${dayOfMonth.days[0]}${years(fields.years)}`;
	}
	const days = daysOfMonth(dayOfMonth) + daysOfWeek(fields.dayOfWeek);
	const everyDay = days === '' && time.startsWith('at ') ? ' every day' : '';
	return time + days + everyDay + inMonths(months) + years(fields.years);
}

/** Short human text for a schedule, e.g. "every 5 minutes", "at 10:15 on weekdays". */
export function describeSchedule(expr: ScheduleExpression): string {
	switch (expr.kind) {
		case 'rate':
			return expr.value === 1 ? `every ${expr.unit}` : `every ${expr.value} ${expr.unit}`;
		case 'at':
			return `once at ${expr.localTime.replace('T', ' ')}`;
		case 'cron':
			return describeCron(expr.fields);
	}
}
