/**
 * Resources stratus does not run yet. Each becomes a one-line notice so nothing in
 * the template disappears without a word; permissions (IAM, Lambda permissions, SAM
 * connectors) are gathered into a single notice since locally nothing is denied.
 */
import type {Notice} from '../model.js';
import type {TemplateResource} from '../stack.js';

const permissionTypes = new Set(['AWS::Lambda::Permission', 'AWS::Serverless::Connector']);

export function isPermissionResource(type: string): boolean {
	return type.startsWith('AWS::IAM::') || permissionTypes.has(type);
}

const descriptions: Readonly<Record<string, string>> = {
	'AWS::Serverless::Api': 'an API Gateway REST API',
	'AWS::ApiGateway::RestApi': 'an API Gateway REST API',
	'AWS::Serverless::HttpApi': 'an API Gateway HTTP API',
	'AWS::ApiGatewayV2::Api': 'an API Gateway HTTP or WebSocket API',
	'AWS::Serverless::SimpleTable': 'a DynamoDB table',
	'AWS::DynamoDB::Table': 'a DynamoDB table',
	'AWS::SQS::Queue': 'an SQS queue',
	'AWS::SNS::Topic': 'an SNS topic',
	'AWS::S3::Bucket': 'an S3 bucket',
	'AWS::Events::EventBus': 'an EventBridge event bus',
	'AWS::Logs::LogGroup': 'a CloudWatch log group',
	'AWS::Serverless::Application': 'a nested SAM application',
	'AWS::CloudFormation::Stack': 'a nested stack',
};

export function unsupportedNotice(resource: TemplateResource): Notice {
	if (resource.type === 'AWS::CDK::Metadata') {
		return {path: resource.path, message: `${resource.logicalId} is CDK's usage metadata; there is nothing to run`};
	}
	const description = descriptions[resource.type];
	const what = description ? `${resource.type} (${description})` : resource.type;
	return {path: resource.path, message: `${resource.logicalId}: ${what} is not run by stratus yet; references to it resolve to placeholder values`};
}

/** One notice for every permission resource of the template. */
export function permissionsNotice(resources: TemplateResource[]): Notice | undefined {
	if (resources.length === 0) return undefined;
	const names = resources.map(resource => resource.logicalId);
	const shown = names.length > 4 ? `${names.slice(0, 4).join(', ')} and ${names.length - 4} more` : names.join(', ');
	return {
		path: resources[0].path,
		message: `IAM roles, policies and permissions are not enforced locally (${shown})`,
	};
}
