/**
 * `at(yyyy-mm-ddThh:mm:ss)`: an EventBridge Scheduler one-time schedule. The text is
 * a wall time with no offset; the schedule's ScheduleExpressionTimezone (UTC when
 * absent) says where that wall time is read.
 *
 * AWS documents DST handling only for cron schedules. For a one-time schedule whose
 * wall time falls in a spring-forward gap, skipping would mean never firing, so
 * stratus reads the time with the offset in force before the gap (02:30 in a gap
 * from 02:00 to 03:00 fires at 03:30), as java.time resolves such times; a repeated
 * wall time fires at its first occurrence, the same rule as for cron.
 */
import {ScheduleExpressionError, ScheduleField} from './scheduleExpressionError.js';
import {resolveLocal, type LocalDateTime} from './zonedTime.js';

export interface AtExpression {
	kind: 'at';
	text: string;
	/** The wall time as written, `yyyy-mm-ddThh:mm:ss`. */
	localTime: string;
}

const atPattern = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})$/;

function daysInMonth(year: number, month: number): number {
	return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Parses the text between `at(` and `)`; `text` is the whole expression, for messages. */
export function parseAtExpression(text: string, inner: string): AtExpression {
	const local = parseLocalTime(inner);
	if (typeof local === 'string') {
		throw new ScheduleExpressionError(`${text}: ${local}`, ScheduleField.At);
	}
	return {kind: 'at', text, localTime: inner};
}

/** The wall time of an `at` text, or why it is not one. */
function parseLocalTime(inner: string): LocalDateTime | string {
	const match = atPattern.exec(inner);
	if (!match) return `'${inner}' must be a date and time as yyyy-mm-ddThh:mm:ss`;
	const [year, month, day, hour, minute, second] = match.slice(1).map(Number);
	if (month < 1 || month > 12) return `month ${match[2]} is out of range 01-12`;
	if (day < 1 || day > daysInMonth(year, month)) {
		return `day ${match[3]} does not exist in ${match[1]}-${match[2]}`;
	}
	if (hour > 23) return `hour ${match[4]} is out of range 00-23`;
	if (minute > 59) return `minute ${match[5]} is out of range 00-59`;
	if (second > 59) return `second ${match[6]} is out of range 00-59`;
	return {year, month, day, hour, minute, second};
}

/** The single instant an `at` schedule fires in `timeZone`. */
export function atInstant(at: AtExpression, timeZone: string): number {
	const local = parseLocalTime(at.localTime);
	if (typeof local === 'string') throw new ScheduleExpressionError(`${at.text}: ${local}`, ScheduleField.At);
	const resolved = resolveLocal(local, timeZone);
	switch (resolved.kind) {
		case 'exact':
			return resolved.instant;
		case 'repeated':
			return resolved.earlier;
		case 'skipped':
			return resolved.shifted;
	}
}
