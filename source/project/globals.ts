/**
 * SAM's `Globals` section, merged into each `AWS::Serverless::*` resource exactly as
 * the SAM translator merges it: maps merge key by key (the resource wins), lists
 * concatenate (globals first), and anything else, including an intrinsic function,
 * is replaced by the resource's own value. `IgnoreGlobals` on a resource opts out of
 * all (`'*'`) or some of them. SAM rejects a property it cannot merge, so does this.
 */
import {intrinsicKey, isPlainObject} from './intrinsics.js';
import {childPath, type ProblemList} from './templateProblem.js';

/** The properties SAM accepts in each Globals section (samtranslator's list). */
const supportedProperties: Readonly<Record<string, readonly string[]>> = {
	Function: [
		'Handler', 'Runtime', 'CodeUri', 'DeadLetterQueue', 'Description', 'MemorySize', 'Timeout', 'VpcConfig',
		'Environment', 'Tags', 'PropagateTags', 'Tracing', 'KmsKeyArn', 'AutoPublishAlias', 'AutoPublishAliasAllProperties',
		'Layers', 'DeploymentPreference', 'RolePath', 'PermissionsBoundary', 'ReservedConcurrentExecutions',
		'ProvisionedConcurrencyConfig', 'AssumeRolePolicyDocument', 'EventInvokeConfig', 'FileSystemConfigs',
		'CodeSigningConfigArn', 'Architectures', 'SnapStart', 'EphemeralStorage', 'FunctionUrlConfig',
		'RuntimeManagementConfig', 'LoggingConfig', 'RecursiveLoop', 'SourceKMSKeyArn', 'TenancyConfig', 'DurableConfig',
		'CapacityProviderConfig', 'FunctionScalingConfig', 'PublishToLatestPublished', 'VersionDeletionPolicy',
	],
	Api: [
		'Auth', 'Name', 'DefinitionUri', 'CacheClusterEnabled', 'CacheClusterSize', 'MergeDefinitions', 'Variables',
		'EndpointConfiguration', 'MethodSettings', 'BinaryMediaTypes', 'MinimumCompressionSize', 'Cors', 'GatewayResponses',
		'AccessLogSetting', 'CanarySetting', 'TracingEnabled', 'OpenApiVersion', 'Domain', 'AlwaysDeploy', 'PropagateTags',
		'SecurityPolicy', 'EndpointAccessMode',
	],
	HttpApi: [
		'Auth', 'AccessLogSettings', 'StageVariables', 'Tags', 'CorsConfiguration', 'DefaultRouteSettings', 'Domain',
		'RouteSettings', 'FailOnWarnings', 'PropagateTags',
	],
	SimpleTable: ['SSESpecification'],
	StateMachine: ['PropagateTags'],
	LayerVersion: ['PublishLambdaVersion'],
	CapacityProvider: ['VpcConfig', 'OperatorRole', 'Tags', 'InstanceRequirements', 'ScalingConfig', 'KmsKeyArn', 'PropagateTags'],
	WebSocketApi: [
		'AccessLogSettings', 'ApiKeySelectionExpression', 'DefaultRouteSettings', 'DisableExecuteApiEndpoint',
		'DisableSchemaValidation', 'Domain', 'FailOnWarnings', 'IpAddressType', 'PropagateTags', 'RouteSelectionExpression',
		'RouteSettings', 'StageVariables', 'Tags',
	],
};

const resourcePrefix = 'AWS::Serverless::';

/** Globals by resource type (`AWS::Serverless::Function` -> properties). */
export type GlobalProperties = ReadonlyMap<string, Record<string, unknown>>;

export function readGlobals(section: unknown, problems: ProblemList): GlobalProperties {
	const globals = new Map<string, Record<string, unknown>>();
	if (section === undefined) return globals;
	if (!isPlainObject(section)) {
		problems.add('Globals', 'Globals must be a map of sections (Function, Api, StateMachine, ...)');
		return globals;
	}
	for (const [sectionName, properties] of Object.entries(section)) {
		const path = childPath('Globals', sectionName);
		const supported = supportedProperties[sectionName];
		if (!supported) {
			problems.add(path, `'${sectionName}' is not a Globals section SAM supports (${Object.keys(supportedProperties).join(', ')})`);
			continue;
		}
		if (!isPlainObject(properties)) {
			problems.add(path, `Globals.${sectionName} must be a map of properties`);
			continue;
		}
		const accepted: Record<string, unknown> = {};
		for (const [name, value] of Object.entries(properties)) {
			if (supported.includes(name)) accepted[name] = value;
			else problems.add(childPath(path, name), `'${name}' is not a property SAM merges from Globals.${sectionName}; set it on each resource instead`);
		}
		globals.set(`${resourcePrefix}${sectionName}`, accepted);
	}
	return globals;
}

/**
 * The resource's properties with its type's globals merged in. `ignoreGlobals` is the
 * resource's `IgnoreGlobals` attribute; `path` locates the resource.
 */
export function mergeGlobals(
	globals: GlobalProperties,
	type: string,
	properties: Record<string, unknown>,
	ignoreGlobals: unknown,
	path: string,
	problems: ProblemList,
): Record<string, unknown> {
	const sectionGlobals = globals.get(type);
	if (!sectionGlobals) return properties;
	let applicable = sectionGlobals;
	if (ignoreGlobals === '*') return properties;
	if (Array.isArray(ignoreGlobals)) {
		applicable = {...sectionGlobals};
		for (const name of ignoreGlobals) {
			if (typeof name !== 'string' || !Object.hasOwn(applicable, name)) {
				problems.add(childPath(path, 'IgnoreGlobals'), `IgnoreGlobals names '${String(name)}', which is not set in Globals.${type.slice(resourcePrefix.length)}`);
				continue;
			}
			delete applicable[name];
		}
	} else if (ignoreGlobals !== undefined) {
		problems.add(childPath(path, 'IgnoreGlobals'), "IgnoreGlobals must be '*' or a list of property names");
	}
	return merge(applicable, properties) as Record<string, unknown>;
}

type Token = 'primitive' | 'map' | 'list';

function tokenOf(value: unknown): Token {
	if (Array.isArray(value)) return 'list';
	// An intrinsic resolves to a single value at deploy time, so SAM treats it as one.
	if (isPlainObject(value)) return intrinsicKey(value) || isConditionObject(value) ? 'primitive' : 'map';
	return 'primitive';
}

function isConditionObject(value: Record<string, unknown>): boolean {
	const keys = Object.keys(value);
	return keys.length === 1 && keys[0] === 'Condition';
}

function merge(globalValue: unknown, localValue: unknown): unknown {
	const globalToken = tokenOf(globalValue);
	if (globalToken !== tokenOf(localValue) || globalToken === 'primitive') return localValue;
	if (globalToken === 'list') return [...(globalValue as unknown[]), ...(localValue as unknown[])];
	const merged: Record<string, unknown> = {...(globalValue as Record<string, unknown>)};
	for (const [key, value] of Object.entries(localValue as Record<string, unknown>)) {
		merged[key] = Object.hasOwn(merged, key) ? merge(merged[key], value) : value;
	}
	return merged;
}
