/**
 * CloudFormation's intrinsic functions, evaluated the way CloudFormation does when it
 * creates a stack: `Ref`, `Fn::GetAtt`, `Fn::Sub`, `Fn::Join`, `Fn::Select`,
 * `Fn::Split`, `Fn::If`, `Fn::FindInMap`, `Fn::Base64`, `Fn::GetAZs`,
 * `Fn::ImportValue`, `Fn::Cidr`, and the language extensions `Fn::Length` and
 * `Fn::ToJsonString`. What a name refers to (parameters, resources, conditions,
 * imports) is the scope's business; this module only knows the functions.
 *
 * A failed evaluation reports one problem at the path of the intrinsic object and
 * yields `UNRESOLVED`, which every enclosing function passes on without reporting
 * again, so one mistake makes one problem. `Ref AWS::NoValue` yields `NO_VALUE`,
 * which removes the enclosing property or list item.
 */
import {childPath, type ProblemList} from './templateProblem.js';

export const NO_VALUE: unique symbol = Symbol('AWS::NoValue');
export const UNRESOLVED: unique symbol = Symbol('unresolved');
export type Unresolved = typeof UNRESOLVED;

export interface IntrinsicScope {
	readonly problems: ProblemList;
	/** Region `Fn::GetAZs ''` lists zones for. */
	readonly region: string;
	/** The value of `Ref name`: a parameter, pseudo parameter or resource. */
	ref(name: string, path: string): unknown;
	/** `viaSub`: written as `${Id.Attribute}` in Fn::Sub, where SAM also resolves `${MyApi.Stage}`-style references. */
	getAtt(logicalId: string, attribute: string, path: string, viaSub?: boolean): unknown;
	condition(name: string, path: string): boolean | Unresolved;
	/** `literal`: the name was written as text, so a reference check has already judged it. */
	mapping(name: string, path: string, literal: boolean): unknown;
	importValue(exportName: string, path: string): unknown;
}

export type Json = null | boolean | number | string | Json[] | {[key: string]: Json};

export function isPlainObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The function key of an intrinsic object (`Ref`, `Fn::Join`, ...), if it is one. */
export function intrinsicKey(value: unknown): string | undefined {
	if (!isPlainObject(value)) return undefined;
	const keys = Object.keys(value);
	if (keys.length !== 1) return undefined;
	const [key] = keys;
	return key === 'Ref' || key.startsWith('Fn::') ? key : undefined;
}

/** True when a resolved value (or anything inside it) failed to resolve. */
export function containsUnresolved(value: unknown): boolean {
	if (value === UNRESOLVED) return true;
	if (Array.isArray(value)) return value.some(containsUnresolved);
	if (isPlainObject(value)) return Object.values(value).some(containsUnresolved);
	return false;
}

/** Resolves every intrinsic inside `value`; `path` locates `value` in the template. */
export function resolveValue(value: unknown, path: string, scope: IntrinsicScope): unknown {
	if (Array.isArray(value)) {
		const items: unknown[] = [];
		value.forEach((item, index) => {
			const resolved = resolveValue(item, childPath(path, index), scope);
			if (resolved !== NO_VALUE) items.push(resolved);
		});
		return items;
	}
	if (!isPlainObject(value)) return value;
	const key = intrinsicKey(value);
	if (key) return evaluateFunction(key, value[key], path, scope);
	const result: Record<string, unknown> = {};
	for (const [name, item] of Object.entries(value)) {
		const resolved = resolveValue(item, childPath(path, name), scope);
		if (resolved !== NO_VALUE) result[name] = resolved;
	}
	return result;
}

type FunctionEvaluator = (argument: unknown, path: string, scope: IntrinsicScope) => unknown;

const functions: Record<string, FunctionEvaluator> = {
	'Ref': evaluateRef,
	'Fn::GetAtt': evaluateGetAtt,
	'Fn::Sub': evaluateSub,
	'Fn::Join': evaluateJoin,
	'Fn::Select': evaluateSelect,
	'Fn::Split': evaluateSplit,
	'Fn::If': evaluateIf,
	'Fn::FindInMap': evaluateFindInMap,
	'Fn::Base64': evaluateBase64,
	'Fn::GetAZs': evaluateGetAZs,
	'Fn::ImportValue': evaluateImportValue,
	'Fn::Cidr': evaluateCidr,
	'Fn::Length': evaluateLength,
	'Fn::ToJsonString': evaluateToJsonString,
};

/** Condition functions: meaningful only inside `Conditions` (see conditions.ts). */
export const conditionFunctions = new Set(['Fn::Equals', 'Fn::And', 'Fn::Or', 'Fn::Not']);

