/**
 * The `Conditions` section: named booleans built from `Fn::Equals`, `Fn::And`,
 * `Fn::Or`, `Fn::Not` and `{Condition: Name}`, evaluated once each on demand.
 * Resources whose `Condition` is false are left out of the stack, and `Fn::If`
 * picks a branch by them.
 */
import {isPlainObject, resolveValue, scalarText, UNRESOLVED, type IntrinsicScope, type Unresolved} from './intrinsics.js';
import {childPath, type ProblemList} from './templateProblem.js';

export function unknownConditionMessage(name: string): string {
	return `condition '${name}' is not defined in the Conditions section`;
}

export class ConditionEvaluator {
	readonly #definitions: Record<string, unknown>;
	readonly #problems: ProblemList;
	readonly #values = new Map<string, boolean | Unresolved>();
	readonly #evaluating: string[] = [];
	/** Resolves the operands of Fn::Equals; set once the stack scope exists. */
	scope: IntrinsicScope | undefined;

	constructor(section: unknown, problems: ProblemList) {
		this.#problems = problems;
		if (section !== undefined && section !== null && !isPlainObject(section)) {
			problems.add('Conditions', 'Conditions must be a map of condition names to condition functions');
		}
		this.#definitions = isPlainObject(section) ? section : {};
	}

	get names(): string[] {
		return Object.keys(this.#definitions);
	}

	has(name: string): boolean {
		return Object.hasOwn(this.#definitions, name);
	}

	/** The value of a named condition; `path` is where it is referred to. */
	evaluate(name: string, path: string): boolean | Unresolved {
		if (!this.has(name)) {
			this.#problems.add(path, unknownConditionMessage(name));
			return UNRESOLVED;
		}
		const known = this.#values.get(name);
		if (known !== undefined) return known;
		if (this.#evaluating.includes(name)) {
			const cycle = [...this.#evaluating.slice(this.#evaluating.indexOf(name)), name].join(' -> ');
			this.#problems.add(childPath('Conditions', name), `conditions refer to each other in a circle: ${cycle}`);
			return UNRESOLVED;
		}
		this.#evaluating.push(name);
		const value = this.#expression(this.#definitions[name], childPath('Conditions', name));
		this.#evaluating.pop();
		this.#values.set(name, value);
		return value;
	}

	#expression(expression: unknown, path: string): boolean | Unresolved {
		const keys = isPlainObject(expression) ? Object.keys(expression) : [];
		if (!isPlainObject(expression) || keys.length !== 1) return this.#fail(path);
		const [key] = keys;
		const argument = expression[key];
		const argumentPath = childPath(path, key);
		switch (key) {
			case 'Condition':
				if (typeof argument !== 'string') return this.#fail(path, 'Condition takes the name of a condition');
				return this.evaluate(argument, path);
			case 'Fn::Equals':
				return this.#equals(argument, path, argumentPath);
			case 'Fn::Not': {
				if (!Array.isArray(argument) || argument.length !== 1) return this.#fail(path, 'Fn::Not takes a list of exactly one condition');
				const value = this.#expression(argument[0], childPath(argumentPath, 0));
				return value === UNRESOLVED ? UNRESOLVED : !value;
			}
			case 'Fn::And':
			case 'Fn::Or': {
				if (!Array.isArray(argument) || argument.length < 2 || argument.length > 10) {
					return this.#fail(path, `${key} takes a list of 2 to 10 conditions`);
				}
				// Every operand is evaluated so that all of their problems are reported.
				const values = argument.map((item, index) => this.#expression(item, childPath(argumentPath, index)));
				if (values.includes(UNRESOLVED)) return UNRESOLVED;
				return key === 'Fn::And' ? values.every(Boolean) : values.some(Boolean);
			}
			default:
				return this.#fail(path);
		}
	}

	#equals(argument: unknown, path: string, argumentPath: string): boolean | Unresolved {
		if (!Array.isArray(argument) || argument.length !== 2) return this.#fail(path, 'Fn::Equals takes a list of exactly two values');
		if (!this.scope) throw new Error('ConditionEvaluator used before its scope was set');
		const scope = this.scope;
		const [left, right] = argument.map((item, index) => resolveValue(item, childPath(argumentPath, index), scope));
		if (left === UNRESOLVED || right === UNRESOLVED) return UNRESOLVED;
		return sameValue(left, right);
	}

	#fail(path: string, message = 'a condition must be Fn::Equals, Fn::And, Fn::Or, Fn::Not or {Condition: Name}'): Unresolved {
		this.#problems.add(path, message);
		return UNRESOLVED;
	}
}

/** CloudFormation compares as text: `!Equals [!Ref Count, 3]` holds when Count is "3". */
function sameValue(left: unknown, right: unknown): boolean {
	const leftText = scalarText(left);
	const rightText = scalarText(right);
	if (leftText !== undefined || rightText !== undefined) return leftText === rightText;
	return JSON.stringify(left) === JSON.stringify(right);
}
