/**
 * The math intrinsics: States.MathAdd and States.MathRandom, both on 32-bit
 * integers as AWS's Java runtime computes them.
 */
import {invalidArguments, isFiniteNumber, isInt32, truncated} from '../functionFailure.js';
import {JavaRandom} from '../javaRandom.js';
import type {IntrinsicFunction} from './intrinsicFunction.js';

/**
 * MathAdd rounds fractional operands to the nearest integer, halves upwards
 * (Java's Math.round, which JavaScript's Math.round matches): AWS adds 1.49 and
 * 1.5 to 3, -1.49 and -1.5 to -2.
 */
function roundedOperand(name: string, value: unknown): number {
	if (!isFiniteNumber(value)) throw invalidArguments(name);
	const n = Math.round(value) + 0;
	if (!isInt32(n)) throw invalidArguments(name);
	return n;
}

export const mathAdd: IntrinsicFunction = {
	name: 'States.MathAdd',
	minArgs: 2,
	maxArgs: 2,
	run({name, args: [a, b]}) {
		const sum = roundedOperand(name, a) + roundedOperand(name, b);
		if (!isInt32(sum)) throw invalidArguments(name);
		return sum;
	},
};

/** Start and end are truncated (AWS returns 1 for MathRandom(1.6, 5.4)). */
function truncatedBound(name: string, value: unknown): number {
	if (!isFiniteNumber(value)) throw invalidArguments(name);
	const n = truncated(value);
	if (!isInt32(n)) throw invalidArguments(name);
	return n;
}

export const mathRandom: IntrinsicFunction = {
	name: 'States.MathRandom',
	minArgs: 2,
	maxArgs: 3,
	run({name, args: [start, end, ...seeded]}) {
		const low = truncatedBound(name, start);
		const high = truncatedBound(name, end);
		// The end is exclusive, so the range must hold at least one integer.
		const span = high - low;
		if (span <= 0 || !isInt32(span)) throw invalidArguments(name);
		if (seeded.length === 0) return low + Math.floor(Math.random() * span);
		const [seed] = seeded;
		if (!isFiniteNumber(seed) || !Number.isSafeInteger(truncated(seed))) throw invalidArguments(name);
		return low + new JavaRandom(BigInt(truncated(seed))).nextIntBelow(span);
	},
};
