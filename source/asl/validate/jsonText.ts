/**
 * What only the definition's text shows: where a JSON syntax error is (line and
 * column), and state names written twice in one `States` object, which JSON.parse
 * silently collapses into the last one.
 */
import {ProblemCode, type DefinitionProblem, toPointer} from './problem.js';

export function jsonSyntaxProblem(text: string, error: unknown): DefinitionProblem {
	const reason = error instanceof Error ? error.message : String(error);
	const position = /at position (\d+)/.exec(reason);
	let where = '';
	if (position && !/line \d+/.test(reason)) {
		const before = text.slice(0, Number(position[1]));
		const line = before.split('\n').length;
		const column = before.length - before.lastIndexOf('\n');
		where = ` (line ${line}, column ${column})`;
	}
	return {pointer: '', code: ProblemCode.InvalidJson, message: `Invalid JSON: ${reason}${where}`};
}

type Frame = {kind: 'object'; keys: Set<string>; key?: string; expectKey: boolean} | {kind: 'array'; index: number};

/** Scans text that is already known to be valid JSON. */
export function duplicateStateNames(text: string): DefinitionProblem[] {
	const problems: DefinitionProblem[] = [];
	const stack: Frame[] = [];
	for (let at = 0; at < text.length; at++) {
		const char = text[at];
		if (char === '"') {
			const end = stringEnd(text, at);
			const top = stack.at(-1);
			if (top?.kind === 'object' && top.expectKey) {
				const key = JSON.parse(text.slice(at, end + 1)) as string;
				const segments = [...stack.slice(0, -1).map(frame => (frame.kind === 'object' ? frame.key! : frame.index)), key];
				if (top.keys.has(key) && isStatesOfAMachine(segments.slice(0, -1))) {
					problems.push({
						pointer: toPointer(segments),
						code: ProblemCode.DuplicateStateName,
						message: `Duplicate state name '${key}': it is defined twice in the same 'States' object`,
					});
				}
				top.keys.add(key);
				top.key = key;
				top.expectKey = false;
			}
			at = end;
		} else if (char === '{') {
			stack.push({kind: 'object', keys: new Set(), expectKey: true});
		} else if (char === '[') {
			stack.push({kind: 'array', index: 0});
		} else if (char === '}' || char === ']') {
			stack.pop();
		} else if (char === ',') {
			const top = stack.at(-1);
			if (top?.kind === 'object') top.expectKey = true;
			else if (top?.kind === 'array') top.index += 1;
		}
	}
	return problems;
}

/** `/States`, `.../Branches/N/States`, `.../ItemProcessor/States` or `.../Iterator/States`. */
function isStatesOfAMachine(segments: (string | number)[]): boolean {
	if (segments.at(-1) !== 'States') return false;
	const container = segments.slice(0, -1);
	if (container.length === 0) return true;
	const last = container.at(-1);
	return last === 'ItemProcessor' || last === 'Iterator' || (typeof last === 'number' && container.at(-2) === 'Branches');
}

function stringEnd(text: string, open: number): number {
	for (let at = open + 1; at < text.length; at++) {
		if (text[at] === '\\') at += 1;
		else if (text[at] === '"') return at;
	}
	return text.length - 1;
}