function evaluateFunction(key: string, argument: unknown, path: string, scope: IntrinsicScope): unknown {
	const evaluate = functions[key];
	if (evaluate) return evaluate(argument, path, scope);
	if (conditionFunctions.has(key)) return fail(scope, path, `${key} can only be used in the Conditions section (use Fn::If with a named condition here)`);
	if (key === 'Fn::Transform') return fail(scope, path, 'Fn::Transform runs a CloudFormation macro, which stratus cannot run locally');
	return fail(scope, path, `${key} is not a CloudFormation intrinsic function`);
}

function fail(scope: IntrinsicScope, path: string, message: string): Unresolved {
	scope.problems.add(path, message);
	return UNRESOLVED;
}

/** Resolves an argument that sits at `<path>/<key>[/index]`. */
function argumentPath(path: string, key: string, index?: number): string {
	const functionPath = childPath(path, key);
	return index === undefined ? functionPath : childPath(functionPath, index);
}

/** A scalar as CloudFormation turns it into text (numbers and booleans are allowed where strings are). */
export function scalarText(value: unknown): string | undefined {
	if (typeof value === 'string') return value;
	if (typeof value === 'number' || typeof value === 'boolean') return String(value);
	return undefined;
}

function describe(value: unknown): string {
	if (Array.isArray(value)) return 'a list';
	if (isPlainObject(value)) return 'an object';
	if (value === null || value === undefined) return 'nothing';
	return JSON.stringify(value);
}

function evaluateRef(argument: unknown, path: string, scope: IntrinsicScope): unknown {
	if (typeof argument !== 'string') return fail(scope, path, `Ref takes the name of a parameter or resource, not ${describe(argument)}`);
	if (argument === 'AWS::NoValue') return NO_VALUE;
	return scope.ref(argument, path);
}

function evaluateGetAtt(argument: unknown, path: string, scope: IntrinsicScope): unknown {
	let parts: unknown[];
	if (typeof argument === 'string') {
		const dot = argument.indexOf('.');
		parts = dot < 0 ? [argument] : [argument.slice(0, dot), argument.slice(dot + 1)];
	} else if (Array.isArray(argument)) {
		parts = argument;
	} else {
		return fail(scope, path, 'Fn::GetAtt takes [LogicalId, Attribute] or "LogicalId.Attribute"');
	}
	if (parts.length !== 2 || typeof parts[0] !== 'string') {
		return fail(scope, path, 'Fn::GetAtt takes [LogicalId, Attribute] or "LogicalId.Attribute"');
	}
	// The attribute name may itself come from a Ref to a parameter.
	const attribute = resolveValue(parts[1], argumentPath(path, 'Fn::GetAtt', 1), scope);
	if (attribute === UNRESOLVED) return UNRESOLVED;
	if (typeof attribute !== 'string' || attribute === '') return fail(scope, path, `Fn::GetAtt needs an attribute name, not ${describe(attribute)}`);
	return scope.getAtt(parts[0], attribute, path);
}

/** One piece of an `Fn::Sub` string: literal text or a `${Name}` variable. */
export type SubPart = {literal: string} | {variable: string};

/**
 * Splits an `Fn::Sub` string. `${!Literal}` stands for the text `${Literal}`; a `${`
 * without its closing brace is plain text, as CloudFormation leaves it.
 */
export function parseSubString(text: string): SubPart[] {
	const parts: SubPart[] = [];
	let literal = '';
	let index = 0;
	while (index < text.length) {
		const start = text.indexOf('${', index);
		if (start < 0) break;
		const end = text.indexOf('}', start + 2);
		if (end < 0) break;
		literal += text.slice(index, start);
		const name = text.slice(start + 2, end);
		if (name.startsWith('!')) {
			literal += `\${${name.slice(1)}}`;
		} else {
			if (literal) parts.push({literal});
			literal = '';
			parts.push({variable: name});
		}
		index = end + 1;
	}
	literal += text.slice(index);
	if (literal) parts.push({literal});
	return parts;
}

