/**
 * JSON text read the way Step Functions' `$parse` reads it.
 *
 * `JSON.parse` already refuses an empty text and a second document after the first,
 * as AWS does. AWS also refuses two things `JSON.parse` lets through silently: a key
 * repeated in one object (JavaScript keeps the last one) and a number too large for a
 * double (JavaScript makes it Infinity). Both would hand the workflow data that is not
 * what the text said, so they are caught here with one scan over the already-valid text.
 */

export class InvalidJsonError extends Error {
	constructor(reason: string) {
		super(reason);
		this.name = 'InvalidJsonError';
	}
}

export function parseStrictJson(text: string): unknown {
	let value: unknown;
	try {
		value = JSON.parse(text);
	} catch (error) {
		throw new InvalidJsonError((error as Error).message);
	}
	scanForAmbiguity(text);
	return value;
}

const NUMBER = /-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

type Frame = {kind: 'object'; keys: Set<string>; expectingKey: boolean} | {kind: 'array'};

/** Runs only on text `JSON.parse` accepted, so the grammar itself needs no checking. */
function scanForAmbiguity(text: string): void {
	const frames: Frame[] = [];
	let index = 0;
	while (index < text.length) {
		const char = text[index];
		const top = frames[frames.length - 1];
		if (char === '"') {
			const end = endOfString(text, index);
			if (top?.kind === 'object' && top.expectingKey) {
				const key = JSON.parse(text.slice(index, end)) as string;
				if (top.keys.has(key)) throw new InvalidJsonError(`Duplicate key ${JSON.stringify(key)}`);
				top.keys.add(key);
				top.expectingKey = false;
			}
			index = end;
			continue;
		}
		if (char === '{') frames.push({kind: 'object', keys: new Set(), expectingKey: true});
		else if (char === '[') frames.push({kind: 'array'});
		else if (char === '}' || char === ']') frames.pop();
		else if (char === ',' && top?.kind === 'object') top.expectingKey = true;
		else if (char === '-' || (char >= '0' && char <= '9')) {
			NUMBER.lastIndex = index;
			const match = NUMBER.exec(text)!;
			if (!Number.isFinite(Number(match[0]))) throw new InvalidJsonError(`Number out of range: ${match[0]}`);
			index += match[0].length;
			continue;
		}
		index++;
	}
}

/** The index just past the closing quote of the string starting at `start`. */
function endOfString(text: string, start: number): number {
	let index = start + 1;
	while (text[index] !== '"') index += text[index] === '\\' ? 2 : 1;
	return index + 1;
}
