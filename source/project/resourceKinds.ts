/**
 * What `Ref` and `Fn::GetAtt` return for each resource type, as the CloudFormation
 * resource reference documents them. Resources stratus runs (functions, state
 * machines, activities, layers, versions, aliases, schedules) get the exact ARNs the
 * engine looks them up by; the rest get values of the right shape (a queue URL, a
 * bucket name, a table ARN) so that an environment variable such as
 * `TABLE_NAME: !Ref OrdersTable` still resolves while the table itself is only a notice.
 */
import {activityArn, arn, functionArn, layerVersionArn, partitionOf, stableShortId, stateMachineArn, urlSuffixOf, type StackEnvironment} from './arns.js';

export interface ResourceIdentity {
	readonly logicalId: string;
	/** The physical name: the name property's value, else a name derived from the logical id. */
	readonly name: string;
	readonly env: StackEnvironment;
	/** Extra facts some kinds need (a version's number, an alias's function). */
	readonly facts: Readonly<Record<string, string>>;
}

type Value = (identity: ResourceIdentity) => string;

export interface ResourceKind {
	/** The property that names the resource, if the type has one. */
	readonly nameProperty?: string;
	readonly ref: Value;
	readonly attributes: Readonly<Record<string, Value>>;
	/**
	 * Whether an attribute not listed still resolves (to a placeholder). Closed for the
	 * types stratus runs, where a misspelt attribute is a real mistake.
	 */
	readonly openAttributes: boolean;
	/** Physical name when the template gives none. */
	readonly defaultName?: (logicalId: string) => string;
}

const lambdaFunction: ResourceKind = {
	nameProperty: 'FunctionName',
	ref: ({name}) => name,
	attributes: {
		'Arn': ({env, name}) => functionArn(env, name),
		'SnapStartResponse.ApplyOn': () => 'None',
		'SnapStartResponse.OptimizationStatus': () => 'Off',
	},
	openAttributes: false,
};

function stateMachine(nameProperty: string): ResourceKind {
	return {
		nameProperty,
		ref: ({env, name}) => stateMachineArn(env, name),
		attributes: {
			Arn: ({env, name}) => stateMachineArn(env, name),
			Name: ({name}) => name,
			StateMachineRevisionId: ({env, name}) => stateMachineArn(env, name),
		},
		openAttributes: false,
	};
}

const layerVersion: ResourceKind = {
	nameProperty: 'LayerName',
	ref: ({env, name}) => layerVersionArn(env, name),
	attributes: {LayerVersionArn: ({env, name}) => layerVersionArn(env, name)},
	openAttributes: false,
};

const restApi: ResourceKind = {
	nameProperty: 'Name',
	ref: ({logicalId, env}) => stableShortId(`${env.stackName}/${logicalId}`),
	attributes: {RootResourceId: ({logicalId, env}) => stableShortId(`${env.stackName}/${logicalId}/root`)},
	openAttributes: true,
};

const httpApi: ResourceKind = {
	nameProperty: 'Name',
	ref: ({logicalId, env}) => stableShortId(`${env.stackName}/${logicalId}`),
	attributes: {
		ApiId: ({logicalId, env}) => stableShortId(`${env.stackName}/${logicalId}`),
		ApiEndpoint: ({logicalId, env}) => `https://${stableShortId(`${env.stackName}/${logicalId}`)}.execute-api.${env.region}.${urlSuffixOf(env.region)}`,
	},
	openAttributes: true,
};

const dynamoDbTable: ResourceKind = {
	nameProperty: 'TableName',
	ref: ({name}) => name,
	attributes: {
		Arn: ({env, name}) => arn(env, 'dynamodb', `table/${name}`),
		StreamArn: ({env, name}) => arn(env, 'dynamodb', `table/${name}/stream/1970-01-01T00:00:00.000`),
	},
	openAttributes: true,
};

const iamRole: ResourceKind = {
	nameProperty: 'RoleName',
	ref: ({name}) => name,
	attributes: {
		Arn: ({env, name}) => arn(env, 'iam', `role/${name}`, {global: true}),
		RoleId: ({env, logicalId}) => `AROA${stableShortId(`${env.stackName}/${logicalId}`, 17).toUpperCase()}`,
	},
	openAttributes: true,
};

