/**
 * The integrations stratus serves, tried in order. A Resource none of them serves
 * fails the state with an error that names it (catchable, so a workflow can fall back).
 */
import {StatesError} from '../../asl/statesError.js';
import type {LambdaInvoker} from './lambdaInvoker.js';
import {activityIntegration} from './activityTask.js';
import {legacyLambdaIntegration, optimisedLambdaIntegration} from './lambdaTask.js';
import type {TaskIntegration, TaskResources} from './taskResources.js';

export function createTaskResources(options: {lambda?: () => LambdaInvoker | undefined; region: string; extra?: TaskIntegration[]}): TaskResources {
	const lambda = options.lambda ?? (() => undefined);
	const integrations: TaskIntegration[] = [
		...(options.extra ?? []),
		legacyLambdaIntegration(lambda),
		optimisedLambdaIntegration(lambda, options.region),
		activityIntegration(),
	];
	return {
		run(call) {
			const integration = integrations.find(i => i.matches(call.resource));
			if (!integration) {
				throw new StatesError('States.TaskFailed', `stratus cannot run the resource '${call.resource}' yet`);
			}
			return integration.run(call);
		},
	};
}
