/**
 * `AWS::Scheduler::Schedule` (EventBridge Scheduler): a cron, rate or one-time `at()`
 * expression in a time zone, firing one target.
 */
import type {TemplateResource} from '../stack.js';
import {childPath} from '../templateProblem.js';
import type {BuildContext} from './buildContext.js';
import {readState} from './samEvents.js';
import {PropertyReader, readString} from './values.js';

export function buildSchedulerSchedule(resource: TemplateResource, context: BuildContext): void {
	const properties = new PropertyReader(context.stack, resource);
	const expression = properties.string('ScheduleExpression', {required: true});
	const timezone = properties.string('ScheduleExpressionTimezone');
	const enabled = readState(properties.value('State'), properties.path('State'), context);
	if (!properties.has('Target')) properties.problems.add(properties.path('Target'), 'AWS::Scheduler::Schedule needs Target');
	const target = properties.map('Target');
	const targetPath = properties.path('Target');
	const arn = target ? readString(target.Arn, childPath(targetPath, 'Arn'), properties.problems) : undefined;
	if (target && target.Arn === undefined) properties.problems.add(childPath(targetPath, 'Arn'), 'a schedule target needs Arn');
	const input = target ? readString(target.Input, childPath(targetPath, 'Input'), properties.problems, 'a string (the JSON text to send)') : undefined;
	if (expression === undefined || enabled === undefined || arn === undefined) return;
	context.draft.schedules.push({
		config: {
			name: resource.logicalId,
			expression,
			timezone: timezone ?? 'UTC',
			enabled,
			...(input === undefined ? {} : {input}),
		},
		target: arn,
		path: resource.path,
	});
}
