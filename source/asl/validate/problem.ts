/**
 * What validation reports: one problem per offending field, named by a JSON pointer
 * (RFC 6901) into the definition and an AWS diagnostic code, so a user can find the
 * field and compare with what `ValidateStateMachineDefinition` would say.
 */

/** The diagnostic codes of AWS's ValidateStateMachineDefinition that this validator emits. */
export const ProblemCode = {
	InvalidJson: 'INVALID_JSON_DESCRIPTION',
	MissingDescription: 'MISSING_DESCRIPTION',
	SchemaValidationFailed: 'SCHEMA_VALIDATION_FAILED',
	InvalidResource: 'INVALID_RESOURCE',
	MissingEndState: 'MISSING_END_STATE',
	DuplicateStateName: 'DUPLICATE_STATE_NAME',
	InvalidStateName: 'INVALID_STATE_NAME',
	InvalidLabelName: 'INVALID_LABEL_NAME',
	/** AWS also uses this code for a state nothing transitions to ("is not reachable"). */
	MissingTransitionTarget: 'MISSING_TRANSITION_TARGET',
	InvalidJsonataExpression: 'INVALID_JSONATA_EXPRESSION',
	UnsupportedJsonataExpression: 'UNSUPPORTED_JSONATA_EXPRESSION',
} as const;
export type ProblemCode = (typeof ProblemCode)[keyof typeof ProblemCode];

export interface DefinitionProblem {
	/** JSON pointer to the offending field; '' is the whole definition. */
	pointer: string;
	message: string;
	code: string;
}

/** A location under construction: the raw segments, escaped only when rendered. */
export type Segments = readonly (string | number)[];

export function toPointer(segments: Segments): string {
	return segments.map(segment => '/' + String(segment).replaceAll('~', '~0').replaceAll('/', '~1')).join('');
}

/** Collects problems in the order the walk finds them; the first one is what a CLI prints. */
export class ProblemList {
	readonly items: DefinitionProblem[] = [];

	add(code: ProblemCode, at: Segments, message: string): void {
		this.items.push({pointer: toPointer(at), message, code});
	}

	/** The common case: the definition does not fit the language's shape. */
	schema(at: Segments, message: string): void {
		this.add(ProblemCode.SchemaValidationFailed, at, message);
	}
}

export function formatProblem(problem: DefinitionProblem): string {
	return `${problem.pointer === '' ? 'definition' : problem.pointer}: ${problem.message}`;
}
