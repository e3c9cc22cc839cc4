/**
 * `AWS::Serverless::Function`: code from CodeUri (a folder beside the template) or
 * InlineCode, SAM's invoke settings (AutoPublishAlias, EventInvokeConfig,
 * DeadLetterQueue), and Events, of which schedules fire the function.
 */
import {arn} from '../arns.js';
import {isPlainObject, UNRESOLVED} from '../intrinsics.js';
import type {FunctionConfig} from '../model.js';
import type {TemplateResource} from '../stack.js';
import {childPath} from '../templateProblem.js';
import type {BuildContext} from './buildContext.js';
import {describeS3Location, inlineCodeFolder, localFolder} from './codeLocation.js';
import {isImageFunction, readFunctionSettings} from './functionSettings.js';
import {readSamEvents} from './samEvents.js';
import {PropertyReader, readInteger, readMap, readString} from './values.js';

export function buildServerlessFunction(resource: TemplateResource, context: BuildContext): void {
	const properties = new PropertyReader(context.stack, resource);
	if (isImageFunction(properties, 'CodeUri')) {
		context.draft.notices.push({path: resource.path, message: `${resource.logicalId} is a container image function, which stratus does not run`});
		return;
	}
	const settings = readFunctionSettings(properties, context);
	const codeDir = readCode(properties, settings?.runtime, context);
	const autoPublishAlias = properties.string('AutoPublishAlias');
	const eventInvokeConfig = readEventInvokeConfig(properties, context);
	const deadLetterTarget = readDeadLetterQueue(properties);
	if (!settings || codeDir === undefined) return;
	const config: FunctionConfig = {
		...settings,
		codeDir,
		...(autoPublishAlias === undefined ? {} : {autoPublishAlias}),
		...(eventInvokeConfig === undefined ? {} : {eventInvokeConfig}),
		...(deadLetterTarget === undefined ? {} : {deadLetterTarget}),
	};
	context.draft.functions.push(config);
	// With AutoPublishAlias, SAM points event sources at the alias.
	readSamEvents(resource, autoPublishAlias ? `${config.arn}:${autoPublishAlias}` : config.arn, context);
}

function readCode(properties: PropertyReader, runtime: string | undefined, context: BuildContext): string | undefined {
	const hasCodeUri = properties.has('CodeUri');
	const hasInline = properties.has('InlineCode');
	if (hasCodeUri && hasInline) {
		properties.problems.add(properties.path('InlineCode'), 'set CodeUri or InlineCode, not both');
		return undefined;
	}
	if (hasInline) {
		const source = properties.string('InlineCode');
		return source === undefined ? undefined : inlineCodeFolder(source, runtime, properties.path('InlineCode'), context);
	}
	if (!hasCodeUri) {
		properties.problems.add(properties.path('CodeUri'), 'a function needs CodeUri (the folder of its code) or InlineCode');
		return undefined;
	}
	const codeUri = properties.value('CodeUri');
	if (codeUri === UNRESOLVED) return undefined;
	if (isPlainObject(codeUri)) {
		properties.problems.add(properties.path('CodeUri'), `CodeUri ${describeS3Location(codeUri)} is in S3, which stratus cannot fetch: point it at the local folder`);
		return undefined;
	}
	const location = properties.string('CodeUri');
	return location === undefined ? undefined : localFolder(location, properties.path('CodeUri'), context, 'CodeUri');
}

/** SAM's EventInvokeConfig: retries, event age and destinations of async invocations. */
function readEventInvokeConfig(properties: PropertyReader, context: BuildContext): FunctionConfig['eventInvokeConfig'] {
	const value = properties.map('EventInvokeConfig');
	if (!value) return undefined;
	const {problems} = properties;
	const path = properties.path('EventInvokeConfig');
	const maximumRetryAttempts = readInteger(value.MaximumRetryAttempts, childPath(path, 'MaximumRetryAttempts'), problems, {min: 0, max: 2});
	const maximumEventAgeInSeconds = readInteger(value.MaximumEventAgeInSeconds, childPath(path, 'MaximumEventAgeInSeconds'), problems, {min: 60, max: 21600});
	const destinations = readMap(value.DestinationConfig, childPath(path, 'DestinationConfig'), problems) ?? {};
	const destination = (key: 'OnSuccess' | 'OnFailure') => {
		const destinationPath = childPath(childPath(path, 'DestinationConfig'), key);
		const entry = readMap(destinations[key], destinationPath, problems);
		if (!entry) return undefined;
		const type = readString(entry.Type, childPath(destinationPath, 'Type'), problems);
		const target = readString(entry.Destination, childPath(destinationPath, 'Destination'), problems);
		if (target !== undefined) return target;
		// Without a Destination SAM creates the queue or topic itself, named after the function.
		const generated = `${properties.resource.logicalId}EventInvokeConfig${key}${type === 'SNS' ? 'Topic' : 'Queue'}`;
		if (type === 'SQS') return arn(context.stack.env, 'sqs', generated);
		if (type === 'SNS') return arn(context.stack.env, 'sns', generated);
		if (entry.Destination === undefined) problems.add(childPath(destinationPath, 'Destination'), `a ${type ?? 'Lambda'} destination needs Destination (an ARN)`);
		return undefined;
	};
	const onSuccess = destination('OnSuccess');
	const onFailure = destination('OnFailure');
	return {
		...(maximumRetryAttempts === undefined ? {} : {maximumRetryAttempts}),
		...(maximumEventAgeInSeconds === undefined ? {} : {maximumEventAgeInSeconds}),
		...(onSuccess === undefined ? {} : {onSuccess}),
		...(onFailure === undefined ? {} : {onFailure}),
	};
}

function readDeadLetterQueue(properties: PropertyReader): string | undefined {
	const value = properties.map('DeadLetterQueue');
	if (!value) return undefined;
	const path = properties.path('DeadLetterQueue');
	const type = readString(value.Type, childPath(path, 'Type'), properties.problems);
	if (type !== undefined && type !== 'SQS' && type !== 'SNS') properties.problems.add(childPath(path, 'Type'), `DeadLetterQueue Type must be SQS or SNS, not '${type}'`);
	if (value.TargetArn === undefined) {
		properties.problems.add(childPath(path, 'TargetArn'), 'a DeadLetterQueue needs TargetArn');
		return undefined;
	}
	return readString(value.TargetArn, childPath(path, 'TargetArn'), properties.problems);
}
