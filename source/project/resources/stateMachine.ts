/**
 * State machines: `AWS::Serverless::StateMachine` (Definition inline or DefinitionUri
 * to a JSON/YAML file) and `AWS::StepFunctions::StateMachine` (Definition, the
 * DefinitionString CDK assembles with `Fn::Join`, or a local DefinitionS3Location),
 * both with DefinitionSubstitutions. The definition is checked only for being a
 * state machine at all (StartAt and States); the ASL validator judges the rest.
 */
import {readFileSync} from 'node:fs';
import {basename, isAbsolute, resolve} from 'node:path';
import type {StateMachineDefinition} from '../../asl/definition.js';
import {stateMachineArn} from '../arns.js';
import {isPlainObject, parseSubString, scalarText, UNRESOLVED} from '../intrinsics.js';
import type {StateMachineType} from '../model.js';
import type {TemplateResource} from '../stack.js';
import {parseYaml} from '../templateFile.js';
import {childPath, ProblemList} from '../templateProblem.js';
import type {BuildContext} from './buildContext.js';
import {describeS3Location} from './codeLocation.js';
import {readSamEvents} from './samEvents.js';
import {PropertyReader} from './values.js';

export function buildServerlessStateMachine(resource: TemplateResource, context: BuildContext): void {
	const properties = new PropertyReader(context.stack, resource);
	const definition = readDefinition(properties, context, {object: 'Definition', file: 'DefinitionUri'});
	const type = readType(properties, 'Type');
	addStateMachine(properties, definition, type, context);
}

export function buildStepFunctionsStateMachine(resource: TemplateResource, context: BuildContext): void {
	const properties = new PropertyReader(context.stack, resource);
	const definition = readDefinition(properties, context, {object: 'Definition', text: 'DefinitionString', file: 'DefinitionS3Location'});
	const type = readType(properties, 'StateMachineType');
	addStateMachine(properties, definition, type, context);
}

function addStateMachine(
	properties: PropertyReader,
	definition: StateMachineDefinition | undefined,
	type: StateMachineType | undefined,
	context: BuildContext,
): void {
	const {resource} = properties;
	const identity = context.stack.identity(resource);
	if (identity === UNRESOLVED || !definition || !type) return;
	const arn = stateMachineArn(context.stack.env, identity.name);
	context.draft.stateMachines.push({logicalId: resource.logicalId, name: identity.name, arn, type, definition});
	if (resource.type === 'AWS::Serverless::StateMachine') readSamEvents(resource, arn, context);
}

function readType(properties: PropertyReader, key: string): StateMachineType | undefined {
	const type = properties.string(key) ?? (properties.failed(key) ? undefined : 'STANDARD');
	if (type === undefined) return undefined;
	if (type !== 'STANDARD' && type !== 'EXPRESS') {
		properties.problems.add(properties.path(key), `${key} must be STANDARD or EXPRESS, not '${type}'`);
		return undefined;
	}
	return type;
}

interface DefinitionKeys {
	/** Property holding the definition as an object. */
	object: string;
	/** Property holding it as JSON text. */
	text?: string;
	/** Property naming a file beside the template (or an S3 object, which cannot be read). */
	file: string;
}

function readDefinition(properties: PropertyReader, context: BuildContext, keys: DefinitionKeys): StateMachineDefinition | undefined {
	const present = [keys.object, keys.text, keys.file].filter((key): key is string => key !== undefined && properties.has(key));
	if (present.length === 0) {
		properties.problems.add(properties.path(keys.object), `a state machine needs ${[keys.object, keys.text, keys.file].filter(Boolean).join(' or ')}`);
		return undefined;
	}
	if (present.length > 1) {
		properties.problems.add(properties.path(present[1]), `set only one of ${present.join(' and ')}`);
		return undefined;
	}
	const [key] = present;
	const path = properties.path(key);
	const substitutions = readSubstitutions(properties);
	if (substitutions === undefined) return undefined;
	let definition: unknown;
	if (key === keys.object) {
		const value = properties.value(key);
		if (value === UNRESOLVED) return undefined;
		definition = substituteInValue(value, substitutions);
	} else if (key === keys.text) {
		const text = properties.string(key);
		if (text === undefined) return undefined;
		definition = parseDefinitionText(substituteInText(text, substitutions), `${key}`, path, properties.problems);
	} else {
		const location = properties.value(key);
		if (location === UNRESOLVED) return undefined;
		if (typeof location !== 'string') {
			properties.problems.add(path, `${key} ${describeS3Location(location)} is in S3, which stratus cannot fetch: point it at the local definition file`);
			return undefined;
		}
		definition = readDefinitionFile(location, substitutions, path, context);
	}
	if (definition === undefined) return undefined;
	return checkDefinitionShape(definition, path, properties.problems);
}

