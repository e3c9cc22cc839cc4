/**
 * Syntax of intrinsic function calls (`States.Format('{}', $.name)`), the other thing a
 * `.$` field may hold besides a path. Only the shape is checked here: a known function
 * name, balanced arguments, and each argument a string, number, boolean, null, path or
 * nested call. Argument counts and types are left to the evaluator, which AWS also
 * reports at run time as States.IntrinsicFailure.
 */
import {PathKind, isValidPath} from './pathSyntax.js';

export const INTRINSIC_FUNCTIONS: ReadonlySet<string> = new Set([
	'States.Array',
	'States.ArrayPartition',
	'States.ArrayContains',
	'States.ArrayRange',
	'States.ArrayGetItem',
	'States.ArrayLength',
	'States.ArrayUnique',
	'States.Base64Encode',
	'States.Base64Decode',
	'States.Hash',
	'States.JsonMerge',
	'States.StringToJson',
	'States.JsonToString',
	'States.MathRandom',
	'States.MathAdd',
	'States.StringSplit',
	'States.UUID',
	'States.Format',
]);

const LITERAL = /^(-?\d+(\.\d+)?([eE][+-]?\d+)?|true|false|null)$/;

export function looksLikeIntrinsic(text: string): boolean {
	return /^\s*States\./.test(text);
}

export function isValidIntrinsic(text: string): boolean {
	const call = text.trim();
	const open = call.indexOf('(');
	if (open < 0 || !call.endsWith(')')) return false;
	if (!INTRINSIC_FUNCTIONS.has(call.slice(0, open).trim())) return false;
	const args = splitArguments(call.slice(open + 1, -1));
	return args !== undefined && args.every(isValidArgument);
}

function isValidArgument(argument: string): boolean {
	if (argument.startsWith("'")) return closingQuote(argument, 0) === argument.length - 1;
	if (LITERAL.test(argument)) return true;
	if (argument.startsWith('$')) return isValidPath(argument, PathKind.Path);
	return isValidIntrinsic(argument);
}

/**
 * Splits `a, 'b,c', f(x, y)` at its top-level commas; undefined when quotes or
 * parentheses do not balance, or an argument is empty.
 */
function splitArguments(text: string): string[] | undefined {
	if (text.trim() === '') return [];
	const args: string[] = [];
	let depth = 0;
	let start = 0;
	for (let at = 0; at < text.length; at++) {
		const char = text[at];
		if (char === '\\') {
			at += 1;
		} else if (char === "'") {
			at = closingQuote(text, at);
			if (at < 0) return undefined;
		} else if (char === '(' || char === '[') {
			depth += 1;
		} else if (char === ')' || char === ']') {
			depth -= 1;
			if (depth < 0) return undefined;
		} else if (char === ',' && depth === 0) {
			args.push(text.slice(start, at).trim());
			start = at + 1;
		}
	}
	if (depth !== 0) return undefined;
	args.push(text.slice(start).trim());
	return args.every(argument => argument !== '') ? args : undefined;
}

function closingQuote(text: string, open: number): number {
	for (let at = open + 1; at < text.length; at++) {
		if (text[at] === '\\') at += 1;
		else if (text[at] === "'") return at;
	}
	return -1;
}
