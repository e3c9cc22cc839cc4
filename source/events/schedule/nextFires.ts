/**
 * When a schedule fires: the first instant strictly after any given instant, so the
 * engine can persist the next fire and, after a restart, catch up from the last one
 * it recorded rather than from "now".
 *
 * Why our own arithmetic rather than croner (measured here: it computes from any
 * instant and knows `L W #` and AWS's SUN=1 numbering, yet missed 2 of 25 AWS
 * vectors, both at DST changes): AWS's DST rule is about wall-clock times, and it
 * is simplest to get exactly right by searching wall-clock minutes (`cronCalendar`)
 * and converting each candidate with an explicit gap/overlap policy (`zonedTime`).
 * The validation had to be ours anyway (no library enforces AWS's rules), and with
 * the parser ours, the matcher is a hundred lines more, not a second interpretation
 * of the same syntax to keep in step.
 *
 * Time zones (EventBridge Scheduler's ScheduleExpressionTimezone; EventBridge rules
 * are always UTC, the default here):
 * - cron fires at wall-clock times in the zone. EventBridge Scheduler documents that
 *   in spring, an invocation whose cron time falls on a non-existent local time is
 *   skipped, and in the fall a repeated local time runs only once; stratus fires a
 *   repeated time at its first occurrence (the one before the clocks go back).
 * - rate is a fixed duration, unaffected by the zone (AWS: a day is 24 hours).
 *   Fires are `anchor + k * interval`, k >= 0. The anchor is when the schedule
 *   started (its StartDate, or when it was created); without one, stratus anchors at
 *   the Unix epoch, so `rate(5 minutes)` fires at :00, :05, ... UTC: deterministic
 *   across restarts without storing anything.
 * - at fires once at its wall time in the zone (see `atExpression.ts` for gaps).
 */
import {atInstant} from './atExpression.js';
import {nextLocalMatch, type LocalMinute} from './cronCalendar.js';
import type {CronFields} from './cronExpression.js';
import {nextRateFire} from './rateExpression.js';
import type {ScheduleExpression} from './scheduleExpression.js';
import {assertTimeZone, resolveLocal, UTC, wallTime} from './zonedTime.js';

function instantOf(date: Date, name: string): number {
	const ms = date.getTime();
	if (Number.isNaN(ms)) throw new TypeError(`${name} is not a valid date`);
	return ms;
}

/** The instant a cron wall-clock minute fires, or undefined when it does not exist in the zone. */
function cronInstant(local: LocalMinute, timeZone: string): number | undefined {
	const resolved = resolveLocal({...local, second: 0}, timeZone);
	switch (resolved.kind) {
		case 'exact':
			return resolved.instant;
		case 'repeated':
			return resolved.earlier;
		case 'skipped':
			return undefined;
	}
}

function nextCronFire(fields: CronFields, after: number, timeZone: string): number | undefined {
	// No wall time earlier than `after`'s own can fire after it (the clock reached it first,
	// or jumped over it), so the search starts at that minute. Candidates that still come out
	// at or before `after` are the minutes of a repeated hour already fired on the first pass.
	const wall = wallTime(after, timeZone);
	let from: LocalMinute = {year: wall.year, month: wall.month, day: wall.day, hour: wall.hour, minute: wall.minute};
	for (;;) {
		const match = nextLocalMatch(fields, from);
		if (!match) return undefined;
		const instant = cronInstant(match, timeZone);
		if (instant !== undefined && instant > after) return instant;
		from = {...match, minute: match.minute + 1};
	}
}

/**
 * The first fire strictly after `after`, or undefined when there is none (an `at`
 * already past, a cron whose years have ended). `timezone` is an IANA name (default
 * UTC); `anchor` is when a rate schedule started (default: the Unix epoch).
 */
export function nextFire(
	expr: ScheduleExpression,
	after: Date,
	timezone: string = UTC,
	anchor?: Date,
): Date | undefined {
	const afterMs = instantOf(after, 'after');
	assertTimeZone(timezone);
	switch (expr.kind) {
		case 'rate':
			return new Date(nextRateFire(expr, afterMs, anchor ? instantOf(anchor, 'anchor') : 0));
		case 'at': {
			const instant = atInstant(expr, timezone);
			return instant > afterMs ? new Date(instant) : undefined;
		}
		case 'cron': {
			const instant = nextCronFire(expr.fields, afterMs, timezone);
			return instant === undefined ? undefined : new Date(instant);
		}
	}
}

/** Up to `count` fires strictly after `from`, in order; fewer when the schedule ends. */
export function nextFires(
	expr: ScheduleExpression,
	from: Date,
	count: number,
	timezone: string = UTC,
	anchor?: Date,
): Date[] {
	const fires: Date[] = [];
	let after: Date | undefined = from;
	while (fires.length < count) {
		after = nextFire(expr, after, timezone, anchor);
		if (!after) break;
		fires.push(after);
	}
	return fires;
}
