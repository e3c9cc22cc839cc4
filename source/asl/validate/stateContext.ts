/**
 * What the checks of one state need to know: the state, where it is, the query language
 * it evaluates in, which of its fields survived the field-name check, and where to
 * record the transitions it names.
 */
import type {QueryLanguage} from '../definition.js';
import type {JsonObject} from './jsonValue.js';
import type {ProblemList, Segments} from './problem.js';
import type {Target} from './transitions.js';

export const MachineKind = {
	Top: 'Top',
	Branch: 'Branch',
	ItemProcessor: 'ItemProcessor',
} as const;
export type MachineKind = (typeof MachineKind)[keyof typeof MachineKind];

export interface StateContext {
	state: JsonObject;
	at: Segments;
	language: QueryLanguage;
	/** Fields present and allowed for this type and language. */
	usable: ReadonlySet<string>;
	problems: ProblemList;
	/** Transitions named by this state, resolved against its scope once all are known. */
	targets: Target[];
	/** Validates a nested machine (a branch or an item processor) in place. */
	checkNested(machine: unknown, at: Segments, kind: MachineKind): void;
}

export function fieldAt(context: StateContext, field: string): Segments {
	return [...context.at, field];
}
