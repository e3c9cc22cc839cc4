/**
 * The string intrinsics: States.Format and States.StringSplit.
 */
import {NodeKind} from '../ast.js';
import {FunctionFailure, invalidArguments} from '../functionFailure.js';
import {javaToString} from '../javaText.js';
import type {IntrinsicFunction} from './intrinsicFunction.js';

type TemplatePart = {literal: string} | {placeholder: true};

/**
 * A Format template: `{}` is a placeholder, `\{` `\}` `\'` `\\` are the literal
 * characters, and any other brace is an error. A template given as a literal is
 * read from its raw text so escaped braces stay literal; one that comes from a
 * path is read the same way, except that a backslash before any other character
 * is kept as data.
 */
export function parseFormatTemplate(template: string): TemplatePart[] | FunctionFailure {
	const parts: TemplatePart[] = [];
	let literal = '';
	for (let i = 0; i < template.length; i++) {
		const c = template[i];
		const next = template[i + 1];
		if (c === '\\' && (next === '{' || next === '}' || next === "'" || next === '\\')) {
			literal += next;
			i++;
		} else if (c === '{') {
			if (next !== '}') return new FunctionFailure("Invalid template in States.Format: matching '}' not found for '{'.");
			if (literal) parts.push({literal});
			literal = '';
			parts.push({placeholder: true});
			i++;
		} else if (c === '}') {
			return new FunctionFailure("Invalid template in States.Format: matching '{' not found for '}'.");
		} else {
			literal += c;
		}
	}
	if (literal) parts.push({literal});
	return parts;
}

export const format: IntrinsicFunction = {
	name: 'States.Format',
	minArgs: 1,
	maxArgs: Infinity,
	run({name, args: [template, ...values], nodes: [templateNode]}) {
		if (typeof template !== 'string') throw invalidArguments(name);
		const parts = parseFormatTemplate(templateNode.kind === NodeKind.String ? templateNode.raw : template);
		if (parts instanceof FunctionFailure) throw parts;
		const placeholders = parts.filter(part => 'placeholder' in part).length;
		if (placeholders !== values.length) {
			throw invalidArguments(name, 'number of arguments do not match the occurrences of {}.');
		}
		let next = 0;
		return parts.map(part => ('placeholder' in part ? javaToString(values[next++]) : part.literal)).join('');
	},
};

export const stringSplit: IntrinsicFunction = {
	name: 'States.StringSplit',
	minArgs: 2,
	maxArgs: 2,
	run({name, args: [input, delimiters]}) {
		if (typeof input !== 'string' || typeof delimiters !== 'string') throw invalidArguments(name);
		// Java's StringTokenizer: every character of the second argument is a
		// delimiter and empty tokens are dropped (AWS splits ",,a," into ["a"]).
		const delimiterSet = new Set(delimiters);
		const tokens: string[] = [];
		let token = '';
		for (const c of input) {
			if (delimiterSet.has(c)) {
				if (token) tokens.push(token);
				token = '';
			} else token += c;
		}
		if (token) tokens.push(token);
		return tokens;
	},
};
