/**
 * Timestamps as Step Functions reads them: Choice's Timestamp* operators, IsTimestamp, and Wait.
 *
 * AWS accepts the RFC 3339 profile of ISO 8601 with an uppercase `T` between date
 * and time and either an uppercase `Z` or a numeric `±HH:MM` offset:
 * `2016-03-14T01:59:00Z`, `2016-03-14T02:59:00.250+01:00`. A date alone, a
 * local time without zone, a space or lowercase `t`/`z` are not timestamps. The
 * fields are checked strictly (no 30 February, no hour 24, no leap second), as
 * Java's strict ISO resolver does.
 *
 * Two timestamps compare as instants: the offset is folded in, so
 * `2016-03-14T02:59:00+01:00` equals `2016-03-14T01:59:00Z`. Fractional seconds
 * keep their full nanosecond precision (up to nine digits, like java.time), which
 * a JavaScript Date would round to milliseconds.
 */

export interface Instant {
	/** Whole seconds since 1970-01-01T00:00:00Z. */
	readonly epochSecond: number;
	/** 0..999_999_999 */
	readonly nano: number;
}

const PATTERN = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(?:(Z)|([+-])(\d{2}):(\d{2}))$/;

/** java.time's ZoneOffset range. */
const MAX_OFFSET_SECONDS = 18 * 3600;

export function parseTimestamp(text: string): Instant | undefined {
	const match = PATTERN.exec(text);
	if (!match) return undefined;
	const [, y, mo, d, h, mi, s, fraction, zulu, sign, oh, om] = match;
	const year = Number(y);
	const month = Number(mo);
	const day = Number(d);
	const hour = Number(h);
	const minute = Number(mi);
	const second = Number(s);
	if (month < 1 || month > 12) return undefined;
	if (day < 1 || day > daysInMonth(year, month)) return undefined;
	if (hour > 23 || minute > 59 || second > 59) return undefined;
	let offsetSeconds = 0;
	if (!zulu) {
		const offsetHours = Number(oh);
		const offsetMinutes = Number(om);
		if (offsetMinutes > 59) return undefined;
		offsetSeconds = (offsetHours * 3600 + offsetMinutes * 60) * (sign === '-' ? -1 : 1);
		if (Math.abs(offsetSeconds) > MAX_OFFSET_SECONDS) return undefined;
	}
	const nano = fraction ? Number(fraction.padEnd(9, '0')) : 0;
	const epochSecond = daysFromCivil(year, month, day) * 86400 + hour * 3600 + minute * 60 + second - offsetSeconds;
	return {epochSecond, nano};
}

export function isTimestamp(value: unknown): value is string {
	return typeof value === 'string' && parseTimestamp(value) !== undefined;
}

/** Negative, zero or positive as `a` is before, at or after `b`. */
export function compareInstants(a: Instant, b: Instant): number {
	if (a.epochSecond !== b.epochSecond) return a.epochSecond < b.epochSecond ? -1 : 1;
	if (a.nano !== b.nano) return a.nano < b.nano ? -1 : 1;
	return 0;
}

function isLeapYear(year: number): boolean {
	return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function daysInMonth(year: number, month: number): number {
	if (month === 2) return isLeapYear(year) ? 29 : 28;
	return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/**
 * Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's
 * days_from_civil). Date.UTC would read years 0..99 as 1900..1999.
 */
function daysFromCivil(year: number, month: number, day: number): number {
	const y = month <= 2 ? year - 1 : year;
	const era = Math.floor(y / 400);
	const yearOfEra = y - era * 400;
	const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
	const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
	return era * 146097 + dayOfEra - 719468;
}

/** Epoch milliseconds of a timestamp (what a Wait sleeps until), or undefined when it is not one. */
export function timestampMillis(text: string): number | undefined {
	const instant = parseTimestamp(text);
	return instant === undefined ? undefined : instant.epochSecond * 1000 + Math.floor(instant.nano / 1e6);
}
