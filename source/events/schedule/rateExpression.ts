/**
 * `rate(value unit)`: a fixed interval. AWS requires a positive whole number and
 * the unit's number to agree with it (`rate(1 hour)`, `rate(5 hours)`; `rate(1 hours)`
 * and `rate(5 hour)` are rejected), so stratus rejects the same texts.
 *
 * A rate is a duration, never a wall-clock pattern: EventBridge Scheduler documents
 * that `days` means 24 hours on the clock even when a DST change makes a local day
 * 23 or 25 hours long. The time zone therefore plays no part in rate fire times.
 */
import {ScheduleExpressionError, ScheduleField} from './scheduleExpressionError.js';

export const RateUnit = {
	Minute: 'minute',
	Minutes: 'minutes',
	Hour: 'hour',
	Hours: 'hours',
	Day: 'day',
	Days: 'days',
} as const;
export type RateUnit = (typeof RateUnit)[keyof typeof RateUnit];

export interface RateExpression {
	kind: 'rate';
	text: string;
	value: number;
	unit: RateUnit;
	/** The interval in milliseconds. */
	everyMs: number;
}

const unitMs: Record<RateUnit, number> = {
	minute: 60_000,
	minutes: 60_000,
	hour: 3_600_000,
	hours: 3_600_000,
	day: 86_400_000,
	days: 86_400_000,
};

const singular: Record<RateUnit, boolean> = {
	minute: true,
	minutes: false,
	hour: true,
	hours: false,
	day: true,
	days: false,
};

function isRateUnit(unit: string): unit is RateUnit {
	return Object.hasOwn(unitMs, unit);
}

/** Parses the text between `rate(` and `)`; `text` is the whole expression, for messages. */
export function parseRateExpression(text: string, inner: string): RateExpression {
	const parts = inner.split(' ');
	if (parts.length !== 2 || parts.some(part => part === '')) {
		throw new ScheduleExpressionError(
			`${text}: a rate expression is rate(value unit), e.g. rate(5 minutes)`,
			ScheduleField.Expression,
		);
	}
	const [valueText, unit] = parts;
	if (!/^\d+$/.test(valueText)) {
		throw new ScheduleExpressionError(
			`${text}: rate value '${valueText}' must be a positive whole number`,
			ScheduleField.RateValue,
		);
	}
	const value = Number(valueText);
	if (value < 1 || !Number.isSafeInteger(value)) {
		throw new ScheduleExpressionError(
			`${text}: rate value '${valueText}' must be a positive whole number`,
			ScheduleField.RateValue,
		);
	}
	if (!isRateUnit(unit)) {
		throw new ScheduleExpressionError(
			`${text}: rate unit '${unit}' must be one of minute, minutes, hour, hours, day, days`,
			ScheduleField.RateUnit,
		);
	}
	if (value === 1 && !singular[unit]) {
		throw new ScheduleExpressionError(
			`${text}: rate unit must be singular when the value is 1 (rate(1 ${unit.slice(0, -1)}))`,
			ScheduleField.RateUnit,
		);
	}
	if (value > 1 && singular[unit]) {
		throw new ScheduleExpressionError(
			`${text}: rate unit must be plural when the value is greater than 1 (rate(${value} ${unit}s))`,
			ScheduleField.RateUnit,
		);
	}
	return {kind: 'rate', text, value, unit, everyMs: value * unitMs[unit]};
}

/**
 * The first fire strictly after `after` (epoch ms) of a rate anchored at `anchor`:
 * fires are `anchor + k * everyMs` for k = 0, 1, 2, ... so the anchor itself is the
 * first fire and nothing fires before it.
 */
export function nextRateFire(rate: RateExpression, after: number, anchor: number): number {
	if (after < anchor) return anchor;
	const intervals = Math.floor((after - anchor) / rate.everyMs) + 1;
	return anchor + intervals * rate.everyMs;
}
