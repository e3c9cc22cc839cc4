/**
 * The encoding and hashing intrinsics: States.Base64Encode, States.Base64Decode
 * and States.Hash, each limited to 10,000 characters of input as AWS documents.
 */
import {createHash} from 'node:crypto';
import {invalidArguments} from '../functionFailure.js';
import {javaToString} from '../javaText.js';
import type {IntrinsicFunction} from './intrinsicFunction.js';

/** Counted in UTF-16 units, as Java's String.length() counts. */
export const MAX_INPUT_CHARACTERS = 10_000;

export const HashAlgorithm = {
	MD5: 'MD5',
	SHA1: 'SHA-1',
	SHA256: 'SHA-256',
	SHA384: 'SHA-384',
	SHA512: 'SHA-512',
} as const;
export type HashAlgorithm = (typeof HashAlgorithm)[keyof typeof HashAlgorithm];

const NODE_DIGEST: Record<HashAlgorithm, string> = {
	'MD5': 'md5',
	'SHA-1': 'sha1',
	'SHA-256': 'sha256',
	'SHA-384': 'sha384',
	'SHA-512': 'sha512',
};

function isHashAlgorithm(value: unknown): value is HashAlgorithm {
	return typeof value === 'string' && Object.hasOwn(NODE_DIGEST, value);
}

function expectBoundedString(name: string, value: unknown): string {
	if (typeof value !== 'string' || value.length > MAX_INPUT_CHARACTERS) throw invalidArguments(name);
	return value;
}

export const base64Encode: IntrinsicFunction = {
	name: 'States.Base64Encode',
	minArgs: 1,
	maxArgs: 1,
	run: ({name, args: [text]}) => Buffer.from(expectBoundedString(name, text), 'utf8').toString('base64'),
};

export const base64Decode: IntrinsicFunction = {
	name: 'States.Base64Decode',
	minArgs: 1,
	maxArgs: 1,
	// Lenient like AWS: characters outside the alphabet and missing padding are
	// skipped rather than rejected ('abc' and ' YWJjZA== ' both decode).
	run: ({name, args: [encoded]}) => Buffer.from(expectBoundedString(name, encoded), 'base64').toString('utf8'),
};

export const hash: IntrinsicFunction = {
	name: 'States.Hash',
	minArgs: 2,
	maxArgs: 2,
	run({name, args: [data, algorithm]}) {
		if (!isHashAlgorithm(algorithm)) throw invalidArguments(name);
		// AWS hashes a number or an object by its text instead of failing.
		const text = expectBoundedString(name, javaToString(data));
		return createHash(NODE_DIGEST[algorithm]).update(text, 'utf8').digest('hex');
	},
};
