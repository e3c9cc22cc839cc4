/**
 * `AWS::Lambda::EventInvokeConfig`: retries, event age and destinations for
 * asynchronous invocations, as CDK and SAM's own translation write them. The settings
 * are applied to the named function once all functions are known.
 */
import {functionNameOf} from '../arns.js';
import type {FunctionConfig} from '../model.js';
import type {TemplateResource} from '../stack.js';
import {childPath} from '../templateProblem.js';
import type {BuildContext} from './buildContext.js';
import {PropertyReader, readMap, readString} from './values.js';

export function buildLambdaEventInvokeConfig(resource: TemplateResource, context: BuildContext): void {
	const properties = new PropertyReader(context.stack, resource);
	const functionName = properties.string('FunctionName', {required: true});
	properties.string('Qualifier', {required: true});
	const maximumRetryAttempts = properties.integer('MaximumRetryAttempts', {min: 0, max: 2});
	const maximumEventAgeInSeconds = properties.integer('MaximumEventAgeInSeconds', {min: 60, max: 21600});
	const destinations = properties.map('DestinationConfig') ?? {};
	const destination = (key: 'OnSuccess' | 'OnFailure') => {
		const path = childPath(properties.path('DestinationConfig'), key);
		const entry = readMap(destinations[key], path, properties.problems);
		return entry ? readString(entry.Destination, childPath(path, 'Destination'), properties.problems) : undefined;
	};
	const onSuccess = destination('OnSuccess');
	const onFailure = destination('OnFailure');
	if (functionName === undefined) return;
	const config: NonNullable<FunctionConfig['eventInvokeConfig']> = {
		...(maximumRetryAttempts === undefined ? {} : {maximumRetryAttempts}),
		...(maximumEventAgeInSeconds === undefined ? {} : {maximumEventAgeInSeconds}),
		...(onSuccess === undefined ? {} : {onSuccess}),
		...(onFailure === undefined ? {} : {onFailure}),
	};
	context.draft.invokeConfigs.push({functionName: functionNameOf(functionName), config, path: resource.path});
}
