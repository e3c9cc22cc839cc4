/**
 * Retry and Catch matching and back-off, as the States Language defines them.
 * Definitions are validated on load, so defaults are applied here and nowhere else.
 */
import type {Catcher, Retrier} from './definition.js';
import {ErrorName} from './statesError.js';

/**
 * Terminal errors: no Retry or Catch applies to them, not even one naming them.
 * (AWS's docs list DataLimitExceeded too, but recorded executions show a Catch on
 * States.ALL catching a task's oversized result, so only States.Runtime is terminal.)
 */
const terminal = new Set<string>([ErrorName.Runtime]);

export function isTerminalError(error: string): boolean {
	return terminal.has(error);
}

export function errorMatches(errorEquals: readonly string[], error: string): boolean {
	if (terminal.has(error)) return false;
	for (const name of errorEquals) {
		if (name === error || name === ErrorName.All) return true;
		// States.TaskFailed is a wildcard for every error except a timeout.
		if (name === ErrorName.TaskFailed && error !== ErrorName.Timeout) return true;
	}
	return false;
}

export function findRetrier(retriers: readonly Retrier[] | undefined, error: string): number {
	if (!retriers) return -1;
	return retriers.findIndex(r => errorMatches(r.ErrorEquals, error));
}

export function findCatcher(catchers: readonly Catcher[] | undefined, error: string): Catcher | undefined {
	return catchers?.find(c => errorMatches(c.ErrorEquals, error));
}

export function maxAttempts(retrier: Retrier): number {
	return retrier.MaxAttempts ?? 3;
}

/** Delay before retry number `attempt` (0-based) in milliseconds. */
export function retryDelayMs(retrier: Retrier, attempt: number, random: () => number = Math.random): number {
	const interval = retrier.IntervalSeconds ?? 1;
	const rate = retrier.BackoffRate ?? 2;
	let seconds = interval * rate ** attempt;
	if (retrier.MaxDelaySeconds !== undefined) seconds = Math.min(seconds, retrier.MaxDelaySeconds);
	if (retrier.JitterStrategy === 'FULL') seconds = random() * seconds;
	return Math.round(seconds * 1000);
}
