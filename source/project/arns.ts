/**
 * ARNs as AWS spells them, built from the stack's region and account so that a
 * template's `!GetAtt Fn.Arn` and the ARN the engine looks functions up by agree.
 */
export interface StackEnvironment {
	region: string;
	accountId: string;
	stackName: string;
}

/** `aws`, `aws-cn` or `aws-us-gov`, by region, as `AWS::Partition` resolves. */
export function partitionOf(region: string): string {
	if (region.startsWith('cn-')) return 'aws-cn';
	if (region.startsWith('us-gov-')) return 'aws-us-gov';
	return 'aws';
}

export function urlSuffixOf(region: string): string {
	return region.startsWith('cn-') ? 'amazonaws.com.cn' : 'amazonaws.com';
}

export function arn(env: StackEnvironment, service: string, resource: string, options: {global?: boolean} = {}): string {
	const region = options.global ? '' : env.region;
	return `arn:${partitionOf(env.region)}:${service}:${region}:${env.accountId}:${resource}`;
}

export function functionArn(env: StackEnvironment, name: string): string {
	return arn(env, 'lambda', `function:${name}`);
}

export function layerVersionArn(env: StackEnvironment, name: string, version = 1): string {
	return arn(env, 'lambda', `layer:${name}:${version}`);
}

export function stateMachineArn(env: StackEnvironment, name: string): string {
	return arn(env, 'states', `stateMachine:${name}`);
}

export function activityArn(env: StackEnvironment, name: string): string {
	return arn(env, 'states', `activity:${name}`);
}

/**
 * `AWS::StackId`. AWS appends a random UUID; a stable one derived from the stack's
 * identity keeps repeated loads of the same template identical.
 */
export function stackId(env: StackEnvironment): string {
	return arn(env, 'cloudformation', `stack/${env.stackName}/${stableUuid(`${env.accountId}/${env.region}/${env.stackName}`)}`);
}

/** A UUID-shaped string that depends only on `seed` (FNV-1a, spread over 128 bits). */
export function stableUuid(seed: string): string {
	let hex = '';
	for (let round = 0; hex.length < 32; round++) {
		let hash = 0x811c9dc5 ^ round;
		for (let i = 0; i < seed.length; i++) {
			hash ^= seed.charCodeAt(i);
			hash = Math.imul(hash, 0x01000193) >>> 0;
		}
		hex += hash.toString(16).padStart(8, '0');
	}
	return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** A short lowercase id such as API Gateway's `a1b2c3d4e5`, stable for a seed. */
export function stableShortId(seed: string, length = 10): string {
	return stableUuid(seed).replace(/-/g, '').slice(0, length);
}

/** The function name inside a Lambda ARN (qualified or not), or the text as given. */
export function functionNameOf(nameOrArn: string): string {
	const match = /^arn:[^:]+:lambda:[^:]*:[^:]*:function:([^:]+)(?::.+)?$/.exec(nameOrArn);
	return match ? match[1] : nameOrArn;
}
