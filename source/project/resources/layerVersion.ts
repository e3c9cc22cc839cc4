/**
 * Lambda layers: `AWS::Serverless::LayerVersion` (ContentUri, a folder beside the
 * template) and `AWS::Lambda::LayerVersion` (a local Content path or a CDK asset).
 */
import {layerVersionArn} from '../arns.js';
import {isPlainObject, UNRESOLVED} from '../intrinsics.js';
import type {TemplateResource} from '../stack.js';
import type {BuildContext} from './buildContext.js';
import {cdkAssetFolder, describeS3Location, localFolder} from './codeLocation.js';
import {PropertyReader} from './values.js';

export function buildServerlessLayerVersion(resource: TemplateResource, context: BuildContext): void {
	const properties = new PropertyReader(context.stack, resource);
	let contentDir: string | undefined;
	if (!properties.has('ContentUri')) {
		properties.problems.add(properties.path('ContentUri'), 'a layer needs ContentUri (the folder of its content)');
	} else if (isPlainObject(properties.value('ContentUri'))) {
		properties.problems.add(properties.path('ContentUri'), `ContentUri ${describeS3Location(properties.value('ContentUri'))} is in S3, which stratus cannot fetch: point it at the local folder`);
	} else {
		const location = properties.string('ContentUri');
		if (location !== undefined) contentDir = localFolder(location, properties.path('ContentUri'), context, 'ContentUri');
	}
	addLayer(resource, properties, contentDir, context);
}

export function buildLambdaLayerVersion(resource: TemplateResource, context: BuildContext): void {
	const properties = new PropertyReader(context.stack, resource);
	const path = properties.path('Content');
	let contentDir: string | undefined;
	const asset = cdkAssetFolder(resource, 'Content', context, path);
	if (asset !== false) {
		contentDir = asset;
	} else if (!properties.has('Content')) {
		properties.problems.add(path, 'AWS::Lambda::LayerVersion needs Content');
	} else if (typeof resource.properties.Content === 'string') {
		const location = properties.string('Content');
		if (location !== undefined) contentDir = localFolder(location, path, context, 'Content');
	} else if (properties.value('Content') !== UNRESOLVED) {
		properties.problems.add(path, `Content ${describeS3Location(properties.value('Content'))} is in S3, which stratus cannot fetch: give a local folder or use the CDK output`);
	}
	addLayer(resource, properties, contentDir, context);
}

function addLayer(resource: TemplateResource, properties: PropertyReader, contentDir: string | undefined, context: BuildContext): void {
	const compatibleRuntimes = properties.stringList('CompatibleRuntimes');
	const identity = context.stack.identity(resource);
	if (identity === UNRESOLVED || contentDir === undefined) return;
	context.draft.layers.push({
		logicalId: resource.logicalId,
		name: identity.name,
		contentDir,
		arn: layerVersionArn(context.stack.env, identity.name),
		...(compatibleRuntimes ? {compatibleRuntimes} : {}),
	});
}
