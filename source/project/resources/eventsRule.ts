/**
 * `AWS::Events::Rule`: a rule with a ScheduleExpression fires each of its targets
 * on that schedule. Rules that match an EventPattern get a notice, as do target
 * features stratus does not apply (InputTransformer).
 */
import type {TemplateResource} from '../stack.js';
import {childPath} from '../templateProblem.js';
import type {BuildContext} from './buildContext.js';
import {readState} from './samEvents.js';
import {PropertyReader, readMap, readString} from './values.js';

export function buildEventsRule(resource: TemplateResource, context: BuildContext): void {
	const properties = new PropertyReader(context.stack, resource);
	if (!properties.has('ScheduleExpression')) {
		context.draft.notices.push({path: resource.path, message: `${resource.logicalId} matches an event pattern; stratus does not route EventBridge events yet`});
		return;
	}
	const expression = properties.string('ScheduleExpression');
	const enabled = readState(properties.value('State'), properties.path('State'), context);
	const targets = properties.value('Targets');
	const targetsPath = properties.path('Targets');
	if (targets === undefined) {
		context.draft.notices.push({path: resource.path, message: `${resource.logicalId} has a schedule but no Targets, so nothing runs`});
		return;
	}
	if (!Array.isArray(targets)) {
		if (!properties.failed('Targets')) properties.problems.add(targetsPath, 'Targets must be a list of {Id, Arn, ...}');
		return;
	}
	targets.forEach((target, index) => {
		const path = childPath(targetsPath, index);
		const value = readMap(target, path, properties.problems);
		if (!value) return;
		const arn = readString(value.Arn, childPath(path, 'Arn'), properties.problems);
		const id = readString(value.Id, childPath(path, 'Id'), properties.problems);
		const input = readString(value.Input, childPath(path, 'Input'), properties.problems, 'a string (the JSON text to send)');
		const inputPath = readString(value.InputPath, childPath(path, 'InputPath'), properties.problems);
		if (value.Arn === undefined) properties.problems.add(childPath(path, 'Arn'), 'a rule target needs Arn');
		if (value.InputTransformer !== undefined) {
			context.draft.notices.push({path: childPath(path, 'InputTransformer'), message: 'InputTransformer is not applied by stratus; the target receives the scheduled event'});
		}
		if (expression === undefined || enabled === undefined || arn === undefined) return;
		context.draft.schedules.push({
			config: {
				// One target keeps the rule's name; several are told apart by their Id.
				name: targets.length === 1 ? resource.logicalId : `${resource.logicalId}/${id ?? index}`,
				expression,
				timezone: 'UTC',
				enabled,
				...(input === undefined ? {} : {input}),
				...(inputPath === undefined ? {} : {inputPath}),
			},
			target: arn,
			path,
		});
	});
}
