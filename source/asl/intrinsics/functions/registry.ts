/**
 * Every intrinsic function of JSONPath states, by name. A name not in here is
 * not an intrinsic (AWS rejects such a definition).
 */
import {arrayContains, arrayGetItem, arrayLength, arrayPartition, arrayRange, arrayUnique, statesArray} from './array.js';
import {base64Decode, base64Encode, hash} from './encoding.js';
import type {IntrinsicFunction} from './intrinsicFunction.js';
import {jsonMerge, jsonToString, stringToJson} from './json.js';
import {mathAdd, mathRandom} from './math.js';
import {format, stringSplit} from './string.js';
import {uuid} from './uuid.js';

export const intrinsicFunctions: ReadonlyMap<string, IntrinsicFunction> = new Map(
	[
		format,
		stringToJson,
		jsonToString,
		statesArray,
		arrayPartition,
		arrayContains,
		arrayRange,
		arrayGetItem,
		arrayLength,
		arrayUnique,
		base64Encode,
		base64Decode,
		hash,
		jsonMerge,
		mathRandom,
		mathAdd,
		stringSplit,
		uuid,
	].map(fn => [fn.name, fn]),
);
