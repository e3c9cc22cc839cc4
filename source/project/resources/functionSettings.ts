/**
 * The settings `AWS::Serverless::Function` and `AWS::Lambda::Function` share, with
 * Lambda's defaults (128 MB, 3 seconds) and limits.
 */
import {functionArn} from '../arns.js';
import {UNRESOLVED} from '../intrinsics.js';
import type {FunctionConfig} from '../model.js';
import {childPath} from '../templateProblem.js';
import type {BuildContext} from './buildContext.js';
import {readStringMap, type PropertyReader} from './values.js';

export const DEFAULT_MEMORY_SIZE = 128;
export const DEFAULT_TIMEOUT = 3;

/** Everything but the code location and the SAM-only settings, or undefined when something essential failed. */
export function readFunctionSettings(
	properties: PropertyReader,
	context: BuildContext,
): Omit<FunctionConfig, 'codeDir'> | undefined {
	const {resource} = properties;
	const identity = context.stack.identity(resource);
	const runtime = properties.string('Runtime', {required: true});
	const handler = properties.string('Handler', {required: true});
	const memorySize = properties.integer('MemorySize', {min: 128, max: 10240});
	const timeout = properties.integer('Timeout', {min: 1, max: 900});
	const environmentValue = properties.map('Environment');
	const environment = environmentValue
		? readStringMap(environmentValue.Variables ?? {}, childPath(properties.path('Environment'), 'Variables'), properties.problems)
		: {};
	const layers = properties.stringList('Layers');
	const architectures = properties.stringList('Architectures');
	for (const [index, architecture] of (architectures ?? []).entries()) {
		if (architecture !== 'x86_64' && architecture !== 'arm64') {
			properties.problems.add(childPath(properties.path('Architectures'), index), `architecture must be x86_64 or arm64, not '${architecture}'`);
		}
	}
	const reservedConcurrency = properties.integer('ReservedConcurrentExecutions', {min: 0});
	if (identity === UNRESOLVED || runtime === undefined || handler === undefined || environment === undefined) return undefined;
	return {
		logicalId: resource.logicalId,
		name: identity.name,
		arn: functionArn(context.stack.env, identity.name),
		runtime,
		handler,
		memorySize: memorySize ?? DEFAULT_MEMORY_SIZE,
		timeout: timeout ?? DEFAULT_TIMEOUT,
		environment,
		layers: layers ?? [],
		...(architectures ? {architectures} : {}),
		...(reservedConcurrency === undefined ? {} : {reservedConcurrency}),
	};
}

/** Functions packaged as container images carry no code stratus can run. */
export function isImageFunction(properties: PropertyReader, codeProperty: string): boolean {
	if (properties.value('PackageType') === 'Image') return true;
	if (properties.has('ImageUri')) return true;
	const code = properties.resource.properties[codeProperty];
	return typeof code === 'object' && code !== null && 'ImageUri' in code;
}
