/**
 * Syntax of JSONPath-language paths as Step Functions accepts them at definition time.
 *
 * AWS evaluates paths with a Jayway-style JsonPath engine, which is lenient: dashes and
 * most punctuation are fine in dot-notation names (`$.delivery-partner`), `$.[0]` is
 * accepted, filters may use `!=`, `&&`, `=~`. Zero false rejections matters more here
 * than catching every typo, so a path is rejected only when both of two independent
 * readings reject it:
 *
 * - asl-path-validator, the PEG grammar asl-validator uses for its path formats. It is
 *   too strict in places AWS is not (the filter operators above, `$.[0]`, negative
 *   indexes in reference paths), which is why it is not trusted alone.
 * - a scanner of our own that follows Jayway's tokenizer: `$`, `$$` or `$variable`, then
 *   `.name`, `..name`, `.*`, `[...]` and `name()` functions, with names that stop at
 *   `.`, `[` or `(` and may not contain a blank (Jayway refuses those too).
 *
 * A reference path (ItemsPath, SecondsPath, ...) must name a single node: no `..`,
 * wildcards, filters, slices, unions or functions. A ResultPath is a reference path into
 * the state's input, so it may not start at a variable either.
 */
import {createRequire} from 'node:module';

export const PathKind = {
	Path: 'Path',
	ReferencePath: 'ReferencePath',
	ResultPath: 'ResultPath',
} as const;
export type PathKind = (typeof PathKind)[keyof typeof PathKind];

type Root = 'input' | 'context' | 'variable';

interface PathShape {
	root: Root;
	/** Every step selects at most one node. */
	definite: boolean;
}

const VARIABLE_NAME = /^[A-Za-z_][A-Za-z0-9_]*/;

export function isValidPath(text: string, kind: PathKind): boolean {
	return scannerAccepts(text, kind) || aslPathValidatorAccepts(text, kind);
}

function scannerAccepts(text: string, kind: PathKind): boolean {
	const shape = scanPath(text);
	if (!shape) return false;
	if (kind === PathKind.Path) return true;
	if (!shape.definite) return false;
	return kind === PathKind.ReferencePath || shape.root === 'input';
}

/** Reads a path the way Jayway's compiler does; undefined when it would not compile. */
export function scanPath(text: string): PathShape | undefined {
	if (!text.startsWith('$')) return undefined;
	let root: Root = 'input';
	let at = 1;
	if (text.startsWith('$$')) {
		root = 'context';
		at = 2;
	} else {
		const variable = VARIABLE_NAME.exec(text.slice(1));
		if (variable) {
			root = 'variable';
			at += variable[0].length;
		}
	}
	let definite = true;
	while (at < text.length) {
		const char = text[at];
		if (char === '[') {
			const close = closingBracket(text, at);
			if (close < 0) return undefined;
			const selection = bracketSelection(text.slice(at + 1, close).trim());
			if (selection === undefined) return undefined;
			definite &&= selection;
			at = close + 1;
			continue;
		}
		if (char !== '.') return undefined;
		at += 1;
		if (text[at] === '.') {
			definite = false;
			at += 1;
		}
		if (at >= text.length) return undefined;
		if (text[at] === '[') continue;
		if (text[at] === '*') {
			definite = false;
			at += 1;
			continue;
		}
		const start = at;
		while (at < text.length && text[at] !== '.' && text[at] !== '[' && text[at] !== '(') {
			if (text[at] === ' ') return undefined;
			at += 1;
		}
		if (at === start) return undefined;
		if (text[at] === '(') {
			const close = closing(text, at, '(', ')');
			if (close < 0) return undefined;
			definite = false;
			at = close + 1;
		}
	}
	return {root, definite};
}

/**
 * What a `[...]` selects: true for one node, false for possibly many, undefined when it
 * is not a selector at all.
 */
function bracketSelection(inner: string): boolean | undefined {
	if (inner === '') return undefined;
	if (inner === '*') return false;
	if (/^-?\d+$/.test(inner)) return true;
	if (/^-?\d+(\s*,\s*-?\d+)+$/.test(inner)) return false;
	if (/^(-?\d+)?\s*:\s*(-?\d+)?(\s*:\s*(-?\d+)?)?$/.test(inner)) return false;
	if ((inner.startsWith('?(') || inner.startsWith('(')) && inner.endsWith(')')) return false;
	const names = quotedNames(inner);
	if (names === undefined) return undefined;
	return names === 1;
}

/** Counts the `'a'`/`"a"` names of a bracket, or undefined when it is not such a list. */
function quotedNames(inner: string): number | undefined {
	let count = 0;
	let at = 0;
	while (at < inner.length) {
		const quote = inner[at];
		if (quote !== "'" && quote !== '"') return undefined;
		const end = closingQuote(inner, at);
		if (end < 0) return undefined;
		count += 1;
		at = end + 1;
		while (inner[at] === ' ') at += 1;
		if (at === inner.length) break;
		if (inner[at] !== ',') return undefined;
		at += 1;
		while (inner[at] === ' ') at += 1;
	}
	return count;
}

function closingQuote(text: string, open: number): number {
	const quote = text[open];
	for (let at = open + 1; at < text.length; at++) {
		if (text[at] === '\\') at += 1;
		else if (text[at] === quote) return at;
	}
	return -1;
}

/** The `]` that closes the bracket at `open`, skipping quoted text and nested groups. */
function closingBracket(text: string, open: number): number {
	return closing(text, open, '[', ']');
}

function closing(text: string, open: number, opener: string, closer: string): number {
	const stack: string[] = [];
	for (let at = open; at < text.length; at++) {
		const char = text[at];
		if (char === "'" || char === '"') {
			at = closingQuote(text, at);
			if (at < 0) return -1;
		} else if (char === '[' || char === '(') {
			stack.push(char === '[' ? ']' : ')');
		} else if (char === ']' || char === ')') {
			if (stack.pop() !== char) return -1;
			if (stack.length === 0) return char === closer && text[open] === opener ? at : -1;
		}
	}
	return -1;
}

// asl-path-validator ships with asl-validator rather than as a dependency of ours, so
// it is resolved from asl-validator's own folder, once, on first use.
type AslPathContext = 'path' | 'reference_path' | 'result_path' | 'payload_template';
type ValidatePath = (path: string, context: AslPathContext) => {isValid: boolean};
let aslValidatePath: ValidatePath | null | undefined;

function loadAslPathValidator(): ValidatePath | null {
	if (aslValidatePath === undefined) {
		try {
			const require = createRequire(import.meta.url);
			const fromAslValidator = createRequire(require.resolve('asl-validator'));
			aslValidatePath = (fromAslValidator('asl-path-validator') as {validatePath: ValidatePath}).validatePath;
		} catch {
			aslValidatePath = null;
		}
	}
	return aslValidatePath;
}

const ASL_CONTEXT: Record<PathKind, AslPathContext> = {
	Path: 'path',
	ReferencePath: 'reference_path',
	ResultPath: 'result_path',
};

function aslPathValidatorAccepts(text: string, kind: PathKind): boolean {
	return safely(() => loadAslPathValidator()?.(text, ASL_CONTEXT[kind]).isValid ?? false);
}

/** asl-path-validator's verdict on a `.$` value (a path or an intrinsic function call). */
export function aslPayloadValueAccepted(text: string): boolean {
	return safely(() => loadAslPathValidator()?.(text, 'payload_template').isValid ?? false);
}

function safely(check: () => boolean): boolean {
	try {
		return check();
	} catch {
		return false;
	}
}
