/** `AWS::StepFunctions::Activity`: a task a worker (or `stratus approve`) completes. */
import {activityArn} from '../arns.js';
import {UNRESOLVED} from '../intrinsics.js';
import type {TemplateResource} from '../stack.js';
import type {BuildContext} from './buildContext.js';

export function buildActivity(resource: TemplateResource, context: BuildContext): void {
	const identity = context.stack.identity(resource);
	if (identity === UNRESOLVED) return;
	context.draft.activities.push({
		logicalId: resource.logicalId,
		name: identity.name,
		arn: activityArn(context.stack.env, identity.name),
	});
}
