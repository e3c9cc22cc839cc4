/**
 * Activities: the task waits in the token table until a worker claims it
 * (GetActivityTask, `stratus worker`, or a person in the TUI) and answers.
 */
import {payloadDetails} from '../historyEvent.js';
import {awaitTaskToken} from './taskToken.js';
import type {TaskIntegration} from './taskResources.js';
import {asStatesError, failureDetails} from './taskFailure.js';

export const activityArn = /^arn:aws[a-z-]*:states:[^:]+:\d{12}:activity:[A-Za-z0-9_-]+$/;

export function activityIntegration(): TaskIntegration {
	return {
		matches: resource => activityArn.test(resource),
		async run(call) {
			const {ctx} = call;
			const {history} = ctx.frame.run;
			if (!ctx.resume?.taskToken) {
				const scheduled: Record<string, unknown> = {resource: call.resource, ...payloadDetails('input', call.payload)};
				if (call.timeoutSeconds !== undefined) scheduled.timeoutInSeconds = call.timeoutSeconds;
				if (call.heartbeatSeconds !== undefined) scheduled.heartbeatInSeconds = call.heartbeatSeconds;
				history.record(ctx.frame, 'ActivityScheduled', scheduled);
			}
			ctx.frame.run.services.tokens?.store.upsertActivity(call.resource, call.resource.split(':').pop()!, ctx.frame.run.clock.now());
			try {
				const output = await awaitTaskToken(call, {
					kind: 'activity',
					activityArn: call.resource,
					input: call.payload,
					onStarted: workerName => history.record(ctx.frame, 'ActivityStarted', {workerName}),
				});
				history.record(ctx.frame, 'ActivitySucceeded', payloadDetails('output', output));
				return output;
			} catch (e) {
				if (call.signal.aborted) throw call.signal.reason;
				const error = asStatesError(e);
				const timedOut = error.error === 'States.HeartbeatTimeout' || error.error === 'States.Timeout';
				history.record(ctx.frame, timedOut ? 'ActivityTimedOut' : 'ActivityFailed', failureDetails(error));
				throw error;
			}
		},
	};
}
