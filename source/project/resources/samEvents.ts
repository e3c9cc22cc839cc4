/**
 * SAM `Events` on a function or state machine. `Schedule` (EventBridge rules) and
 * `ScheduleV2` (EventBridge Scheduler) become schedules that fire the resource; every
 * other event source gets a notice until stratus delivers it.
 */
import {isPlainObject} from '../intrinsics.js';
import type {TemplateResource} from '../stack.js';
import {childPath} from '../templateProblem.js';
import type {BuildContext} from './buildContext.js';
import {readBoolean, readMap, readString} from './values.js';

export function readSamEvents(resource: TemplateResource, target: string, context: BuildContext): void {
	const events = resource.properties.Events;
	const eventsPath = context.stack.propertyPath(resource, 'Events');
	if (events === undefined) return;
	if (!isPlainObject(events)) {
		context.stack.problems.add(eventsPath, 'Events must be a map of event names to {Type, Properties}');
		return;
	}
	for (const [eventName, event] of Object.entries(events)) {
		const path = childPath(eventsPath, eventName);
		if (!isPlainObject(event) || typeof event.Type !== 'string') {
			context.stack.problems.add(path, 'an event needs a Type (Schedule, ScheduleV2, Api, SQS, ...)');
			continue;
		}
		if (event.Type === 'Schedule' || event.Type === 'ScheduleV2') {
			readScheduleEvent(resource, eventName, event.Type, event.Properties, path, target, context);
		} else {
			context.draft.notices.push({path, message: `${event.Type} event of ${resource.logicalId}: stratus does not deliver ${event.Type} events yet`});
		}
	}
}

function readScheduleEvent(
	resource: TemplateResource,
	eventName: string,
	type: 'Schedule' | 'ScheduleV2',
	rawProperties: unknown,
	eventPath: string,
	target: string,
	context: BuildContext,
): void {
	const {stack} = context;
	const path = childPath(eventPath, 'Properties');
	const properties = readMap(stack.resolve(rawProperties ?? {}, path), path, stack.problems);
	if (!properties) return;
	const expressionKey = type === 'Schedule' ? 'Schedule' : 'ScheduleExpression';
	if (properties[expressionKey] === undefined) {
		stack.problems.add(childPath(path, expressionKey), `a ${type} event needs ${expressionKey}`);
		return;
	}
	const expression = readString(properties[expressionKey], childPath(path, expressionKey), stack.problems);
	const input = readString(properties.Input, childPath(path, 'Input'), stack.problems, 'a string (the JSON text to send)');
	const timezone =
		type === 'ScheduleV2'
			? readString(properties.ScheduleExpressionTimezone, childPath(path, 'ScheduleExpressionTimezone'), stack.problems)
			: undefined;
	const enabled = readScheduleState(properties, path, context);
	if (expression === undefined || enabled === undefined) return;
	context.draft.schedules.push({
		config: {
			name: `${resource.logicalId}/${eventName}`,
			expression,
			timezone: timezone ?? 'UTC',
			enabled,
			...(input === undefined ? {} : {input}),
		},
		target,
		path: eventPath,
	});
}

/** `State: ENABLED|DISABLED`, or (Schedule only) `Enabled: true|false`; enabled when neither is set. */
function readScheduleState(properties: Record<string, unknown>, path: string, context: BuildContext): boolean | undefined {
	const {problems} = context.stack;
	if (properties.State !== undefined && properties.Enabled !== undefined) {
		problems.add(path, 'set State or Enabled, not both');
		return undefined;
	}
	if (properties.Enabled !== undefined) return readBoolean(properties.Enabled, childPath(path, 'Enabled'), problems);
	return readState(properties.State, childPath(path, 'State'), context);
}

/** EventBridge's `State`: ENABLED (the default) or DISABLED. */
export function readState(value: unknown, path: string, context: BuildContext): boolean | undefined {
	if (value === undefined) return true;
	const state = readString(value, path, context.stack.problems);
	if (state === undefined) return undefined;
	if (state === 'ENABLED' || state === 'ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS') return true;
	if (state === 'DISABLED') return false;
	context.stack.problems.add(path, `State must be ENABLED or DISABLED, not '${state}'`);
	return undefined;
}