export const resourceKinds: Readonly<Record<string, ResourceKind>> = {
	'AWS::Serverless::Function': lambdaFunction,
	'AWS::Lambda::Function': lambdaFunction,
	'AWS::Serverless::StateMachine': stateMachine('Name'),
	'AWS::StepFunctions::StateMachine': stateMachine('StateMachineName'),
	'AWS::StepFunctions::Activity': {
		nameProperty: 'Name',
		ref: ({env, name}) => activityArn(env, name),
		attributes: {Arn: ({env, name}) => activityArn(env, name), Name: ({name}) => name},
		openAttributes: false,
	},
	'AWS::Serverless::LayerVersion': layerVersion,
	'AWS::Lambda::LayerVersion': layerVersion,
	'AWS::Lambda::Version': {
		ref: ({env, facts}) => `${functionArn(env, facts.functionName)}:${facts.version}`,
		attributes: {
			Version: ({facts}) => facts.version,
			FunctionArn: ({env, facts}) => `${functionArn(env, facts.functionName)}:${facts.version}`,
		},
		openAttributes: false,
	},
	'AWS::Lambda::Alias': {
		nameProperty: 'Name',
		ref: ({env, facts, name}) => `${functionArn(env, facts.functionName)}:${name}`,
		attributes: {AliasArn: ({env, facts, name}) => `${functionArn(env, facts.functionName)}:${name}`},
		openAttributes: false,
	},
	'AWS::Events::Rule': {
		nameProperty: 'Name',
		ref: ({name}) => name,
		attributes: {Arn: ({env, name}) => arn(env, 'events', `rule/${name}`)},
		openAttributes: false,
	},
	'AWS::Scheduler::Schedule': {
		nameProperty: 'Name',
		ref: ({name}) => name,
		attributes: {Arn: ({env, name, facts}) => arn(env, 'scheduler', `schedule/${facts.groupName ?? 'default'}/${name}`)},
		openAttributes: false,
	},
	'AWS::Events::EventBus': {
		nameProperty: 'Name',
		ref: ({name}) => name,
		attributes: {Arn: ({env, name}) => arn(env, 'events', `event-bus/${name}`), Name: ({name}) => name},
		openAttributes: true,
	},
	'AWS::SQS::Queue': {
		nameProperty: 'QueueName',
		ref: ({env, name}) => `https://sqs.${env.region}.${urlSuffixOf(env.region)}/${env.accountId}/${name}`,
		attributes: {
			Arn: ({env, name}) => arn(env, 'sqs', name),
			QueueName: ({name}) => name,
			QueueUrl: ({env, name}) => `https://sqs.${env.region}.${urlSuffixOf(env.region)}/${env.accountId}/${name}`,
		},
		openAttributes: true,
	},
	'AWS::SNS::Topic': {
		nameProperty: 'TopicName',
		ref: ({env, name}) => arn(env, 'sns', name),
		attributes: {TopicArn: ({env, name}) => arn(env, 'sns', name), TopicName: ({name}) => name},
		openAttributes: true,
	},
	'AWS::S3::Bucket': {
		nameProperty: 'BucketName',
		ref: ({name}) => name,
		attributes: {
			Arn: ({env, name}) => `arn:${partitionOf(env.region)}:s3:::${name}`,
			DomainName: ({env, name}) => `${name}.s3.${urlSuffixOf(env.region)}`,
			RegionalDomainName: ({env, name}) => `${name}.s3.${env.region}.${urlSuffixOf(env.region)}`,
			WebsiteURL: ({env, name}) => `http://${name}.s3-website-${env.region}.${urlSuffixOf(env.region)}`,
		},
		openAttributes: true,
		// Bucket names are lowercase.
		defaultName: logicalId => logicalId.toLowerCase(),
	},
	'AWS::DynamoDB::Table': dynamoDbTable,
	'AWS::Serverless::SimpleTable': dynamoDbTable,
	'AWS::Logs::LogGroup': {
		nameProperty: 'LogGroupName',
		ref: ({name}) => name,
		attributes: {Arn: ({env, name}) => arn(env, 'logs', `log-group:${name}:*`)},
		openAttributes: true,
	},
	'AWS::Kinesis::Stream': {
		nameProperty: 'Name',
		ref: ({name}) => name,
		attributes: {Arn: ({env, name}) => arn(env, 'kinesis', `stream/${name}`)},
		openAttributes: true,
	},
	'AWS::SecretsManager::Secret': {
		nameProperty: 'Name',
		ref: ({env, name}) => arn(env, 'secretsmanager', `secret:${name}-${stableShortId(name, 6)}`),
		attributes: {Id: ({env, name}) => arn(env, 'secretsmanager', `secret:${name}-${stableShortId(name, 6)}`)},
		openAttributes: true,
	},
	'AWS::SSM::Parameter': {
		nameProperty: 'Name',
		ref: ({name}) => name,
		attributes: {Type: () => 'String'},
		openAttributes: true,
	},
	'AWS::IAM::Role': iamRole,
	'AWS::IAM::ManagedPolicy': {
		nameProperty: 'ManagedPolicyName',
		ref: ({env, name}) => arn(env, 'iam', `policy/${name}`, {global: true}),
		attributes: {PolicyArn: ({env, name}) => arn(env, 'iam', `policy/${name}`, {global: true})},
		openAttributes: true,
	},
	'AWS::Serverless::Api': restApi,
	'AWS::ApiGateway::RestApi': restApi,
	'AWS::Serverless::HttpApi': httpApi,
	'AWS::ApiGatewayV2::Api': httpApi,
};

/** Any other type: Ref gives the logical id, attributes are placeholders of the right shape. */
export function genericKind(type: string): ResourceKind {
	const [, service = 'unknown', resource = 'resource'] = type.split('::');
	return {
		ref: ({logicalId}) => logicalId,
		attributes: {Arn: ({env, name}) => arn(env, service.toLowerCase(), `${resource.toLowerCase()}/${name}`)},
		openAttributes: true,
	};
}

export function kindOf(type: string): ResourceKind {
	return resourceKinds[type] ?? genericKind(type);
}

/** A placeholder for an attribute stratus has no value for (a resource it does not run). */
export function placeholderAttribute(logicalId: string, attribute: string): string {
	return `${logicalId}.${attribute}`;
}
