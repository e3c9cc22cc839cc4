/**
 * Definition validation: what Step Functions refuses when a state machine is created,
 * found before anything runs, each problem named by AWS's diagnostic code and a JSON
 * pointer to the offending field.
 *
 * Zero false rejections comes first: every definition AWS accepted (the conformance
 * corpus) must pass, so where AWS's behaviour is not known for sure the check leans to
 * accepting. Rules and messages follow what AWS has been measured to do: unknown fields
 * are "Field 'X' is not supported"; a field of the other query language gets AWS's
 * "The QueryLanguage is set to ..." message; nested states inherit the *machine's*
 * QueryLanguage, not their Map's or Parallel's; a state nothing targets is
 * MISSING_TRANSITION_TARGET ("is not reachable"), checked on targets rather than by a
 * walk from StartAt, and suppressed when the top level has no terminal state
 * (MISSING_END_STATE, top level only); JSONata parse errors are
 * INVALID_JSONATA_EXPRESSION with the parser's message. Pointers name the field itself
 * (`/States/X/Parameters`) where AWS would only name the state (`/States/X`).
 *
 * asl-validator 4 was the intended basis. What is kept from it is its path grammar,
 * asl-path-validator, consulted as a second reader of JSONPath and intrinsic syntax
 * (see pathSyntax.ts), and its rule set (mutually exclusive field pairs, Wait's single
 * duration, Map's processor, Retry/Catch shapes), re-expressed here with pointers. Its
 * validator itself is not run, because on this corpus it:
 * - rejects 14 of the 690 AWS-accepted definitions: non-object `Output` and Choice
 *   `Output`, array constants in `Assign`, a boolean JSONata `Condition`, a fractional
 *   `ToleratedFailurePercentage` (0.5), and it has no `Output`/`Assign` on catchers;
 * - reports only a JSON-schema instance path for schema errors and no location at all
 *   for graph errors (unreachable states, missing targets);
 * - recompiles its fifteen schemas on every call (about 90 ms each), and mutates the
 *   definition it is given (it writes QueryLanguage into every state).
 */
import type {StateMachineDefinition} from '../definition.js';
import {duplicateStateNames, jsonSyntaxProblem} from './jsonText.js';
import {ProblemCode, ProblemList, formatProblem, type DefinitionProblem} from './problem.js';
import {checkDefinition} from './stateMachine.js';

export {ProblemCode, formatProblem, type DefinitionProblem};

/** Every problem of a parsed definition, in document order; [] when AWS would accept it. */
export function validateDefinition(definition: unknown): DefinitionProblem[] {
	const problems = new ProblemList();
	checkDefinition(definition, problems);
	return problems.items;
}

/**
 * Parses definition text and validates it. The definition is returned only when it has
 * no problems, so holding one means it can be run.
 */
export function parseDefinition(text: string): {definition?: StateMachineDefinition; problems: DefinitionProblem[]} {
	// Editors on some systems save a byte-order mark, which JSON.parse refuses.
	const source = text.startsWith('\uFEFF') ? text.slice(1) : text;
	if (source.trim() === '') {
		return {problems: [{pointer: '', code: ProblemCode.MissingDescription, message: 'The definition is empty'}]};
	}
	let parsed: unknown;
	try {
		parsed = JSON.parse(source);
	} catch (error) {
		return {problems: [jsonSyntaxProblem(source, error)]};
	}
	// A repeated name comes first: the states that JSON.parse dropped explain the rest.
	const problems = [...duplicateStateNames(source), ...validateDefinition(parsed)];
	if (problems.length > 0) return {problems};
	return {definition: parsed as StateMachineDefinition, problems};
}
