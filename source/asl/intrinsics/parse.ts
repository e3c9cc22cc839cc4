/**
 * Reads the text of an intrinsic function call (`States.Format('{}', $.a)`) into
 * a syntax tree. Arguments are single-quoted strings (escapes `\'`, `\{`, `\}`,
 * `\\`; any other backslash is an error, as AWS says), JSON numbers, `true`,
 * `false`, `null`, paths (`$...`, `$$...`, `$name...`) and nested calls, at most
 * ten calls deep as AWS allows.
 *
 * Parsed trees are cached by text: the same field of a definition is evaluated
 * on every visit of its state, and definitions are the only source of text.
 */
import {NodeKind, type CallNode, type IntrinsicNode, type StringNode} from './ast.js';

/** AWS: "You can nest up to 10 intrinsic functions within a field". */
export const MAX_NESTING_DEPTH = 10;

export class IntrinsicSyntaxError extends Error {
	constructor(
		readonly text: string,
		readonly position: number,
		readonly reason: string,
	) {
		super(`Invalid intrinsic function call '${text}': ${reason} (at character ${position + 1})`);
		this.name = 'IntrinsicSyntaxError';
	}
}

const cache = new Map<string, CallNode | IntrinsicSyntaxError>();

/** The tree of `text`, or throws IntrinsicSyntaxError. */
export function parseIntrinsic(text: string): CallNode {
	let parsed = cache.get(text);
	if (parsed === undefined) {
		try {
			parsed = new Parser(text).parseTopLevel();
		} catch (error) {
			if (!(error instanceof IntrinsicSyntaxError)) throw error;
			parsed = error;
		}
		cache.set(text, parsed);
	}
	if (parsed instanceof IntrinsicSyntaxError) throw parsed;
	return parsed;
}

const FUNCTION_NAME = /States\.[A-Za-z][A-Za-z0-9]*/y;
const NUMBER = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;
const KEYWORD = /(?:true|false|null)(?![A-Za-z0-9_$.])/y;
const ESCAPABLE = new Set(["'", '{', '}', '\\']);

function isWhitespace(c: string | undefined): boolean {
	return c === ' ' || c === '\t' || c === '\n' || c === '\r';
}

/** What may follow an argument: the separator, the end of the call, or space before them. */
function endsArgument(c: string | undefined): boolean {
	return c === undefined || c === ',' || c === ')' || isWhitespace(c);
}

class Parser {
	private pos = 0;

	constructor(private readonly text: string) {}

	parseTopLevel(): CallNode {
		this.skipWhitespace();
		const call = this.parseCall(1);
		this.skipWhitespace();
		if (this.pos < this.text.length) this.fail(`unexpected '${this.text[this.pos]}' after the call`);
		return call;
	}

	private parseCall(depth: number): CallNode {
		const start = this.pos;
		const name = this.match(FUNCTION_NAME);
		if (name === undefined) this.fail('expected a function name such as States.Format');
		if (depth > MAX_NESTING_DEPTH) {
			this.pos = start;
			this.fail(`more than ${MAX_NESTING_DEPTH} nested intrinsic functions`);
		}
		this.skipWhitespace();
		this.expect('(');
		this.skipWhitespace();
		const args: IntrinsicNode[] = [];
		if (this.peek() !== ')') {
			for (;;) {
				args.push(this.parseArgument(depth));
				this.skipWhitespace();
				if (this.peek() === ',') {
					this.pos++;
					this.skipWhitespace();
					continue;
				}
				if (this.peek() === ')') break;
				this.fail(this.peek() === undefined ? "missing ')'" : `expected ',' or ')' but found '${this.peek()}'`);
			}
		}
		this.expect(')');
		return {kind: NodeKind.Call, name, args, source: this.text.slice(start, this.pos)};
	}

	private parseArgument(depth: number): IntrinsicNode {
		const c = this.peek();
		if (c === "'") return this.parseString();
		if (c === '$') return {kind: NodeKind.Path, path: this.scanPath()};
		if (this.text.startsWith('States.', this.pos)) return this.parseCall(depth + 1);
		if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) {
			const literal = this.match(NUMBER);
			if (literal === undefined || !endsArgument(this.peek())) this.fail('malformed number');
			return {kind: NodeKind.Number, value: Number(literal)};
		}
		const keyword = this.match(KEYWORD);
		if (keyword === 'null') return {kind: NodeKind.Null};
		if (keyword !== undefined) return {kind: NodeKind.Boolean, value: keyword === 'true'};
		this.fail(c === undefined ? 'missing argument' : `unexpected '${c}'`);
	}

	private parseString(): StringNode {
		this.pos++;
		const start = this.pos;
		let value = '';
		for (;;) {
			const c = this.text[this.pos];
			if (c === undefined) this.fail('unterminated string literal');
			if (c === "'") break;
			if (c === '\\') {
				const next = this.text[this.pos + 1];
				if (next === undefined || !ESCAPABLE.has(next)) this.fail("a backslash must escape one of ' { } \\");
				value += next;
				this.pos += 2;
			} else {
				value += c;
				this.pos++;
			}
		}
		const raw = this.text.slice(start, this.pos);
		this.pos++;
		return {kind: NodeKind.String, value, raw};
	}

	/**
	 * A path runs to the next `,` or `)` outside brackets, parentheses and quotes,
	 * so filters and quoted keys (`$['a,b']`, `$[?(@.x == 'y')]`) stay whole.
	 */
	private scanPath(): string {
		const start = this.pos;
		let depth = 0;
		let quote: string | undefined;
		for (; this.pos < this.text.length; this.pos++) {
			const c = this.text[this.pos];
			if (quote) {
				if (c === '\\') this.pos++;
				else if (c === quote) quote = undefined;
				continue;
			}
			if (depth > 0 && (c === "'" || c === '"')) quote = c;
			else if (c === '[' || c === '(') depth++;
			else if (c === ']' || c === ')') {
				if (depth === 0) break;
				depth--;
			} else if (depth === 0 && (c === ',' || isWhitespace(c))) break;
		}
		if (quote || depth > 0) this.fail('unterminated path');
		return this.text.slice(start, this.pos);
	}

	private peek(): string | undefined {
		return this.text[this.pos];
	}

	private match(pattern: RegExp): string | undefined {
		pattern.lastIndex = this.pos;
		const found = pattern.exec(this.text);
		if (!found) return undefined;
		this.pos += found[0].length;
		return found[0];
	}

	private expect(c: string): void {
		if (this.peek() !== c) this.fail(this.peek() === undefined ? `missing '${c}'` : `expected '${c}' but found '${this.peek()}'`);
		this.pos++;
	}

	private skipWhitespace(): void {
		while (isWhitespace(this.peek())) this.pos++;
	}

	private fail(reason: string): never {
		throw new IntrinsicSyntaxError(this.text, this.pos, reason);
	}
}
