/**
 * Template `Parameters`: each one's value from `--parameter-overrides` or its
 * `Default`, checked against its type and constraints as CloudFormation checks them
 * at stack creation. A parameter with no value is only a problem where it is used,
 * so CDK's `BootstrapVersion` (an SSM parameter only its deploy-time Rules read)
 * never gets in the way of running the app locally.
 */
import {isPlainObject, scalarText} from './intrinsics.js';
import {childPath, type ProblemList} from './templateProblem.js';

export type ParameterValue = string | string[];

export type ParameterState =
	| {readonly kind: 'value'; readonly value: ParameterValue}
	/** Known to exist but without a value; `reason` completes "Parameter 'X' ...". */
	| {readonly kind: 'missing'; readonly reason: string};

const ssmTypePattern = /^AWS::SSM::Parameter::Value<(.+)>$/;
const awsSpecificTypePattern = /^AWS::[A-Za-z0-9]+::[A-Za-z0-9:]+$/;

function isListType(type: string): boolean {
	return type === 'CommaDelimitedList' || (type.startsWith('List<') && type.endsWith('>'));
}

function isKnownType(type: string): boolean {
	if (type === 'String' || type === 'Number' || type === 'CommaDelimitedList' || type === 'List<Number>') return true;
	const inner = ssmTypePattern.exec(type)?.[1] ?? (type.startsWith('List<') && type.endsWith('>') ? type.slice(5, -1) : type);
	return inner === 'String' || inner === 'List<String>' || inner === 'CommaDelimitedList' || awsSpecificTypePattern.test(inner);
}

export function readParameters(
	section: unknown,
	overrides: Record<string, string>,
	problems: ProblemList,
): Map<string, ParameterState> {
	const states = new Map<string, ParameterState>();
	if (section === undefined || section === null) return states;
	if (!isPlainObject(section)) {
		problems.add('Parameters', 'Parameters must be a map of parameter names to their declarations');
		return states;
	}
	for (const [name, declaration] of Object.entries(section)) {
		const path = childPath('Parameters', name);
		if (!/^[A-Za-z0-9]+$/.test(name)) problems.add(path, `parameter name '${name}' must be alphanumeric`);
		if (!isPlainObject(declaration)) {
			problems.add(path, 'a parameter must be a map with at least a Type');
			states.set(name, {kind: 'missing', reason: 'is not declared correctly'});
			continue;
		}
		const type = declaration.Type;
		if (typeof type !== 'string') {
			problems.add(childPath(path, 'Type'), 'a parameter needs a Type (String, Number, CommaDelimitedList, ...)');
			states.set(name, {kind: 'missing', reason: 'has no Type'});
			continue;
		}
		if (!isKnownType(type)) {
			problems.add(childPath(path, 'Type'), `'${type}' is not a CloudFormation parameter type`);
			states.set(name, {kind: 'missing', reason: `has an unknown Type '${type}'`});
			continue;
		}
		const state = parameterState(name, type, declaration, overrides, path, problems);
		if (state.kind === 'value') checkConstraints(name, type, declaration, state.value, path, problems);
		states.set(name, state);
	}
	return states;
}

function parameterState(
	name: string,
	type: string,
	declaration: Record<string, unknown>,
	overrides: Record<string, string>,
	path: string,
	problems: ProblemList,
): ParameterState {
	const ssm = ssmTypePattern.exec(type);
	const valueType = ssm ? ssm[1] : type;
	let text: string | undefined;
	if (Object.hasOwn(overrides, name)) {
		text = overrides[name];
	} else if (ssm) {
		// The Default of an SSM-typed parameter is the SSM name, not the value.
		const where = typeof declaration.Default === 'string' ? ` '${declaration.Default}'` : '';
		return {kind: 'missing', reason: `is read from the SSM parameter${where} on AWS, which stratus cannot reach: pass --parameter-overrides ${name}=VALUE`};
	} else if (declaration.Default !== undefined) {
		const fallback = declaration.Default;
		text = Array.isArray(fallback) && isListType(type) ? fallback.map(item => scalarText(item) ?? '').join(',') : scalarText(fallback);
		if (text === undefined) {
			problems.add(childPath(path, 'Default'), 'a parameter Default must be a string or number');
			return {kind: 'missing', reason: 'has an invalid Default'};
		}
	} else {
		return {kind: 'missing', reason: `has no Default and no override: pass --parameter-overrides ${name}=VALUE`};
	}
	return {kind: 'value', value: isListType(valueType) ? text.split(',').map(item => item.trim()) : text};
}

function checkConstraints(
	name: string,
	type: string,
	declaration: Record<string, unknown>,
	value: ParameterValue,
	path: string,
	problems: ProblemList,
): void {
	const items = Array.isArray(value) ? value : [value];
	const numeric = type === 'Number' || type === 'List<Number>';
	if (numeric) {
		const bad = items.find(item => item.trim() === '' || !Number.isFinite(Number(item)));
		if (bad !== undefined) problems.add(path, `Parameter '${name}' must be a number, not '${bad}'`);
	}
	const allowed = declaration.AllowedValues;
	if (Array.isArray(allowed)) {
		const allowedTexts = allowed.map(scalarText);
		const bad = items.find(item => !allowedTexts.includes(item));
		if (bad !== undefined) problems.add(path, `Parameter '${name}' must be one of AllowedValues (${allowedTexts.join(', ')}), not '${bad}'`);
	}
	if (typeof declaration.AllowedPattern === 'string' && !numeric) {
		let pattern: RegExp | undefined;
		try {
			// CloudFormation matches the whole value, as Java's String.matches does.
			pattern = new RegExp(`^(?:${declaration.AllowedPattern})$`, 'u');
		} catch {
			problems.add(childPath(path, 'AllowedPattern'), `'${declaration.AllowedPattern}' is not a valid pattern`);
		}
		const bad = pattern && items.find(item => !pattern.test(item));
		if (bad !== undefined) {
			const description = typeof declaration.ConstraintDescription === 'string' ? `: ${declaration.ConstraintDescription}` : '';
			problems.add(path, `Parameter '${name}' must match pattern ${declaration.AllowedPattern}${description}`);
		}
	}
	if (!Array.isArray(value)) {
		const minLength = Number(declaration.MinLength);
		const maxLength = Number(declaration.MaxLength);
		if (declaration.MinLength !== undefined && value.length < minLength) problems.add(path, `Parameter '${name}' must contain at least ${minLength} characters`);
		if (declaration.MaxLength !== undefined && value.length > maxLength) problems.add(path, `Parameter '${name}' must contain at most ${maxLength} characters`);
	}
	if (numeric) {
		for (const item of items) {
			const number = Number(item);
			if (declaration.MinValue !== undefined && number < Number(declaration.MinValue)) problems.add(path, `Parameter '${name}' must be a number not less than ${declaration.MinValue}`);
			if (declaration.MaxValue !== undefined && number > Number(declaration.MaxValue)) problems.add(path, `Parameter '${name}' must be a number not greater than ${declaration.MaxValue}`);
		}
	}
}
