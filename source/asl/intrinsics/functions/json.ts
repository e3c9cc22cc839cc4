/**
 * The JSON intrinsics: States.StringToJson, States.JsonToString and the shallow
 * States.JsonMerge.
 */
import {invalidArguments, isJsonObject} from '../functionFailure.js';
import type {IntrinsicFunction} from './intrinsicFunction.js';

export const stringToJson: IntrinsicFunction = {
	name: 'States.StringToJson',
	minArgs: 1,
	maxArgs: 1,
	run({name, args: [text]}) {
		if (typeof text !== 'string') throw invalidArguments(name);
		// AWS parses an empty (or blank) string to null rather than failing.
		if (text.trim() === '') return null;
		try {
			return JSON.parse(text) as unknown;
		} catch {
			throw invalidArguments(name);
		}
	},
};

export const jsonToString: IntrinsicFunction = {
	name: 'States.JsonToString',
	minArgs: 1,
	maxArgs: 1,
	run: ({args: [value]}) => JSON.stringify(value),
};

export const jsonMerge: IntrinsicFunction = {
	name: 'States.JsonMerge',
	minArgs: 3,
	maxArgs: 3,
	run({name, args: [left, right, deep]}) {
		if (!isJsonObject(left) || !isJsonObject(right)) throw invalidArguments(name);
		// Only shallow merging exists; AWS treats any flag but `true` as shallow.
		if (deep === true) throw invalidArguments(name);
		// Spread defines properties, so a "__proto__" key stays plain data.
		return {...left, ...right};
	},
};
