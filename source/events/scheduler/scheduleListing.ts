/**
 * What `stratus schedules` and the workbench show of each schedule: its next due
 * time (from now, within StartDate/EndDate; null when disabled or finished) and its
 * last fire (the due time of the latest fire that called the target; missed due
 * times do not count), both as ISO instants in UTC.
 */
import type {Project} from '../../project/model.js';
import type {ScheduleFireRow} from '../../store/schedules.js';
import {describeSchedule} from '../schedule/index.js';
import {defaultScheduleFacts, scheduleFacts, type ScheduleFacts} from './scheduleFacts.js';
import {dueAfter, timeSchedule} from './scheduleTiming.js';

export interface ScheduleListing {
	name: string;
	expression: string;
	timezone: string;
	target: string;
	nextFire: string | null;
	lastFire: string | null;
	enabled: boolean;
	/** A few words for people (or why the schedule cannot run). */
	description: string;
}

export function listSchedules(
	project: Project,
	lastFires: ReadonlyMap<string, number>,
	now: number,
	facts: ReadonlyMap<string, ScheduleFacts> = scheduleFacts(project),
): ScheduleListing[] {
	return project.schedules.map(config => {
		const last = lastFires.get(config.name);
		const timed = timeSchedule(config, facts.get(config.name) ?? defaultScheduleFacts(project, config));
		const next = 'error' in timed || !config.enabled ? undefined : dueAfter(timed, Math.max(now, last ?? -Infinity));
		return {
			name: config.name,
			expression: config.expression,
			timezone: config.timezone,
			target: config.target,
			nextFire: next === undefined ? null : new Date(next).toISOString(),
			lastFire: last === undefined ? null : new Date(last).toISOString(),
			enabled: config.enabled,
			description: 'error' in timed ? timed.error : describeSchedule(timed.expression) + (config.enabled ? '' : ' (disabled)'),
		};
	});
}

/** A fire row as `stratus schedules --tail --json` prints it. */
export interface FireRecord {
	name: string;
	due: string;
	fired: string | null;
	target: string;
	status: ScheduleFireRow['status'];
	error: string | null;
	executionArn: string | null;
	requestId: string | null;
}

export function fireRecord(row: ScheduleFireRow): FireRecord {
	return {
		name: row.schedule,
		due: new Date(row.dueAt).toISOString(),
		fired: row.firedAt === null ? null : new Date(row.firedAt).toISOString(),
		target: row.target,
		status: row.status,
		error: row.error,
		executionArn: row.executionArn,
		requestId: row.requestId,
	};
}

/** One line of `stratus schedules --tail`. */
export function fireLine(row: ScheduleFireRow): string {
	const what = row.executionArn ?? row.requestId ?? row.error ?? '';
	return `${new Date(row.dueAt).toISOString()}  ${row.schedule}  ${row.status}  ${row.target}${what ? `  ${what}` : ''}`;
}
