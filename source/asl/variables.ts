/**
 * Workflow variables (`Assign`). A Map iteration or Parallel branch gets a child
 * scope: it reads its parents' variables, and its own assignments stay inside it,
 * as AWS scopes them.
 */
export class VariableScope {
	private readonly own = new Map<string, unknown>();

	constructor(readonly parent?: VariableScope) {}

	has(name: string): boolean {
		return this.own.has(name) || (this.parent?.has(name) ?? false);
	}

	get(name: string): unknown {
		if (this.own.has(name)) return this.own.get(name);
		return this.parent?.get(name);
	}

	/** All assignments of one state take effect together, after all were evaluated. */
	assign(values: Record<string, unknown>): void {
		for (const [name, value] of Object.entries(values)) this.own.set(name, value);
	}

	child(): VariableScope {
		return new VariableScope(this);
	}

	/** Every visible variable, inner names shadowing outer ones. */
	snapshot(): Record<string, unknown> {
		const outer = this.parent?.snapshot() ?? {};
		return Object.assign(outer, Object.fromEntries(this.own));
	}

	/** Only this scope's own variables (what a checkpoint of this scope stores). */
	ownEntries(): Record<string, unknown> {
		return Object.fromEntries(this.own);
	}
}

/** What expressions can see while a state is evaluated. */
export interface Bindings {
	/** The state's effective input (`$` in JSONPath). */
	input: unknown;
	/** The context object (`$$` in JSONPath, `$states.context` in JSONata). */
	context: unknown;
	variables: VariableScope;
}
