/**
 * Reading and writing JSONPath as Step Functions does (it runs Jayway JsonPath).
 *
 * Paths are compiled once and cached: a definite path made of plain keys and
 * indexes becomes a list of segments walked directly (the hot path of every
 * InputPath/ResultPath/OutputPath); anything else (wildcards, slices, filters,
 * deep scans) goes to jsonpath-plus. A path may start at `$` (the state input),
 * `$$` (the context object) or `$name` (a workflow variable).
 */
import {JSONPath} from 'jsonpath-plus';
import type {Bindings} from './variables.js';

type Segment = string | number;

export interface CompiledPath {
	readonly text: string;
	readonly root: 'input' | 'context' | 'variable';
	readonly variable?: string;
	/** The path relative to its root, starting with `$`. */
	readonly relative: string;
	/** Present when the path is a definite chain of keys and indexes. */
	readonly segments?: readonly Segment[];
	/** Indefinite paths (wildcards, slices, filters) yield an array of matches. */
	readonly definite: boolean;
}

export type PathLookup =
	| {found: true; value: unknown}
	| {found: false; /** Jayway's own wording, which AWS quotes in causes. */ reason: string};

const cache = new Map<string, CompiledPath>();

export function compilePath(text: string): CompiledPath {
	let compiled = cache.get(text);
	if (!compiled) {
		compiled = compile(text);
		cache.set(text, compiled);
	}
	return compiled;
}

function compile(text: string): CompiledPath {
	let root: CompiledPath['root'] = 'input';
	let variable: string | undefined;
	let relative = text;
	if (text.startsWith('$$')) {
		root = 'context';
		relative = text.slice(1);
	} else if (/^\$[A-Za-z_]/.test(text)) {
		const match = /^\$([A-Za-z_][A-Za-z0-9_]*)/.exec(text)!;
		root = 'variable';
		variable = match[1];
		relative = '$' + text.slice(match[0].length);
	}
	const segments = parseSimple(relative);
	const definite = segments !== undefined || !/\*|\.\.|\?\(|\[[^\]]*[:,][^\]]*\]/.test(relative);
	return {text, root, variable, relative, segments, definite};
}

/** `$`, `$.a.b`, `$['a b']`, `$.a[0]`: the shapes that need no JSONPath engine. */
function parseSimple(path: string): Segment[] | undefined {
	if (!path.startsWith('$')) return undefined;
	const segments: Segment[] = [];
	let i = 1;
	while (i < path.length) {
		const c = path[i];
		if (c === '.') {
			const match = /^[^.[\]*?()@,:'"\s]+/.exec(path.slice(i + 1));
			if (!match) return undefined;
			segments.push(match[0]);
			i += 1 + match[0].length;
		} else if (c === '[') {
			const rest = path.slice(i);
			const index = /^\[(\d+)\]/.exec(rest);
			const single = /^\['((?:[^'\\]|\\.)*)'\]/.exec(rest);
			const double = single ? null : /^\["((?:[^"\\]|\\.)*)"\]/.exec(rest);
			if (index) {
				segments.push(Number(index[1]));
				i += index[0].length;
			} else if (single || double) {
				// Jayway unescapes only the delimiting quote: `$['a\"b']` names the key `a\"b`.
				const [text, body] = (single ?? double)!;
				segments.push(single ? body.replace(/\\'/g, "'") : body.replace(/\\"/g, '"'));
				i += text.length;
			} else return undefined;
		} else return undefined;
	}
	return segments;
}

function rootValue(path: CompiledPath, bindings: Bindings): unknown {
	if (path.root === 'context') return bindings.context;
	if (path.root === 'variable') return bindings.variables.get(path.variable!);
	return bindings.input;
}

/** Jayway renders paths in bracket notation: `$['a'][0]`. */
function render(segments: readonly Segment[]): string {
	return '$' + segments.map(s => (typeof s === 'number' ? `[${s}]` : `['${s}']`)).join('');
}

export function lookupPath(text: string, bindings: Bindings): PathLookup {
	const path = compilePath(text);
	if (path.root === 'variable' && !bindings.variables.has(path.variable!)) {
		return {found: false, reason: `Variable '${path.variable}' is not defined`};
	}
	return lookupCompiled(path, rootValue(path, bindings));
}

/** Evaluates a path against an explicit root value (the variable or context resolution already done). */
export function lookupCompiled(path: CompiledPath, root: unknown): PathLookup {
	if (path.segments) {
		let node = root;
		const {segments} = path;
		for (let i = 0; i < segments.length; i++) {
			const key = segments[i];
			const leaf = i === segments.length - 1;
			if (typeof key === 'number') {
				if (!Array.isArray(node) || key >= node.length) {
					return {found: false, reason: `${leaf ? 'No results for path: ' : 'Missing property in path '}${render(segments.slice(0, i + 1))}`};
				}
				node = node[key];
			} else {
				if (node === null || typeof node !== 'object' || Array.isArray(node) || !Object.hasOwn(node, key)) {
					return {found: false, reason: `${leaf ? 'No results for path: ' : 'Missing property in path '}${render(segments.slice(0, i + 1))}`};
				}
				node = (node as Record<string, unknown>)[key];
			}
		}
		return {found: true, value: node};
	}
	const matches = JSONPath({path: path.relative, json: root as object, wrap: true, resultType: 'value', eval: 'safe'}) as unknown[];
	if (path.definite) {
		if (matches.length === 0) return {found: false, reason: `No results for path: ${path.relative}`};
		return {found: true, value: matches[0]};
	}
	return {found: true, value: matches};
}

/**
 * ResultPath: writes `value` into a copy of `input` at a reference path, creating
 * missing objects on the way. Returns undefined when the input cannot hold it
 * (a segment runs into a non-object), which AWS reports as ResultPathMatchFailure.
 */
export function writePath(input: unknown, text: string, value: unknown): {ok: true; value: unknown} | {ok: false} {
	const path = compilePath(text);
	if (!path.segments || path.root !== 'input') return {ok: false};
	if (path.segments.length === 0) return {ok: true, value};
	return write(input, path.segments, 0, value);
}

function write(node: unknown, segments: readonly Segment[], i: number, value: unknown): {ok: true; value: unknown} | {ok: false} {
	const key = segments[i];
	const last = i === segments.length - 1;
	if (typeof key === 'number') {
		if (!Array.isArray(node) || key >= node.length) return {ok: false};
		const copy = node.slice();
		if (last) copy[key] = value;
		else {
			const inner = write(copy[key], segments, i + 1, value);
			if (!inner.ok) return inner;
			copy[key] = inner.value;
		}
		return {ok: true, value: copy};
	}
	if (node === null || typeof node !== 'object' || Array.isArray(node)) return {ok: false};
	const copy: Record<string, unknown> = {...(node as Record<string, unknown>)};
	if (last) copy[key] = value;
	else {
		const inner = write(Object.hasOwn(copy, key) ? copy[key] : {}, segments, i + 1, value);
		if (!inner.ok) return inner;
		copy[key] = inner.value;
	}
	return {ok: true, value: copy};
}

/** A reference path (ResultPath) names exactly one node: no wildcards, filters or slices. */
export function isReferencePath(text: string): boolean {
	return compilePath(text).segments !== undefined && !text.startsWith('$$');
}
