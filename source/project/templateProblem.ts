/**
 * What is wrong with a template, and where. A problem names the resource/property
 * path at fault (`Resources/OrderWorkflow/Properties/DefinitionUri`) so the CLI can
 * print one line a developer can act on; `validateTemplate` returns every problem,
 * `loadProject` throws them together as one `TemplateError` led by the first.
 */
export interface TemplateProblem {
	/** Slash-separated path into the template, or `file:line:column` for syntax errors. */
	path: string;
	message: string;
}

export class TemplateError extends Error {
	readonly problems: TemplateProblem[];

	constructor(problems: TemplateProblem[]) {
		const [first] = problems;
		const more = problems.length > 1 ? ` (and ${problems.length - 1} more problem${problems.length > 2 ? 's' : ''})` : '';
		super(first ? `${first.path}: ${first.message}${more}` : 'invalid template');
		this.name = 'TemplateError';
		this.problems = problems;
	}
}

/**
 * Collects problems while a template is read. The same mistake can be met twice
 * (a Globals value merged into several functions, a condition evaluated from two
 * places), so identical entries are kept once.
 */
export class ProblemList {
	readonly items: TemplateProblem[] = [];
	readonly #seen = new Set<string>();

	add(path: string, message: string): void {
		const key = `${path}\u0000${message}`;
		if (this.#seen.has(key)) return;
		this.#seen.add(key);
		this.items.push({path, message});
	}

	get size(): number {
		return this.items.length;
	}
}

/** Joins path segments; a segment is a property name or list index. */
export function childPath(path: string, segment: string | number): string {
	return path === '' ? String(segment) : `${path}/${segment}`;
}
