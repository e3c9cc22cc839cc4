/**
 * `AWS::Lambda::Alias`: a name for a version of a function of this template, with
 * optional weighted routing to a second version.
 */
import {UNRESOLVED} from '../intrinsics.js';
import type {TemplateResource} from '../stack.js';
import {childPath} from '../templateProblem.js';
import type {BuildContext} from './buildContext.js';
import {PropertyReader, readMap, readString} from './values.js';

export function buildLambdaAlias(resource: TemplateResource, context: BuildContext): void {
	const properties = new PropertyReader(context.stack, resource);
	for (const required of ['FunctionName', 'Name']) {
		if (!properties.has(required)) properties.problems.add(properties.path(required), `AWS::Lambda::Alias needs ${required}`);
	}
	const functionVersion = properties.string('FunctionVersion', {required: true});
	const weights = readWeights(properties);
	const identity = properties.has('FunctionName') && properties.has('Name') ? context.stack.identity(resource) : UNRESOLVED;
	if (identity === UNRESOLVED || functionVersion === undefined) return;
	context.draft.aliases.push({
		logicalId: resource.logicalId,
		functionName: identity.facts.functionName,
		name: identity.name,
		functionVersion,
		...(weights === undefined ? {} : {additionalVersionWeights: weights}),
	});
}

function readWeights(properties: PropertyReader): Record<string, number> | undefined {
	const routing = properties.map('RoutingConfig');
	if (!routing || routing.AdditionalVersionWeights === undefined) return undefined;
	const path = childPath(properties.path('RoutingConfig'), 'AdditionalVersionWeights');
	const list = routing.AdditionalVersionWeights;
	if (!Array.isArray(list)) {
		properties.problems.add(path, 'AdditionalVersionWeights must be a list of {FunctionVersion, FunctionWeight}');
		return undefined;
	}
	const weights: Record<string, number> = {};
	list.forEach((entry, index) => {
		const entryPath = childPath(path, index);
		const value = readMap(entry, entryPath, properties.problems);
		if (!value) return;
		const version = readString(value.FunctionVersion, childPath(entryPath, 'FunctionVersion'), properties.problems);
		const weight = Number(value.FunctionWeight);
		if (!Number.isFinite(weight) || weight < 0 || weight > 1) {
			properties.problems.add(childPath(entryPath, 'FunctionWeight'), 'FunctionWeight must be a number from 0.0 to 1.0');
			return;
		}
		if (version !== undefined) weights[version] = weight;
	});
	return weights;
}