function evaluateSub(argument: unknown, path: string, scope: IntrinsicScope): unknown {
	let template: unknown;
	let variables: Record<string, unknown> = {};
	if (Array.isArray(argument)) {
		if (argument.length !== 2 || !isPlainObject(argument[1])) {
			return fail(scope, path, 'Fn::Sub takes a string, or [string, {Name: value, ...}]');
		}
		template = resolveValue(argument[0], argumentPath(path, 'Fn::Sub', 0), scope);
		const resolved = resolveValue(argument[1], argumentPath(path, 'Fn::Sub', 1), scope);
		variables = resolved as Record<string, unknown>;
	} else {
		template = argument;
	}
	if (template === UNRESOLVED) return UNRESOLVED;
	if (typeof template !== 'string') return fail(scope, path, `Fn::Sub needs a string to substitute into, not ${describe(template)}`);
	let text = '';
	let failed = false;
	for (const part of parseSubString(template)) {
		if ('literal' in part) {
			text += part.literal;
			continue;
		}
		const value = subVariable(part.variable, variables, path, scope);
		if (value === UNRESOLVED) {
			failed = true;
			continue;
		}
		const piece = scalarText(value);
		if (piece === undefined) {
			fail(scope, path, `Fn::Sub cannot put ${describe(value)} in place of \${${part.variable}}`);
			failed = true;
			continue;
		}
		text += piece;
	}
	return failed ? UNRESOLVED : text;
}

function subVariable(name: string, variables: Record<string, unknown>, path: string, scope: IntrinsicScope): unknown {
	if (Object.hasOwn(variables, name)) return variables[name];
	const dot = name.indexOf('.');
	if (dot > 0) return scope.getAtt(name.slice(0, dot), name.slice(dot + 1), path, true);
	return scope.ref(name, path);
}

/** A resolved list argument: a literal list or a function returning one. */
function listArgument(value: unknown, functionName: string, path: string, scope: IntrinsicScope): unknown[] | Unresolved {
	if (value === UNRESOLVED) return UNRESOLVED;
	if (!Array.isArray(value)) return fail(scope, path, `${functionName} needs a list here, not ${describe(value)}`);
	return value;
}

function evaluateJoin(argument: unknown, path: string, scope: IntrinsicScope): unknown {
	if (!Array.isArray(argument) || argument.length !== 2) return fail(scope, path, 'Fn::Join takes [delimiter, [values...]]');
	const delimiter = resolveValue(argument[0], argumentPath(path, 'Fn::Join', 0), scope);
	const list = listArgument(resolveValue(argument[1], argumentPath(path, 'Fn::Join', 1), scope), 'Fn::Join', path, scope);
	if (delimiter === UNRESOLVED || list === UNRESOLVED) return UNRESOLVED;
	if (typeof delimiter !== 'string') return fail(scope, path, `Fn::Join needs a string delimiter, not ${describe(delimiter)}`);
	const pieces: string[] = [];
	for (const item of list) {
		if (item === UNRESOLVED) return UNRESOLVED;
		const piece = scalarText(item);
		if (piece === undefined) return fail(scope, path, `Fn::Join can only join strings, not ${describe(item)}`);
		pieces.push(piece);
	}
	return pieces.join(delimiter);
}

function evaluateSelect(argument: unknown, path: string, scope: IntrinsicScope): unknown {
	if (!Array.isArray(argument) || argument.length !== 2) return fail(scope, path, 'Fn::Select takes [index, [values...]]');
	const index = resolveValue(argument[0], argumentPath(path, 'Fn::Select', 0), scope);
	const list = listArgument(resolveValue(argument[1], argumentPath(path, 'Fn::Select', 1), scope), 'Fn::Select', path, scope);
	if (index === UNRESOLVED || list === UNRESOLVED) return UNRESOLVED;
	const position = typeof index === 'number' ? index : typeof index === 'string' && /^\d+$/.test(index) ? Number(index) : NaN;
	if (!Number.isInteger(position) || position < 0) return fail(scope, path, `Fn::Select index must be a whole number of 0 or more, not ${describe(index)}`);
	if (position >= list.length) {
		return fail(scope, path, `Fn::Select index ${position} is out of range: the list has ${list.length} item${list.length === 1 ? '' : 's'}`);
	}
	return list[position];
}

function evaluateSplit(argument: unknown, path: string, scope: IntrinsicScope): unknown {
	if (!Array.isArray(argument) || argument.length !== 2) return fail(scope, path, 'Fn::Split takes [delimiter, string]');
	const delimiter = resolveValue(argument[0], argumentPath(path, 'Fn::Split', 0), scope);
	const source = resolveValue(argument[1], argumentPath(path, 'Fn::Split', 1), scope);
	if (delimiter === UNRESOLVED || source === UNRESOLVED) return UNRESOLVED;
	if (typeof delimiter !== 'string' || delimiter === '') return fail(scope, path, `Fn::Split needs a non-empty string delimiter, not ${describe(delimiter)}`);
	const text = scalarText(source);
	if (text === undefined) return fail(scope, path, `Fn::Split needs a string to split, not ${describe(source)}`);
	return text.split(delimiter);
}

