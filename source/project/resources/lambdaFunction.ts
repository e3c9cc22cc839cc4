/**
 * `AWS::Lambda::Function` as plain CloudFormation and CDK write it. Code comes from
 * `Code.ZipFile` (inline), a local path in `Code` (before `aws cloudformation
 * package`), or a CDK asset: CDK points `Code.S3Bucket/S3Key` at its bootstrap bucket
 * and records the local folder in `Metadata['aws:asset:path']`.
 */
import {isPlainObject, UNRESOLVED} from '../intrinsics.js';
import type {TemplateResource} from '../stack.js';
import {childPath} from '../templateProblem.js';
import type {BuildContext} from './buildContext.js';
import {cdkAssetFolder, describeS3Location, inlineCodeFolder, localFolder} from './codeLocation.js';
import {isImageFunction, readFunctionSettings} from './functionSettings.js';
import {PropertyReader, readMap, readString} from './values.js';

export function buildLambdaFunction(resource: TemplateResource, context: BuildContext): void {
	const properties = new PropertyReader(context.stack, resource);
	if (isImageFunction(properties, 'Code') || resource.metadata['aws:asset:property'] === 'Code.ImageUri') {
		context.draft.notices.push({path: resource.path, message: `${resource.logicalId} is a container image function, which stratus does not run`});
		return;
	}
	const settings = readFunctionSettings(properties, context);
	const codeDir = readCode(properties, settings?.runtime, context);
	const deadLetter = properties.map('DeadLetterConfig');
	const deadLetterTarget = deadLetter
		? readString(deadLetter.TargetArn, childPath(properties.path('DeadLetterConfig'), 'TargetArn'), properties.problems)
		: undefined;
	if (!settings || codeDir === undefined) return;
	context.draft.functions.push({...settings, codeDir, ...(deadLetterTarget === undefined ? {} : {deadLetterTarget})});
}

function readCode(properties: PropertyReader, runtime: string | undefined, context: BuildContext): string | undefined {
	const path = properties.path('Code');
	const asset = cdkAssetFolder(properties.resource, 'Code', context, path);
	// The asset folder replaces Code entirely: S3Bucket/S3Key only matter on AWS.
	if (asset !== false) return asset;
	if (!properties.has('Code')) {
		properties.problems.add(path, 'AWS::Lambda::Function needs Code');
		return undefined;
	}
	if (typeof properties.resource.properties.Code === 'string') {
		const location = properties.string('Code');
		return location === undefined ? undefined : localFolder(location, path, context, 'Code');
	}
	const code = properties.value('Code');
	if (code === UNRESOLVED) return undefined;
	const value = readMap(code, path, properties.problems);
	if (!value) return undefined;
	if (value.ZipFile !== undefined) {
		const source = readString(value.ZipFile, childPath(path, 'ZipFile'), properties.problems);
		return source === undefined ? undefined : inlineCodeFolder(source, runtime, childPath(path, 'ZipFile'), context);
	}
	if (isPlainObject(value) && (value.S3Bucket !== undefined || value.S3Key !== undefined)) {
		properties.problems.add(
			path,
			`Code ${describeS3Location(value)} is in S3, which stratus cannot fetch: give a local folder (Code: ./src) or run on the CDK output, whose assets are local`,
		);
		return undefined;
	}
	properties.problems.add(path, 'Code needs ZipFile, a local folder, or S3Bucket and S3Key');
	return undefined;
}
