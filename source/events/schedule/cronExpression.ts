/**
 * `cron(Minutes Hours Day-of-month Month Day-of-week Year)`, validated by AWS's
 * rules (EventBridge "Cron expressions reference", EventBridge Scheduler "Schedule
 * types"), each failure naming the field at fault:
 *
 * - exactly six fields; no seconds field, so nothing can fire more often than once
 *   a minute (AWS's one-minute minimum holds by construction);
 * - exactly one of Day-of-month and Day-of-week is `?` (the other may be `*`);
 * - Minutes 0-59, Hours 0-23, Day-of-month 1-31, Month 1-12 or JAN-DEC,
 *   Day-of-week 1-7 or SUN-SAT (1 = SUN), Year 1970-2199;
 * - `, - * /` everywhere except `/` in Day-of-week, which AWS does not list;
 * - Day-of-month also `L` (last day), `L-n` (n days before it, as in Quartz),
 *   `LW` (last weekday), `nW` (weekday nearest day n, never leaving the month);
 * - Day-of-week also `L` (alone: Saturday, the week's last day), `nL` (last such
 *   weekday of the month) and `n#k` (k-th such weekday, k 1-5). Only one `#`
 *   expression is allowed, and like Quartz, `L`, `W` and `#` forms stand alone:
 *   they cannot be combined with other values in a list.
 *
 * The result keeps each field expanded (sorted allowed values) so computing fire
 * times never re-reads text; `source` keeps the texts for descriptions.
 */
import {expandField, FieldError, type FieldSpec} from './cronField.js';
import {ScheduleExpressionError, ScheduleField} from './scheduleExpressionError.js';

/** Day-of-month when it decides the day. */
export type DayOfMonthRule =
	/** `?`: Day-of-week decides. */
	| {kind: 'any'}
	| {kind: 'days'; days: readonly number[]}
	/** `L` (offset 0) or `L-n`. */
	| {kind: 'last'; offset: number}
	/** `LW` */
	| {kind: 'lastWeekday'}
	/** `nW` */
	| {kind: 'nearestWeekday'; day: number};

/** Day-of-week, weekdays numbered as AWS does: 1 = Sunday ... 7 = Saturday. */
export type DayOfWeekRule =
	/** `?`: Day-of-month decides. */
	| {kind: 'any'}
	| {kind: 'days'; weekdays: readonly number[]}
	/** `nL` */
	| {kind: 'last'; weekday: number}
	/** `n#k` */
	| {kind: 'nth'; weekday: number; nth: number};

export interface CronFields {
	minutes: readonly number[];
	hours: readonly number[];
	dayOfMonth: DayOfMonthRule;
	months: readonly number[];
	dayOfWeek: DayOfWeekRule;
	years: readonly number[];
	/** The six field texts as written. */
	source: {
		minutes: string;
		hours: string;
		dayOfMonth: string;
		month: string;
		dayOfWeek: string;
		year: string;
	};
}

export interface CronExpression {
	kind: 'cron';
	text: string;
	fields: CronFields;
}

export const MONTH_NAMES = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'] as const;
export const WEEKDAY_NAMES = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'] as const;

function numbered(names: readonly string[]): Record<string, number> {
	return Object.fromEntries(names.map((name, index) => [name, index + 1]));
}

const minuteSpec: FieldSpec = {field: ScheduleField.Minutes, min: 0, max: 59, wraps: true, steps: true, maxStep: 59};
const hourSpec: FieldSpec = {field: ScheduleField.Hours, min: 0, max: 23, wraps: true, steps: true, maxStep: 23};
const dayOfMonthSpec: FieldSpec = {
	field: ScheduleField.DayOfMonth,
	min: 1,
	max: 31,
	wraps: true,
	steps: true,
	maxStep: 31,
};
const monthSpec: FieldSpec = {
	field: ScheduleField.Month,
	min: 1,
	max: 12,
	names: numbered(MONTH_NAMES),
	wraps: true,
	steps: true,
	maxStep: 12,
};
const dayOfWeekSpec: FieldSpec = {
	field: ScheduleField.DayOfWeek,
	min: 1,
	max: 7,
	names: numbered(WEEKDAY_NAMES),
	wraps: true,
	steps: false,
};
const yearSpec: FieldSpec = {field: ScheduleField.Year, min: 1970, max: 2199, wraps: false, steps: true};

/** The text with the field's names removed, so letters inside names are not read as L or W. */
function withoutNames(upper: string, spec: FieldSpec): string {
	return upper.replace(/[A-Z]{3}/g, name => (spec.names?.[name] === undefined ? name : ''));
}

const FIELD_LIST = 'Minutes Hours Day-of-month Month Day-of-week Year';

class CronParser {
	constructor(readonly text: string) {}

	fail(field: ScheduleField, fieldText: string, detail: string): never {
		throw new ScheduleExpressionError(`${this.text}: ${field} field '${fieldText}': ${detail}`, field);
	}

	/** Runs a field parser, turning its FieldError into a message naming the field. */
	guard<T>(spec: FieldSpec, fieldText: string, parse: () => T): T {
		try {
			return parse();
		} catch (error) {
			if (error instanceof FieldError) this.fail(spec.field, fieldText, error.message);
			throw error;
		}
	}

