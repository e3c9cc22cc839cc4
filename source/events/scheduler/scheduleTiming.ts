/**
 * A schedule made ready to run: its expression parsed, its zone checked, and the
 * one question the scheduler asks of it, "the first due time after t", answered
 * within its StartDate/EndDate. A rate counts from StartDate when there is one,
 * else from the Unix epoch (see `events/schedule/nextFires.ts`).
 */
import {nextFire, parseScheduleExpression, type ScheduleExpression} from '../schedule/index.js';
import type {ScheduleConfig} from '../../project/model.js';
import type {ScheduleFacts} from './scheduleFacts.js';

export interface TimedSchedule {
	config: ScheduleConfig;
	expression: ScheduleExpression;
	facts: ScheduleFacts;
}

/** The schedule ready to time, or why it cannot run (a bad expression or time zone). */
export function timeSchedule(config: ScheduleConfig, facts: ScheduleFacts): TimedSchedule | {error: string} {
	try {
		const expression = parseScheduleExpression(config.expression);
		// Computing one fire checks the time zone too.
		nextFire(expression, new Date(0), config.timezone);
		return {config, expression, facts};
	} catch (error) {
		return {error: (error as Error).message};
	}
}

/** The first due time strictly after `after` (epoch ms), or undefined when the schedule has no more. */
export function dueAfter(schedule: TimedSchedule, after: number): number | undefined {
	const {startDate, endDate} = schedule.facts;
	const from = startDate === undefined ? after : Math.max(after, startDate - 1);
	const anchor = startDate === undefined ? undefined : new Date(startDate);
	const due = nextFire(schedule.expression, new Date(from), schedule.config.timezone, anchor)?.getTime();
	if (due === undefined || (endDate !== undefined && due >= endDate)) return undefined;
	return due;
}

/** What decides a schedule's due times: when it changes, counting starts afresh. */
export function timingFingerprint(schedule: Pick<TimedSchedule, 'config' | 'facts'>): string {
	const {config, facts} = schedule;
	return JSON.stringify([config.expression, config.timezone, config.enabled, facts.startDate ?? null, facts.endDate ?? null]);
}
