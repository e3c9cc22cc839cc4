/**
 * How the Schedules pane describes a schedule, the same for every backend: its
 * expression in words and its next fire in its own time zone. An expression that
 * does not parse is still listed, with the reason in place of the description, so a
 * typo in a template shows up where the user is looking rather than hiding the row.
 */
import {describeSchedule, nextFire, parseScheduleExpression} from '../events/schedule/index.js';
import type {ScheduleFire, ScheduleSummary} from './backend.js';

export interface ScheduleSource {
	name: string;
	expression: string;
	timezone: string;
	enabled: boolean;
	target: string;
}

/** A disabled schedule has no next fire. */
export function scheduleSummaryOf(schedule: ScheduleSource, now: Date, lastFire: ScheduleFire | null): ScheduleSummary {
	const base = {
		name: schedule.name,
		expression: schedule.expression,
		timezone: schedule.timezone,
		enabled: schedule.enabled,
		target: schedule.target,
		lastFire,
	};
	try {
		const expr = parseScheduleExpression(schedule.expression);
		const next = schedule.enabled ? nextFire(expr, now, schedule.timezone) : undefined;
		return {...base, description: describeSchedule(expr), nextFire: next ? next.getTime() : null};
	} catch (e) {
		return {...base, description: (e as Error).message, nextFire: null};
	}
}
