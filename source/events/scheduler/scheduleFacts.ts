/**
 * What a schedule's delivery depends on beyond its expression: which AWS service
 * runs it, the ARN it names itself by, how old a fire may get before it is dropped,
 * and its StartDate/EndDate.
 *
 * - An EventBridge rule (`AWS::Events::Rule`, a SAM `Schedule` event) sends the
 *   `Scheduled Event` envelope, whose `resources` holds the rule's ARN.
 * - EventBridge Scheduler (`AWS::Scheduler::Schedule`, a SAM `ScheduleV2` event)
 *   sends its target Input as is (`{}` when none), with `<aws.scheduler.*>`
 *   context attributes filled in.
 *
 * The Project model does not carry these yet, so they are read here from the
 * template's own text, by the schedule's name (`Resource/Event` for SAM events and
 * rule targets, the logical id otherwise). Only literal values count: a property
 * given by an intrinsic falls back to AWS's default. A schedule with no template
 * behind it (or one not found there) is taken for a rule, except an `at(...)`
 * expression, which only EventBridge Scheduler accepts.
 */
import {arn} from '../../project/arns.js';
import {isPlainObject} from '../../project/intrinsics.js';
import type {Project, ScheduleConfig} from '../../project/model.js';
import {readTemplateFile} from '../../project/templateFile.js';
import {ProblemList} from '../../project/templateProblem.js';

export const ScheduleService = {
	/** EventBridge rules (CloudWatch Events): the `Scheduled Event` envelope. */
	Events: 'events',
	/** EventBridge Scheduler: the target Input. */
	Scheduler: 'scheduler',
} as const;
export type ScheduleService = (typeof ScheduleService)[keyof typeof ScheduleService];

/** RetryPolicy.MaximumEventAgeInSeconds: 24 hours unless set, 60 to 86400. */
export const DEFAULT_MAXIMUM_EVENT_AGE_SECONDS = 86_400;

export interface ScheduleFacts {
	service: ScheduleService;
	/** The rule's or schedule's ARN: the event's `resources`, `<aws.scheduler.schedule-arn>`. */
	sourceArn: string;
	maximumEventAgeSeconds: number;
	/** Scheduler StartDate/EndDate (epoch ms): no fire before or after. A rate counts from StartDate. */
	startDate?: number;
	endDate?: number;
}

type Resources = Record<string, unknown>;

/** Facts for every schedule of the project, by schedule name. */
export function scheduleFacts(project: Project): Map<string, ScheduleFacts> {
	const resources = project.templatePath ? templateResources(project.templatePath) : {};
	return new Map(project.schedules.map(schedule => [schedule.name, factsOf(project, schedule, resources)]));
}

/** Facts from the schedule's name and expression alone, for a schedule the template does not explain. */
export function defaultScheduleFacts(project: Project, schedule: ScheduleConfig): ScheduleFacts {
	return factsOf(project, schedule, {});
}

function templateResources(templatePath: string): Resources {
	const document = readTemplateFile(templatePath, new ProblemList());
	return isPlainObject(document) && isPlainObject(document.Resources) ? document.Resources : {};
}

function factsOf(project: Project, schedule: ScheduleConfig, resources: Resources): ScheduleFacts {
	const slash = schedule.name.indexOf('/');
	const logicalId = slash < 0 ? schedule.name : schedule.name.slice(0, slash);
	const part = slash < 0 ? undefined : schedule.name.slice(slash + 1);
	const resource = isPlainObject(resources[logicalId]) ? resources[logicalId] : undefined;
	const properties = isPlainObject(resource?.Properties) ? resource.Properties : {};
	const ruleArn = (name: string) => arn(project, 'events', `rule/${name}`);
	const scheduleArn = (group: string, name: string) => arn(project, 'scheduler', `schedule/${group}/${name}`);

	if (resource?.Type === 'AWS::Scheduler::Schedule') {
		const target = isPlainObject(properties.Target) ? properties.Target : {};
		return {
			service: ScheduleService.Scheduler,
			sourceArn: scheduleArn(text(properties.GroupName) ?? 'default', text(properties.Name) ?? logicalId),
			maximumEventAgeSeconds: eventAge(target.RetryPolicy),
			...window(properties),
		};
	}
	if (resource?.Type === 'AWS::Events::Rule') {
		const targets = Array.isArray(properties.Targets) ? properties.Targets.filter(isPlainObject) : [];
		const target = part === undefined ? targets[0] : (targets.find(t => t.Id === part) ?? targets[Number(part)]);
		return {
			service: ScheduleService.Events,
			sourceArn: ruleArn(text(properties.Name) ?? logicalId),
			maximumEventAgeSeconds: eventAge(target?.RetryPolicy),
		};
	}
	const events = isPlainObject(properties.Events) ? properties.Events : {};
	const event = part !== undefined && isPlainObject(events[part]) ? events[part] : undefined;
	const eventProperties = isPlainObject(event?.Properties) ? event.Properties : {};
	// SAM names the generated rule or schedule `<resource><event>` (a rule's physical name
	// also carries the stack name, as CloudFormation generates it).
	const generated = `${logicalId}${part ?? ''}`;
	if (event?.Type === 'ScheduleV2') {
		return {
			service: ScheduleService.Scheduler,
			sourceArn: scheduleArn(text(eventProperties.GroupName) ?? 'default', text(eventProperties.Name) ?? generated),
			maximumEventAgeSeconds: eventAge(eventProperties.RetryPolicy),
			...window(eventProperties),
		};
	}
	if (event?.Type === 'Schedule') {
		return {
			service: ScheduleService.Events,
			sourceArn: ruleArn(text(eventProperties.Name) ?? `${project.stackName}-${generated}`),
			maximumEventAgeSeconds: eventAge(eventProperties.RetryPolicy),
		};
	}
	const isAt = /^\s*at\(/.test(schedule.expression);
	return {
		service: isAt ? ScheduleService.Scheduler : ScheduleService.Events,
		sourceArn: isAt ? scheduleArn('default', generated) : ruleArn(generated),
		maximumEventAgeSeconds: DEFAULT_MAXIMUM_EVENT_AGE_SECONDS,
	};
}

function text(value: unknown): string | undefined {
	return typeof value === 'string' && value !== '' ? value : undefined;
}

function eventAge(retryPolicy: unknown): number {
	if (!isPlainObject(retryPolicy)) return DEFAULT_MAXIMUM_EVENT_AGE_SECONDS;
	const raw = retryPolicy.MaximumEventAgeInSeconds;
	const seconds = typeof raw === 'number' ? raw : typeof raw === 'string' && /^\d+$/.test(raw) ? Number(raw) : undefined;
	if (seconds === undefined || !Number.isInteger(seconds)) return DEFAULT_MAXIMUM_EVENT_AGE_SECONDS;
	return Math.min(86_400, Math.max(60, seconds));
}

function window(properties: Record<string, unknown>): {startDate?: number; endDate?: number} {
	const instant = (value: unknown) => {
		const ms = typeof value === 'string' ? Date.parse(value) : NaN;
		return Number.isNaN(ms) ? undefined : ms;
	};
	const startDate = instant(properties.StartDate);
	const endDate = instant(properties.EndDate);
	return {...(startDate === undefined ? {} : {startDate}), ...(endDate === undefined ? {} : {endDate})};
}
