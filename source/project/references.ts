/**
 * Checks every name a template refers to, without evaluating anything: `Ref`,
 * `Fn::GetAtt`, `Fn::Sub` variables, `Fn::If` and `Condition` names, `Fn::FindInMap`
 * map names, `DependsOn`. CloudFormation rejects a template with a dangling name
 * wherever it sits, so this pass covers the parts stratus never evaluates too
 * (IAM policies, API definitions, Outputs, branches an `Fn::If` does not take).
 */
import {unknownConditionMessage} from './conditions.js';
import {intrinsicKey, isPlainObject, parseSubString} from './intrinsics.js';
import {pseudoParameterNames, unknownMappingMessage, unknownRefMessage, unknownResourceMessage} from './stack.js';
import {childPath, type ProblemList} from './templateProblem.js';

export interface KnownNames {
	parameters: ReadonlySet<string>;
	/** Resources, including those SAM generates (`MyFunctionRole`). */
	resources: ReadonlySet<string>;
	/** Resources whose `Ref X.Property` forms SAM resolves (`MyFunction.Alias`). */
	serverlessResources: ReadonlySet<string>;
	conditions: ReadonlySet<string>;
	mappings: ReadonlySet<string>;
}

export function checkReferences(value: unknown, path: string, known: KnownNames, problems: ProblemList, inConditions = false): void {
	if (Array.isArray(value)) {
		value.forEach((item, index) => checkReferences(item, childPath(path, index), known, problems, inConditions));
		return;
	}
	if (!isPlainObject(value)) return;
	const key = intrinsicKey(value) ?? (inConditions && Object.keys(value).length === 1 && 'Condition' in value ? 'Condition' : undefined);
	if (!key) {
		for (const [name, item] of Object.entries(value)) checkReferences(item, childPath(path, name), known, problems, inConditions);
		return;
	}
	const argument = value[key];
	const argumentPath = childPath(path, key);
	switch (key) {
		case 'Ref':
			if (typeof argument === 'string') checkRefName(argument, path, known, problems);
			return;
		case 'Condition':
			if (typeof argument === 'string' && !known.conditions.has(argument)) problems.add(path, withSuggestion(unknownConditionMessage(argument), argument, known.conditions));
			return;
		case 'Fn::GetAtt': {
			const logicalId = typeof argument === 'string' ? argument.split('.')[0] : Array.isArray(argument) ? argument[0] : undefined;
			if (typeof logicalId === 'string' && !known.resources.has(logicalId)) {
				problems.add(path, withSuggestion(unknownResourceMessage('Fn::GetAtt', logicalId), logicalId, known.resources));
			}
			if (Array.isArray(argument)) checkReferences(argument.slice(1), argumentPath, known, problems, inConditions);
			return;
		}
		case 'Fn::Sub': {
			const [text, variables] = Array.isArray(argument) ? argument : [argument, undefined];
			if (typeof text === 'string') {
				const local = isPlainObject(variables) ? variables : {};
				for (const part of parseSubString(text)) {
					if (!('variable' in part) || Object.hasOwn(local, part.variable)) continue;
					const dot = part.variable.indexOf('.');
					if (dot > 0) {
						const logicalId = part.variable.slice(0, dot);
						if (!known.resources.has(logicalId)) problems.add(path, withSuggestion(unknownResourceMessage('Fn::GetAtt', logicalId), logicalId, known.resources));
					} else {
						checkRefName(part.variable, path, known, problems);
					}
				}
			}
			if (Array.isArray(argument)) checkReferences(argument, argumentPath, known, problems, inConditions);
			return;
		}
		case 'Fn::If':
			if (Array.isArray(argument) && typeof argument[0] === 'string' && !known.conditions.has(argument[0])) {
				problems.add(path, unknownConditionMessage(argument[0]));
			}
			checkReferences(argument, argumentPath, known, problems, inConditions);
			return;
		case 'Fn::FindInMap':
			if (Array.isArray(argument) && typeof argument[0] === 'string' && !known.mappings.has(argument[0])) {
				problems.add(path, unknownMappingMessage(argument[0]));
			}
			checkReferences(argument, argumentPath, known, problems, inConditions);
			return;
		default:
			checkReferences(argument, argumentPath, known, problems, inConditions);
	}
}

function checkRefName(name: string, path: string, known: KnownNames, problems: ProblemList): void {
	if (name.startsWith('AWS::')) {
		if (!(pseudoParameterNames as readonly string[]).includes(name)) {
			problems.add(path, `'${name}' is not a pseudo parameter (${pseudoParameterNames.join(', ')})`);
		}
		return;
	}
	if (known.parameters.has(name) || known.resources.has(name)) return;
	const dot = name.indexOf('.');
	if (dot > 0 && known.serverlessResources.has(name.slice(0, dot))) return;
	problems.add(path, withSuggestion(unknownRefMessage(name), name, [...known.parameters, ...known.resources]));
}

/** Adds "did you mean X?" when a known name is one or two edits away. */
function withSuggestion(message: string, name: string, candidates: Iterable<string>): string {
	let best: string | undefined;
	let bestDistance = Math.min(3, Math.floor(name.length / 3) + 1);
	for (const candidate of candidates) {
		const distance = editDistance(name.toLowerCase(), candidate.toLowerCase());
		if (distance < bestDistance) {
			best = candidate;
			bestDistance = distance;
		}
	}
	return best ? `${message} (did you mean ${best}?)` : message;
}

function editDistance(a: string, b: string): number {
	let previous = Array.from({length: b.length + 1}, (_, i) => i);
	for (let i = 1; i <= a.length; i++) {
		const current = [i];
		for (let j = 1; j <= b.length; j++) {
			current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
		}
		previous = current;
	}
	return previous[b.length];
}

/** `DependsOn` must name resources of the template. */
export function checkDependsOn(value: unknown, path: string, known: KnownNames, problems: ProblemList): void {
	const names = typeof value === 'string' ? [value] : Array.isArray(value) ? value : undefined;
	if (!names) {
		problems.add(path, 'DependsOn takes a resource name or a list of them');
		return;
	}
	names.forEach((name, index) => {
		const itemPath = Array.isArray(value) ? childPath(path, index) : path;
		if (typeof name !== 'string') problems.add(itemPath, 'DependsOn takes resource names');
		else if (!known.resources.has(name)) problems.add(itemPath, withSuggestion(unknownResourceMessage('DependsOn', name), name, known.resources));
	});
}
