/**
 * The forms Invoke accepts for FunctionName: `name`, `name:qualifier`, a partial ARN
 * `123456789012:function:name[:qualifier]`, or a full ARN
 * `arn:aws:lambda:us-east-1:123456789012:function:name[:qualifier]`.
 */
import {invalidParameter} from './lambdaServiceError.js';

export interface FunctionReference {
	name: string;
	qualifier?: string;
	region?: string;
	accountId?: string;
}

const fullArn = /^arn:aws[a-zA-Z-]*:lambda:([a-z0-9-]+):(\d{12}):function:([a-zA-Z0-9_-]+)(?::([a-zA-Z0-9$_-]+))?$/;
const partialArn = /^(\d{12}):function:([a-zA-Z0-9_-]+)(?::([a-zA-Z0-9$_-]+))?$/;
const plain = /^([a-zA-Z0-9_-]+)(?::([a-zA-Z0-9$_-]+))?$/;

export function parseFunctionName(text: string): FunctionReference {
	let match = fullArn.exec(text);
	if (match) return {name: match[3], qualifier: match[4], region: match[1], accountId: match[2]};
	match = partialArn.exec(text);
	if (match) return {name: match[2], qualifier: match[3], accountId: match[1]};
	match = plain.exec(text);
	if (match) return {name: match[1], qualifier: match[2]};
	throw invalidParameter(
		`1 validation error detected: Value '${text}' at 'functionName' failed to satisfy constraint: Member must satisfy regular expression pattern: (arn:(aws[a-zA-Z-]*)?:lambda:)?([a-z]{2}(-gov)?-[a-z]+-\\d{1}:)?(\\d{12}:)?(function:)?([a-zA-Z0-9-_\\.]+)(:(\\$LATEST|[a-zA-Z0-9-_]+))?`,
	);
}

export function functionArn(region: string, accountId: string, name: string, qualifier?: string): string {
	return `arn:aws:lambda:${region}:${accountId}:function:${name}${qualifier ? `:${qualifier}` : ''}`;
}
