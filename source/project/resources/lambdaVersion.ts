/**
 * `AWS::Lambda::Version`: a published version of a function of this template.
 * Versions are numbered 1, 2, ... per function in template order (see Stack).
 */
import {UNRESOLVED} from '../intrinsics.js';
import type {TemplateResource} from '../stack.js';
import type {BuildContext} from './buildContext.js';
import {PropertyReader} from './values.js';

export function buildLambdaVersion(resource: TemplateResource, context: BuildContext): void {
	const properties = new PropertyReader(context.stack, resource);
	if (!properties.has('FunctionName')) {
		properties.problems.add(properties.path('FunctionName'), 'AWS::Lambda::Version needs FunctionName');
		return;
	}
	const identity = context.stack.identity(resource);
	const description = properties.string('Description');
	if (identity === UNRESOLVED) return;
	context.draft.versions.push({
		logicalId: resource.logicalId,
		functionName: identity.facts.functionName,
		...(description === undefined ? {} : {description}),
	});
}
