/**
 * The transition graph of one scope (the top-level machine, a Parallel branch or a Map's
 * item processor): every name a StartAt, Next or Default targets must be a state of the
 * same scope, and every state must be the target of something. As on AWS this is a
 * check of targets, not a walk from StartAt, and a machine without any terminal state
 * is reported (top level only) instead of its unreachable states.
 */
import {StateType} from '../definition.js';
import {isObject} from './jsonValue.js';
import {ProblemCode, type ProblemList, type Segments} from './problem.js';

export interface Target {
	name: string;
	/** Where the name is written. */
	at: Segments;
	/** The field that names it: StartAt, Next or Default. */
	field: string;
}

export function checkTransitions(
	states: Record<string, unknown>,
	statesAt: Segments,
	targets: readonly Target[],
	problems: ProblemList,
	topLevel: boolean,
): void {
	for (const target of targets) {
		if (!Object.hasOwn(states, target.name)) {
			problems.add(ProblemCode.MissingTransitionTarget, target.at, `Missing '${target.field}' target: ${target.name}`);
		}
	}
	if (topLevel && !hasTerminalState(states)) {
		problems.add(ProblemCode.MissingEndState, [], 'Workflow has no terminal state');
		return;
	}
	const targeted = new Set(targets.map(target => target.name));
	for (const name of Object.keys(states)) {
		if (!targeted.has(name)) {
			problems.add(ProblemCode.MissingTransitionTarget, [...statesAt, name], `State "${name}" is not reachable.`);
		}
	}
}

function hasTerminalState(states: Record<string, unknown>): boolean {
	return Object.values(states).some(
		state =>
			isObject(state) &&
			(state.End === true || state.Type === StateType.Succeed || state.Type === StateType.Fail),
	);
}
