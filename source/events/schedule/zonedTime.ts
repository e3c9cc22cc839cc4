/**
 * Wall-clock time in an IANA time zone, computed with Intl only: Node ships the tz
 * database in ICU, so stratus carries no zone data of its own and agrees with the
 * platform about every historical and future offset.
 *
 * Converting an instant to wall time is a lookup. The other way can have zero
 * answers (the spring-forward gap) or two (the fall-back overlap); `resolveLocal`
 * reports which, and each schedule type applies its own policy to that answer
 * (see `nextFires.ts`).
 */
import {ScheduleExpressionError, ScheduleField} from './scheduleExpressionError.js';

/** A calendar date and time of day with no zone attached. Months count from 1. */
export interface LocalDateTime {
	year: number;
	month: number;
	day: number;
	hour: number;
	minute: number;
	second: number;
}

export type LocalResolution =
	| {kind: 'exact'; instant: number}
	/** Fall back: the wall time happened twice; `earlier` is the first (pre-transition) occurrence. */
	| {kind: 'repeated'; earlier: number; later: number}
	/** Spring forward: the wall time never happened. `shifted` reads it with the offset in force
	 * before the transition, which lands as far past the gap's end as the time was into the gap. */
	| {kind: 'skipped'; shifted: number};

export const UTC = 'UTC';

const HOUR = 3_600_000;
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
	let format = formatters.get(timeZone);
	if (!format) {
		format = new Intl.DateTimeFormat('en-US', {
			timeZone,
			hourCycle: 'h23',
			year: 'numeric',
			month: 'numeric',
			day: 'numeric',
			hour: 'numeric',
			minute: 'numeric',
			second: 'numeric',
		});
		formatters.set(timeZone, format);
	}
	return format;
}

export function isTimeZone(timeZone: string): boolean {
	if (timeZone === UTC) return true;
	try {
		formatter(timeZone);
		return true;
	} catch {
		return false;
	}
}

/** Throws a ScheduleExpressionError naming ScheduleExpressionTimezone for an unknown zone. */
export function assertTimeZone(timeZone: string): void {
	if (!isTimeZone(timeZone)) {
		throw new ScheduleExpressionError(
			`ScheduleExpressionTimezone '${timeZone}' is not a valid IANA time zone name (e.g. America/New_York)`,
			ScheduleField.Timezone,
		);
	}
}

/** Epoch ms of a wall time read as if it were UTC. */
export function localAsUtc(local: LocalDateTime): number {
	return Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute, local.second);
}

function utcFields(ms: number): LocalDateTime {
	const date = new Date(ms);
	return {
		year: date.getUTCFullYear(),
		month: date.getUTCMonth() + 1,
		day: date.getUTCDate(),
		hour: date.getUTCHours(),
		minute: date.getUTCMinutes(),
		second: date.getUTCSeconds(),
	};
}

/** The wall time at `instant` (epoch ms) in `timeZone`, to the second. */
export function wallTime(instant: number, timeZone: string): LocalDateTime {
	if (timeZone === UTC) return utcFields(instant);
	const fields: Record<string, number> = {};
	for (const part of formatter(timeZone).formatToParts(instant)) {
		if (part.type !== 'literal') fields[part.type] = Number(part.value);
	}
	return {
		year: fields.year,
		month: fields.month,
		day: fields.day,
		hour: fields.hour,
		minute: fields.minute,
		second: fields.second,
	};
}

/** UTC offset (wall minus UTC) in ms at `instant`; whole seconds, like the tz database. */
export function offsetAt(instant: number, timeZone: string): number {
	const whole = Math.floor(instant / 1000) * 1000;
	return localAsUtc(wallTime(whole, timeZone)) - whole;
}

/**
 * Every instant whose wall time in `timeZone` is `local`. A wall time `w` happens at
 * `w - offset` for some offset in force near it; real offsets lie within -12h..+14h, so
 * the offsets seen at both ends and the middle of that window are all the candidates
 * (no zone changes offset twice within a day).
 */
export function resolveLocal(local: LocalDateTime, timeZone: string): LocalResolution {
	const asUtc = localAsUtc(local);
	if (timeZone === UTC) return {kind: 'exact', instant: asUtc};
	const offsets = [
		...new Set([offsetAt(asUtc - 14 * HOUR, timeZone), offsetAt(asUtc, timeZone), offsetAt(asUtc + 12 * HOUR, timeZone)]),
	];
	const instants = offsets
		.map(offset => asUtc - offset)
		.filter(instant => offsetAt(instant, timeZone) === asUtc - instant)
		.sort((a, b) => a - b);
	if (instants.length === 0) {
		// Clocks only jump forward when the offset grows, so the smaller offset is the one before the gap.
		return {kind: 'skipped', shifted: asUtc - Math.min(...offsets)};
	}
	if (instants.length === 1) return {kind: 'exact', instant: instants[0]};
	return {kind: 'repeated', earlier: instants[0], later: instants[instants.length - 1]};
}
