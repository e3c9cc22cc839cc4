/**
 * The one failure type of schedule parsing. AWS itself only answers "Parameter
 * ScheduleExpression is not valid."; stratus names the part at fault instead, so a
 * template author sees which field to fix before deploying. `field` carries that
 * part on its own for callers that build a resource/property path from it.
 */
export const ScheduleField = {
	Expression: 'ScheduleExpression',
	Timezone: 'ScheduleExpressionTimezone',
	RateValue: 'rate value',
	RateUnit: 'rate unit',
	At: 'at',
	Minutes: 'Minutes',
	Hours: 'Hours',
	DayOfMonth: 'Day-of-month',
	Month: 'Month',
	DayOfWeek: 'Day-of-week',
	Year: 'Year',
} as const;
export type ScheduleField = (typeof ScheduleField)[keyof typeof ScheduleField];

export class ScheduleExpressionError extends Error {
	/** The part of the expression (or the time zone) that is wrong. */
	readonly field: ScheduleField;

	constructor(message: string, field: ScheduleField = ScheduleField.Expression) {
		super(message);
		this.name = 'ScheduleExpressionError';
		this.field = field;
	}
}