function evaluateIf(argument: unknown, path: string, scope: IntrinsicScope): unknown {
	if (!Array.isArray(argument) || argument.length !== 3 || typeof argument[0] !== 'string') {
		return fail(scope, path, 'Fn::If takes [ConditionName, value if true, value if false]');
	}
	const holds = scope.condition(argument[0], path);
	if (holds === UNRESOLVED) return UNRESOLVED;
	// Only the chosen branch is evaluated: the other may refer to resources its condition leaves out.
	const branch = holds ? 1 : 2;
	return resolveValue(argument[branch], argumentPath(path, 'Fn::If', branch), scope);
}

function evaluateFindInMap(argument: unknown, path: string, scope: IntrinsicScope): unknown {
	if (!Array.isArray(argument) || argument.length < 3 || argument.length > 4) {
		return fail(scope, path, 'Fn::FindInMap takes [MapName, TopLevelKey, SecondLevelKey]');
	}
	const keys = argument.slice(0, 3).map((key, index) => resolveValue(key, argumentPath(path, 'Fn::FindInMap', index), scope));
	let fallback: unknown = UNRESOLVED;
	let hasFallback = false;
	if (argument.length === 4) {
		// AWS::LanguageExtensions' {DefaultValue: x} for a missing key.
		const options = argument[3];
		if (!isPlainObject(options) || !Object.hasOwn(options, 'DefaultValue')) {
			return fail(scope, path, 'the fourth item of Fn::FindInMap must be {DefaultValue: value}');
		}
		hasFallback = true;
		fallback = resolveValue(options.DefaultValue, childPath(argumentPath(path, 'Fn::FindInMap', 3), 'DefaultValue'), scope);
	}
	if (keys.includes(UNRESOLVED)) return UNRESOLVED;
	const texts = keys.map(scalarText);
	if (texts.some(text => text === undefined)) return fail(scope, path, 'Fn::FindInMap keys must be strings');
	const [mapName, topKey, secondKey] = texts as string[];
	const map = scope.mapping(mapName, path, typeof argument[0] === 'string');
	if (map === UNRESOLVED) return UNRESOLVED;
	const top = isPlainObject(map) && Object.hasOwn(map, topKey) ? map[topKey] : undefined;
	if (!isPlainObject(top)) {
		if (hasFallback) return fallback;
		return fail(scope, path, `mapping '${mapName}' has no key '${topKey}'`);
	}
	if (!Object.hasOwn(top, secondKey)) {
		if (hasFallback) return fallback;
		return fail(scope, path, `mapping '${mapName}' has no key '${secondKey}' under '${topKey}'`);
	}
	return top[secondKey];
}

function evaluateBase64(argument: unknown, path: string, scope: IntrinsicScope): unknown {
	const value = resolveValue(argument, argumentPath(path, 'Fn::Base64'), scope);
	if (value === UNRESOLVED) return UNRESOLVED;
	const text = scalarText(value);
	if (text === undefined) return fail(scope, path, `Fn::Base64 encodes a string, not ${describe(value)}`);
	return Buffer.from(text, 'utf8').toString('base64');
}

function evaluateGetAZs(argument: unknown, path: string, scope: IntrinsicScope): unknown {
	const value = resolveValue(argument ?? '', argumentPath(path, 'Fn::GetAZs'), scope);
	if (value === UNRESOLVED) return UNRESOLVED;
	if (typeof value !== 'string') return fail(scope, path, `Fn::GetAZs takes a region name or '', not ${describe(value)}`);
	const region = value === '' ? scope.region : value;
	// Every commercial region has at least three zones, lettered from a.
	return ['a', 'b', 'c'].map(letter => `${region}${letter}`);
}

function evaluateImportValue(argument: unknown, path: string, scope: IntrinsicScope): unknown {
	const value = resolveValue(argument, argumentPath(path, 'Fn::ImportValue'), scope);
	if (value === UNRESOLVED) return UNRESOLVED;
	if (typeof value !== 'string') return fail(scope, path, `Fn::ImportValue takes an export name, not ${describe(value)}`);
	return scope.importValue(value, path);
}

function evaluateLength(argument: unknown, path: string, scope: IntrinsicScope): unknown {
	const list = listArgument(resolveValue(argument, argumentPath(path, 'Fn::Length'), scope), 'Fn::Length', path, scope);
	return list === UNRESOLVED ? UNRESOLVED : list.length;
}

function evaluateToJsonString(argument: unknown, path: string, scope: IntrinsicScope): unknown {
	const value = resolveValue(argument, argumentPath(path, 'Fn::ToJsonString'), scope);
	if (containsUnresolved(value)) return UNRESOLVED;
	if (!Array.isArray(value) && !isPlainObject(value)) return fail(scope, path, `Fn::ToJsonString takes an object or a list, not ${describe(value)}`);
	return JSON.stringify(value);
}