	/** Minutes, Hours, Month, Year: only `, - * /`. */
	plain(spec: FieldSpec, fieldText: string): number[] {
		const special = /[?LW#]/.exec(withoutNames(fieldText.toUpperCase(), spec));
		if (special) this.fail(spec.field, fieldText, `'${special[0]}' is not allowed in ${spec.field}`);
		return this.guard(spec, fieldText, () => expandField(fieldText, spec));
	}

	dayOfMonth(fieldText: string): DayOfMonthRule {
		const upper = fieldText.toUpperCase();
		if (upper === '?') return {kind: 'any'};
		if (upper === 'L') return {kind: 'last', offset: 0};
		if (upper === 'LW') return {kind: 'lastWeekday'};
		const lastOffset = /^L-(\d+)$/.exec(upper);
		if (lastOffset) {
			const offset = Number(lastOffset[1]);
			if (offset < 1 || offset > 30) this.fail(ScheduleField.DayOfMonth, fieldText, 'L-n needs n from 1 to 30');
			return {kind: 'last', offset};
		}
		const nearest = /^(\d+)W$/.exec(upper);
		if (nearest) {
			const day = Number(nearest[1]);
			if (day < 1 || day > 31) this.fail(ScheduleField.DayOfMonth, fieldText, `${day}W: day ${day} is out of range 1-31`);
			return {kind: 'nearestWeekday', day};
		}
		if (upper.includes('#')) this.fail(ScheduleField.DayOfMonth, fieldText, `'#' is only allowed in Day-of-week`);
		if (upper.includes('?')) this.fail(ScheduleField.DayOfMonth, fieldText, `'?' must be the whole field`);
		if (/[LW]/.test(upper)) {
			this.fail(
				ScheduleField.DayOfMonth,
				fieldText,
				'L, L-n, LW and nW (one day n) must each be the whole field, not part of a list or range',
			);
		}
		return {kind: 'days', days: this.guard(dayOfMonthSpec, fieldText, () => expandField(fieldText, dayOfMonthSpec))};
	}

	weekday(fieldText: string, token: string): number {
		return this.guard(dayOfWeekSpec, fieldText, () => expandField(token, dayOfWeekSpec)[0]);
	}

	dayOfWeek(fieldText: string): DayOfWeekRule {
		const upper = fieldText.toUpperCase();
		if (upper === '?') return {kind: 'any'};
		if (upper.includes('?')) this.fail(ScheduleField.DayOfWeek, fieldText, `'?' must be the whole field`);
		// Weekday names contain W and L (WED, TUE...), so letters are checked with the names taken out.
		const letters = withoutNames(upper, dayOfWeekSpec);
		if (letters.includes('W')) this.fail(ScheduleField.DayOfWeek, fieldText, `'W' is only allowed in Day-of-month`);
		const hashes = upper.split('#').length - 1;
		if (hashes > 1) {
			this.fail(ScheduleField.DayOfWeek, fieldText, `only one '#' expression is allowed in Day-of-week`);
		}
		if (hashes === 1) {
			const nth = /^([^,#/-]+)#(\d+)$/.exec(upper);
			if (!nth) {
				this.fail(
					ScheduleField.DayOfWeek,
					fieldText,
					`'#' must be the whole field as weekday#n (e.g. 3#2, the second Tuesday), not part of a list or range`,
				);
			}
			const weekday = this.weekday(fieldText, nth[1]);
			const index = Number(nth[2]);
			if (index < 1 || index > 5) {
				this.fail(ScheduleField.DayOfWeek, fieldText, `#${nth[2]}: the occurrence must be from 1 to 5`);
			}
			return {kind: 'nth', weekday, nth: index};
		}
		if (upper === 'L') return {kind: 'days', weekdays: [7]};
		if (letters.includes('L')) {
			const last = /^([^,/-]+)L$/.exec(upper);
			if (!last) {
				this.fail(
					ScheduleField.DayOfWeek,
					fieldText,
					`L and nL (last weekday n of the month) must be the whole field, not part of a list or range`,
				);
			}
			return {kind: 'last', weekday: this.weekday(fieldText, last[1])};
		}
		if (upper.includes('/')) {
			this.fail(ScheduleField.DayOfWeek, fieldText, `'/' increments are not allowed in Day-of-week`);
		}
		return {kind: 'days', weekdays: this.guard(dayOfWeekSpec, fieldText, () => expandField(fieldText, dayOfWeekSpec))};
	}
}

/** Parses the text between `cron(` and `)`; `text` is the whole expression, for messages. */
export function parseCronExpression(text: string, inner: string): CronExpression {
	const parts = inner.trim() === '' ? [] : inner.trim().split(/\s+/);
	if (parts.length !== 6) {
		throw new ScheduleExpressionError(
			`${text}: a cron expression has 6 fields (${FIELD_LIST}), this one has ${parts.length}`,
			ScheduleField.Expression,
		);
	}
	const [minutes, hours, dayOfMonth, month, dayOfWeek, year] = parts;
	const parser = new CronParser(text);
	if (dayOfMonth === '?' && dayOfWeek === '?') {
		throw new ScheduleExpressionError(
			`${text}: Day-of-month and Day-of-week cannot both be ?; one of them must name the days`,
			ScheduleField.DayOfMonth,
		);
	}
	if (dayOfMonth !== '?' && dayOfWeek !== '?') {
		throw new ScheduleExpressionError(
			`${text}: Day-of-month '${dayOfMonth}' and Day-of-week '${dayOfWeek}' cannot both be specified; one must be ?`,
			ScheduleField.DayOfWeek,
		);
	}
	return {
		kind: 'cron',
		text,
		fields: {
			minutes: parser.plain(minuteSpec, minutes),
			hours: parser.plain(hourSpec, hours),
			dayOfMonth: parser.dayOfMonth(dayOfMonth),
			months: parser.plain(monthSpec, month),
			dayOfWeek: parser.dayOfWeek(dayOfWeek),
			years: parser.plain(yearSpec, year),
			source: {minutes, hours, dayOfMonth, month, dayOfWeek, year},
		},
	};
}