function readSubstitutions(properties: PropertyReader): Record<string, string> | undefined {
	if (!properties.has('DefinitionSubstitutions')) return {};
	const value = properties.map('DefinitionSubstitutions');
	if (!value) return undefined;
	const substitutions: Record<string, string> = {};
	let failed = false;
	for (const [name, item] of Object.entries(value)) {
		if (item === UNRESOLVED) {
			failed = true;
			continue;
		}
		const text = scalarText(item);
		if (text === undefined) {
			properties.problems.add(childPath(properties.path('DefinitionSubstitutions'), name), 'a substitution must be a string, number or boolean');
			failed = true;
			continue;
		}
		substitutions[name] = text;
	}
	return failed ? undefined : substitutions;
}

/** Replaces `${Name}` for each substitution; other `${...}` text is left as it is. */
export function substituteInText(text: string, substitutions: Record<string, string>): string {
	if (Object.keys(substitutions).length === 0 || !text.includes('${')) return text;
	return parseSubString(text)
		.map(part => {
			if ('literal' in part) return part.literal;
			return Object.hasOwn(substitutions, part.variable) ? substitutions[part.variable] : `\${${part.variable}}`;
		})
		.join('');
}

/** Substitutes inside every string and key of an inline definition. */
function substituteInValue(value: unknown, substitutions: Record<string, string>): unknown {
	if (typeof value === 'string') return substituteInText(value, substitutions);
	if (Array.isArray(value)) return value.map(item => substituteInValue(item, substitutions));
	if (isPlainObject(value)) {
		return Object.fromEntries(
			Object.entries(value).map(([key, item]) => [substituteInText(key, substitutions), substituteInValue(item, substitutions)]),
		);
	}
	return value;
}

/**
 * Reads a definition file. Substitution is textual, before parsing, as Step Functions
 * applies it to the uploaded file: `"TimeoutSeconds": ${Timeout}` is allowed.
 */
function readDefinitionFile(location: string, substitutions: Record<string, string>, path: string, context: BuildContext): unknown {
	const file = isAbsolute(location) ? location : resolve(context.root, location);
	let text: string;
	try {
		text = readFileSync(file, 'utf8');
	} catch (error) {
		const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'does not exist' : `cannot be read (${(error as Error).message})`;
		context.stack.problems.add(path, `definition file '${location}' ${reason} (looked for ${file})`);
		return undefined;
	}
	return parseDefinitionText(substituteInText(text, substitutions), basename(file), path, context.stack.problems, /\.ya?ml$/i.test(file));
}

function parseDefinitionText(text: string, source: string, path: string, problems: ProblemList, yaml = false): unknown {
	if (!yaml) {
		try {
			return JSON.parse(text);
		} catch (error) {
			// A file without a .json extension may still be YAML.
			if (source.endsWith('.json') || path.endsWith('DefinitionString')) {
				problems.add(path, `the definition in ${source} is not valid JSON: ${(error as Error).message}`);
				return undefined;
			}
		}
	}
	const yamlProblems = new ProblemList();
	const parsed = parseYaml(text, source, yamlProblems, false);
	for (const problem of yamlProblems.items) problems.add(path, `the definition in ${problem.path}: ${problem.message}`);
	return yamlProblems.size > 0 ? undefined : parsed;
}

function checkDefinitionShape(definition: unknown, path: string, problems: ProblemList): StateMachineDefinition | undefined {
	if (!isPlainObject(definition)) {
		problems.add(path, 'a state machine definition must be an object with StartAt and States');
		return undefined;
	}
	let valid = true;
	if (typeof definition.StartAt !== 'string') {
		problems.add(path, 'the state machine definition needs StartAt (the name of the first state)');
		valid = false;
	}
	if (!isPlainObject(definition.States)) {
		problems.add(path, 'the state machine definition needs States (a map of state names to states)');
		valid = false;
	}
	return valid ? (definition as unknown as StateMachineDefinition) : undefined;
}
