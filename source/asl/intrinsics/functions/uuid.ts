/**
 * States.UUID: a version 4 UUID from the platform's secure random source.
 */
import {randomUUID} from 'node:crypto';
import type {IntrinsicFunction} from './intrinsicFunction.js';

export const uuid: IntrinsicFunction = {
	name: 'States.UUID',
	minArgs: 0,
	maxArgs: 0,
	run: () => randomUUID(),
};
