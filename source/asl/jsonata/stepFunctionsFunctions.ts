/**
 * The JSONata functions Step Functions adds to the language, and the built-ins it
 * changes, registered on each compiled expression.
 *
 * Added: `$partition`, `$range`, `$hash`, `$random([seed])`, `$uuid`, `$parse` (the
 * stand-ins for the JSONPath intrinsics). Changed: `$random` takes a seed, `$eval` is
 * gone (binding it to nothing makes a call the T1006 AWS answers), and `$now()` /
 * `$millis()` read the engine's clock, so under a virtual clock an expression sees the
 * same time the history records.
 *
 * Edge behaviour follows what AWS answers, not what the docs leave open: arguments are
 * rounded towards zero (`$range(-1.7, 2, 1)` starts at -1), a missing optional
 * argument or an empty input is undefined rather than an error, and a range of one
 * element is a JSONata sequence, so it collapses to the bare number (`$range(1, 9, 9)`
 * is `1`). Errors are jsonata-shaped (`{code, ...}`) so jsonata renders their message
 * from its own catalog exactly as it does for its built-ins.
 */
import {createHash, randomUUID} from 'node:crypto';
import jsonata from 'jsonata';
import {seededRandomDouble, toJavaLong} from './javaRandom.js';
import {InvalidJsonError, parseStrictJson} from './strictJson.js';

/**
 * Where an evaluation's clock reading travels to `$now()`/`$millis()`. A colon cannot
 * appear in a JSONata variable name, so no expression can read or shadow it.
 */
export const CLOCK_BINDING = 'stratus:now';

/** AWS's names for the digests, mapped to node's. Names are case-sensitive on AWS. */
const HASH_ALGORITHMS: Readonly<Record<string, string>> = {
	MD5: 'md5',
	'SHA-1': 'sha1',
	'SHA-256': 'sha256',
	'SHA-384': 'sha384',
	'SHA-512': 'sha512',
};

/** jsonata's own ceiling for the range operator `[a..b]`; `$range` builds the same kind of array. */
const MAX_RANGE_LENGTH = 1e7;

export function registerStepFunctionsFunctions(expression: jsonata.Expression): void {
	expression.registerFunction('partition', partition, '<x?n?:a>');
	expression.registerFunction('range', range, '<nnn?:a>');
	expression.registerFunction('hash', hash, '<ss?:s>');
	expression.registerFunction('random', random, '<n?:n>');
	expression.registerFunction('uuid', uuid, '<:s>');
	expression.registerFunction('parse', parse, '<s?:x>');
	expression.registerFunction('now', now, '<s?s?:s>');
	expression.registerFunction('millis', millis, '<:n>');
}

/** A failure jsonata reports like its own: the message comes from its catalog for `code`. */
function jsonataError(code: string, details: Record<string, unknown> = {}): object {
	return {code, stack: new Error().stack, ...details};
}

/** D3137 is the code of `$error()`, whose message is the text given; AWS uses it for its own checks. */
function customError(message: string): object {
	return jsonataError('D3137', {message});
}

function sequenceOf(items: unknown[]): unknown[] {
	return Object.assign(items, {sequence: true});
}

function partition(array: unknown, chunkSize: number | undefined): unknown {
	if (array === undefined) return undefined;
	if (!Array.isArray(array)) {
		// AWS's wording for any non-array here, "must be an array of undefined", is what
		// jsonata renders when no element type is named.
		throw jsonataError('T0412', {index: 1, token: 'partition', value: array});
	}
	if (array.length === 0) return undefined;
	if (chunkSize === undefined) return [[...array]];
	const size = Math.trunc(chunkSize);
	if (size < 0) throw customError('Second argument must be zero or greater');
	if (size === 0) return undefined;
	const chunks: unknown[][] = [];
	for (let start = 0; start < array.length; start += size) chunks.push(array.slice(start, start + size));
	return chunks;
}

function range(first: number, last: number, step: number | undefined): unknown {
	if (step === undefined) return undefined;
	const start = Math.trunc(first);
	const end = Math.trunc(last);
	const increment = Math.trunc(step);
	if (increment === 0 || (increment > 0 && start > end) || (increment < 0 && start < end)) return undefined;
	// Counted up front and walked by index: stepping `value += increment` until it passes
	// `end` can skip past a huge bound or lose the step to rounding and never stop.
	const length = Math.floor((end - start) / increment) + 1;
	if (length > MAX_RANGE_LENGTH) throw jsonataError('D2014', {value: length});
	const values: number[] = [];
	for (let index = 0; index < length; index++) values.push(start + index * increment);
	return sequenceOf(values);
}

function hash(value: string, algorithm: string | undefined): string | undefined {
	if (algorithm === undefined) return undefined;
	const nodeAlgorithm = HASH_ALGORITHMS[algorithm];
	if (nodeAlgorithm === undefined) {
		throw customError(`Hash algorithm '${algorithm}' must be one of SHA-1, SHA-384, SHA-256, SHA-512, MD5`);
	}
	return createHash(nodeAlgorithm).update(value, 'utf8').digest('hex');
}

function random(seed: number | undefined): number {
	if (seed === undefined) return Math.random();
	return seededRandomDouble(toJavaLong(seed));
}

function uuid(): string {
	return randomUUID();
}

function parse(text: string | undefined): unknown {
	if (text === undefined) return undefined;
	try {
		return parseStrictJson(text);
	} catch (error) {
		if (error instanceof InvalidJsonError) throw customError('Invalid JSON');
		throw error;
	}
}

function clockReading(focus: jsonata.Focus): number {
	const reading = focus.environment.lookup(CLOCK_BINDING);
	return typeof reading === 'number' ? reading : Date.now();
}

type FromMillis = (millis: number, picture?: string, timezone?: string) => string;
let fromMillis: Promise<FromMillis> | undefined;

/** jsonata's `$fromMillis`, which formats `$now()` exactly as the built-in it replaces. */
function builtinFromMillis(): Promise<FromMillis> {
	fromMillis ??= jsonata('$fromMillis')
		.evaluate(undefined)
		.then((builtin: {implementation: FromMillis}) => builtin.implementation);
	return fromMillis;
}

async function now(this: jsonata.Focus, picture?: string, timezone?: string): Promise<string> {
	const millis = clockReading(this);
	return (await builtinFromMillis())(millis, picture, timezone);
}

function millis(this: jsonata.Focus): number {
	return clockReading(this);
}
