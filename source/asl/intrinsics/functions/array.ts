/**
 * The array intrinsics: States.Array, ArrayPartition, ArrayContains, ArrayRange,
 * ArrayGetItem, ArrayLength, ArrayUnique. Behaviours that differ from the
 * obvious reading follow what AWS was observed to return (see each function).
 */
import {invalidArguments, isFiniteNumber, isInt32, truncated} from '../functionFailure.js';
import {javaHashSetDistinct} from '../javaHashSet.js';
import {javaToString} from '../javaText.js';
import type {IntrinsicFunction} from './intrinsicFunction.js';

/** AWS: "The newly generated array can't contain more than 1000 items." */
export const MAX_RANGE_ITEMS = 1000;

function expectArray(name: string, value: unknown): unknown[] {
	if (!Array.isArray(value)) throw invalidArguments(name);
	return value;
}

function expectInteger(name: string, value: unknown): number {
	if (!isFiniteNumber(value)) throw invalidArguments(name);
	const n = truncated(value);
	if (!isInt32(n)) throw invalidArguments(name);
	return n;
}

export const statesArray: IntrinsicFunction = {
	name: 'States.Array',
	minArgs: 0,
	maxArgs: Infinity,
	run: ({args}) => [...args],
};

export const arrayPartition: IntrinsicFunction = {
	name: 'States.ArrayPartition',
	minArgs: 2,
	maxArgs: 2,
	run({name, args: [input, size]}) {
		const array = expectArray(name, input);
		// A fractional chunk size is truncated, so 0.6 is as invalid as 0.
		const chunk = expectInteger(name, size);
		if (chunk <= 0) throw invalidArguments(name);
		const chunks: unknown[][] = [];
		for (let i = 0; i < array.length; i += chunk) chunks.push(array.slice(i, i + chunk));
		return chunks;
	},
};

export const arrayContains: IntrinsicFunction = {
	name: 'States.ArrayContains',
	minArgs: 2,
	maxArgs: 2,
	run({name, args: [input, wanted]}) {
		const array = expectArray(name, input);
		// AWS compares values by their text: `true` is found in ["true"], and
		// {a:1,b:2} is not found in [{b:2,a:1}].
		const text = javaToString(wanted);
		return array.some(item => javaToString(item) === text);
	},
};

export const arrayRange: IntrinsicFunction = {
	name: 'States.ArrayRange',
	minArgs: 3,
	maxArgs: 3,
	run({name, args}) {
		const [start, end, step] = args.map(arg => expectInteger(name, arg));
		if (step === 0) throw invalidArguments(name);
		// A step against the direction of the bounds yields an empty array, as on AWS.
		const count = (step > 0 ? start <= end : start >= end) ? Math.floor((end - start) / step) + 1 : 0;
		if (count > MAX_RANGE_ITEMS) throw invalidArguments(name);
		return Array.from({length: count}, (_, i) => start + i * step);
	},
};

export const arrayGetItem: IntrinsicFunction = {
	name: 'States.ArrayGetItem',
	minArgs: 2,
	maxArgs: 2,
	run({name, args: [input, position]}) {
		const array = expectArray(name, input);
		const index = expectInteger(name, position);
		if (index < 0) throw invalidArguments(name);
		// AWS answers null for any index into an empty array, but fails past the end of a non-empty one.
		if (array.length === 0) return null;
		if (index >= array.length) throw invalidArguments(name);
		return array[index];
	},
};

export const arrayLength: IntrinsicFunction = {
	name: 'States.ArrayLength',
	minArgs: 1,
	maxArgs: 1,
	run({name, args: [input]}) {
		return expectArray(name, input).length;
	},
};

export const arrayUnique: IntrinsicFunction = {
	name: 'States.ArrayUnique',
	minArgs: 1,
	maxArgs: 1,
	run({name, args: [input]}) {
		return javaHashSetDistinct(expectArray(name, input));
	},
};
