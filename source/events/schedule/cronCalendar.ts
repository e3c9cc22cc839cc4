/**
 * Cron matching on the bare calendar, with no time zone: which days of a month a
 * cron allows, and the first allowed wall-clock minute at or after a given one.
 * Zones and DST are layered on top by `nextFires.ts`, which is why this works on
 * wall-clock fields rather than instants.
 *
 * The search skips by field (a year, a month, a day, an hour at a time), so even
 * a cron that matches nothing (`cron(0 0 30 2 ? *)`) ends after at most one pass
 * over the years 1970-2199.
 */
import type {CronFields} from './cronExpression.js';

/** A wall-clock minute. Fields may overflow by one (minute 60, hour 24, day 32); the search normalises them. */
export interface LocalMinute {
	year: number;
	month: number;
	day: number;
	hour: number;
	minute: number;
}

export function daysInMonth(year: number, month: number): number {
	return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** AWS weekday number of a date: 1 = Sunday ... 7 = Saturday. */
export function weekdayOf(year: number, month: number, day: number): number {
	return new Date(Date.UTC(year, month - 1, day)).getUTCDay() + 1;
}

const SUNDAY = 1;
const SATURDAY = 7;

/** Quartz's nearest weekday: Saturday moves to Friday and Sunday to Monday, never out of the month. */
function nearestWeekday(year: number, month: number, day: number, lastDay: number): number | undefined {
	if (day > lastDay) return undefined;
	const weekday = weekdayOf(year, month, day);
	if (weekday === SATURDAY) return day === 1 ? 3 : day - 1;
	if (weekday === SUNDAY) return day === lastDay ? day - 2 : day + 1;
	return day;
}

/** The days of `month` the cron allows, ascending. */
export function matchingDays(fields: CronFields, year: number, month: number): number[] {
	const lastDay = daysInMonth(year, month);
	const rule = fields.dayOfMonth;
	switch (rule.kind) {
		case 'days':
			return rule.days.filter(day => day <= lastDay);
		case 'last': {
			const day = lastDay - rule.offset;
			return day >= 1 ? [day] : [];
		}
		case 'lastWeekday': {
			const day = nearestWeekday(year, month, lastDay, lastDay);
			return day === undefined ? [] : [day];
		}
		case 'nearestWeekday': {
			const day = nearestWeekday(year, month, rule.day, lastDay);
			return day === undefined ? [] : [day];
		}
		case 'any':
			break;
	}
	const byWeek = fields.dayOfWeek;
	const firstWeekday = weekdayOf(year, month, 1);
	/** The first day of the month falling on `weekday`. */
	const first = (weekday: number) => 1 + ((weekday - firstWeekday + 7) % 7);
	switch (byWeek.kind) {
		case 'days': {
			const days: number[] = [];
			for (let day = 1; day <= lastDay; day++) {
				if (byWeek.weekdays.includes(((firstWeekday - 1 + day - 1) % 7) + 1)) days.push(day);
			}
			return days;
		}
		case 'last': {
			const day = first(byWeek.weekday) + 28;
			return [day <= lastDay ? day : day - 7];
		}
		case 'nth': {
			const day = first(byWeek.weekday) + 7 * (byWeek.nth - 1);
			return day <= lastDay ? [day] : [];
		}
		case 'any':
			// Parsing guarantees one of the two day fields decides; both `?` never gets here.
			return [];
	}
}

function firstAtLeast(values: readonly number[], floor: number): number | undefined {
	for (const value of values) if (value >= floor) return value;
	return undefined;
}

/** The first wall-clock minute at or after `start` that the cron allows; undefined once its years run out. */
export function nextLocalMatch(fields: CronFields, start: LocalMinute): LocalMinute | undefined {
	let {year, month, day, hour, minute} = start;
	for (;;) {
		const nextYear = firstAtLeast(fields.years, year);
		if (nextYear === undefined) return undefined;
		if (nextYear !== year) [year, month, day, hour, minute] = [nextYear, 1, 1, 0, 0];

		const nextMonth = firstAtLeast(fields.months, month);
		if (nextMonth === undefined) {
			[year, month, day, hour, minute] = [year + 1, 1, 1, 0, 0];
			continue;
		}
		if (nextMonth !== month) [month, day, hour, minute] = [nextMonth, 1, 0, 0];

		const nextDay = firstAtLeast(matchingDays(fields, year, month), day);
		if (nextDay === undefined) {
			[month, day, hour, minute] = [month + 1, 1, 0, 0];
			if (month > 12) [year, month] = [year + 1, 1];
			continue;
		}
		if (nextDay !== day) [day, hour, minute] = [nextDay, 0, 0];

		const nextHour = firstAtLeast(fields.hours, hour);
		if (nextHour === undefined) {
			[day, hour, minute] = [day + 1, 0, 0];
			continue;
		}
		if (nextHour !== hour) [hour, minute] = [nextHour, 0];

		const nextMinute = firstAtLeast(fields.minutes, minute);
		if (nextMinute === undefined) {
			[hour, minute] = [hour + 1, 0];
			continue;
		}
		return {year, month, day, hour, minute: nextMinute};
	}
}
