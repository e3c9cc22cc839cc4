/**
 * What a fire sends its target, as AWS builds it.
 *
 * EventBridge rules: the target's `Input` (constant JSON) when set; else the
 * `Scheduled Event` envelope, or the part of it `InputPath` selects. The envelope's
 * `time` is the due time, not the moment of sending, so a late fire still says when
 * it was meant for.
 *
 * EventBridge Scheduler: the target's `Input`, `{}` when none, after replacing the
 * context attributes `<aws.scheduler.schedule-arn>`, `<aws.scheduler.scheduled-time>`,
 * `<aws.scheduler.execution-id>` and `<aws.scheduler.attempt-number>` in its text.
 * Lambda and Step Functions targets need well-formed JSON, so anything else is a
 * failed fire.
 */
import {randomBytes, randomUUID} from 'node:crypto';
import {compilePath, lookupCompiled} from '../../asl/jsonPath.js';
import type {ScheduleConfig} from '../../project/model.js';
import {ScheduleService, type ScheduleFacts} from './scheduleFacts.js';

export interface FireContext {
	/** The due time (epoch ms). */
	dueAt: number;
	region: string;
	accountId: string;
	/** Attempt counter for `<aws.scheduler.attempt-number>`; stratus calls a target once per fire. */
	attempt?: number;
}

export type TargetInput = {ok: true; text: string} | {ok: false; error: string};

/** `2022-03-22T18:59:43Z`: how EventBridge writes times (whole seconds, UTC). */
export function eventTime(ms: number): string {
	return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

/** EventBridge's `Scheduled Event`, with its keys in AWS's order. */
export function scheduledEvent(facts: Pick<ScheduleFacts, 'sourceArn'>, fire: FireContext): Record<string, unknown> {
	return {
		'version': '0',
		'id': randomUUID(),
		'detail-type': 'Scheduled Event',
		'source': 'aws.events',
		'account': fire.accountId,
		'time': eventTime(fire.dueAt),
		'region': fire.region,
		'resources': [facts.sourceArn],
		'detail': {},
	};
}

/** Scheduler's execution ids look like `d32c5kddcf5bb8c3`: 16 lowercase letters and digits. */
function executionId(): string {
	const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
	return Array.from(randomBytes(16), byte => alphabet[byte % alphabet.length]).join('');
}

export function targetInput(schedule: Pick<ScheduleConfig, 'input' | 'inputPath'>, facts: ScheduleFacts, fire: FireContext): TargetInput {
	if (facts.service === ScheduleService.Scheduler) {
		const text = (schedule.input ?? '{}').replace(/<aws\.scheduler\.(schedule-arn|scheduled-time|execution-id|attempt-number)>/g, (_, name: string) => {
			switch (name) {
				case 'schedule-arn':
					return facts.sourceArn;
				case 'scheduled-time':
					return eventTime(fire.dueAt);
				case 'execution-id':
					return executionId();
				default:
					return String(fire.attempt ?? 1);
			}
		});
		return wellFormed(text, 'Input');
	}
	if (schedule.input !== undefined) return wellFormed(schedule.input, 'Input');
	const event = scheduledEvent(facts, fire);
	if (schedule.inputPath === undefined) return {ok: true, text: JSON.stringify(event)};
	let selected;
	try {
		selected = lookupCompiled(compilePath(schedule.inputPath), event);
	} catch (error) {
		return {ok: false, error: `InputPath '${schedule.inputPath}' is not a valid JSONPath: ${(error as Error).message}`};
	}
	if (!selected.found) return {ok: false, error: `InputPath '${schedule.inputPath}' matches nothing in the event: ${selected.reason}`};
	return {ok: true, text: JSON.stringify(selected.value)};
}

function wellFormed(text: string, field: string): TargetInput {
	try {
		JSON.parse(text);
		return {ok: true, text};
	} catch (error) {
		return {ok: false, error: `${field} must be well-formed JSON for a Lambda or Step Functions target: ${(error as Error).message}`};
	}
}
