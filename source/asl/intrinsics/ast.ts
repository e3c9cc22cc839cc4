/**
 * The syntax tree of one intrinsic function call, as `parse.ts` builds it and
 * `evaluate.ts` walks it. A top-level expression is always a call; arguments are
 * literals, paths or nested calls.
 */
export const NodeKind = {
	Call: 'call',
	Path: 'path',
	String: 'string',
	Number: 'number',
	Boolean: 'boolean',
	Null: 'null',
} as const;
export type NodeKind = (typeof NodeKind)[keyof typeof NodeKind];

export interface CallNode {
	readonly kind: typeof NodeKind.Call;
	/** The full name, `States.Format`. */
	readonly name: string;
	readonly args: readonly IntrinsicNode[];
	/** The call's own text in the definition, quoted in error causes. */
	readonly source: string;
}

export interface PathNode {
	readonly kind: typeof NodeKind.Path;
	/** `$.a`, `$$.Execution.Id` or `$name.field`, as written. */
	readonly path: string;
}

export interface StringNode {
	readonly kind: typeof NodeKind.String;
	/** The literal with its escapes resolved. */
	readonly value: string;
	/** The text between the quotes, escapes kept: States.Format needs to tell `\{` from `{`. */
	readonly raw: string;
}

export interface NumberNode {
	readonly kind: typeof NodeKind.Number;
	readonly value: number;
}

export interface BooleanNode {
	readonly kind: typeof NodeKind.Boolean;
	readonly value: boolean;
}

export interface NullNode {
	readonly kind: typeof NodeKind.Null;
}

export type IntrinsicNode = CallNode | PathNode | StringNode | NumberNode | BooleanNode | NullNode;