function evaluateCidr(argument: unknown, path: string, scope: IntrinsicScope): unknown {
	if (!Array.isArray(argument) || argument.length !== 3) return fail(scope, path, 'Fn::Cidr takes [ipBlock, count, cidrBits]');
	const [block, count, bits] = argument.map((item, index) => resolveValue(item, argumentPath(path, 'Fn::Cidr', index), scope));
	if (block === UNRESOLVED || count === UNRESOLVED || bits === UNRESOLVED) return UNRESOLVED;
	const subnetCount = Number(count);
	const hostBits = Number(bits);
	if (typeof block !== 'string') return fail(scope, path, `Fn::Cidr needs an address block such as 10.0.0.0/16, not ${describe(block)}`);
	const network = parseCidr(block);
	if (!network) return fail(scope, path, `Fn::Cidr cannot read the address block '${block}'`);
	if (!Number.isInteger(subnetCount) || subnetCount < 1 || subnetCount > 256) return fail(scope, path, 'Fn::Cidr count must be a whole number from 1 to 256');
	const prefix = network.width - hostBits;
	if (!Number.isInteger(hostBits) || hostBits < 1 || prefix < network.prefix) {
		return fail(scope, path, `Fn::Cidr cidrBits ${describe(bits)} does not fit inside /${network.prefix}`);
	}
	const available = 1n << BigInt(prefix - network.prefix);
	if (BigInt(subnetCount) > available) return fail(scope, path, `Fn::Cidr cannot cut ${subnetCount} /${prefix} subnets out of ${block}`);
	const step = 1n << BigInt(hostBits);
	const subnets: string[] = [];
	for (let i = 0n; i < BigInt(subnetCount); i++) {
		subnets.push(`${formatAddress(network.base + i * step, network.width)}/${prefix}`);
	}
	return subnets;
}

function parseCidr(block: string): {base: bigint; prefix: number; width: number} | undefined {
	const [address, prefixText] = block.split('/');
	if (prefixText === undefined || !/^\d+$/.test(prefixText)) return undefined;
	const prefix = Number(prefixText);
	const parsed = address.includes(':') ? parseIpv6(address) : parseIpv4(address);
	if (parsed === undefined) return undefined;
	const width = address.includes(':') ? 128 : 32;
	if (prefix > width) return undefined;
	const mask = ((1n << BigInt(width)) - 1n) ^ ((1n << BigInt(width - prefix)) - 1n);
	return {base: parsed & mask, prefix, width};
}

function parseIpv4(address: string): bigint | undefined {
	const octets = address.split('.');
	if (octets.length !== 4 || octets.some(octet => !/^\d{1,3}$/.test(octet) || Number(octet) > 255)) return undefined;
	return octets.reduce((value, octet) => (value << 8n) | BigInt(octet), 0n);
}

function parseIpv6(address: string): bigint | undefined {
	const halves = address.split('::');
	if (halves.length > 2) return undefined;
	const head = halves[0] ? halves[0].split(':') : [];
	const tail = halves.length === 2 && halves[1] ? halves[1].split(':') : [];
	const missing = 8 - head.length - tail.length;
	if (halves.length === 1 ? head.length !== 8 : missing < 1) return undefined;
	const groups = [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill('0'), ...tail];
	if (groups.some(group => !/^[0-9a-fA-F]{1,4}$/.test(group))) return undefined;
	return groups.reduce((value, group) => (value << 16n) | BigInt(`0x${group}`), 0n);
}

function formatAddress(value: bigint, width: number): string {
	if (width === 32) return [24n, 16n, 8n, 0n].map(shift => String((value >> shift) & 255n)).join('.');
	const groups = Array.from({length: 8}, (_, i) => Number((value >> BigInt(112 - i * 16)) & 0xffffn));
	// RFC 5952: compress the longest run (two or more) of zero groups.
	let bestStart = -1;
	let bestLength = 1;
	for (let i = 0; i < 8; ) {
		if (groups[i] !== 0) {
			i++;
			continue;
		}
		let j = i;
		while (j < 8 && groups[j] === 0) j++;
		if (j - i > bestLength) {
			bestStart = i;
			bestLength = j - i;
		}
		i = j;
	}
	const hex = groups.map(group => group.toString(16));
	if (bestStart < 0) return hex.join(':');
	return `${hex.slice(0, bestStart).join(':')}::${hex.slice(bestStart + bestLength).join(':')}`;
}
