/**
 * Opens a serverless app as it is: a SAM `template.yaml` or CDK's synthesized
 * `cdk.out/<Stack>.template.json` becomes the `Project` stratus runs. Intrinsics are
 * evaluated as CloudFormation would at stack creation (with `--parameter-overrides`
 * and a local region/account), SAM Globals are merged as the SAM translator merges
 * them, and every resource either becomes part of the project or leaves a notice.
 *
 * `validateTemplate` returns every problem found; `loadProject` throws them as one
 * `TemplateError` whose message leads with the first.
 */
import {basename, dirname, resolve} from 'node:path';
import {ConditionEvaluator} from './conditions.js';
import {mergeGlobals, readGlobals} from './globals.js';
import {isPlainObject} from './intrinsics.js';
import {DEFAULT_ACCOUNT_ID, DEFAULT_REGION, type Notice, type Project, type ScheduleConfig} from './model.js';
import {readParameters} from './parameters.js';
import {checkDependsOn, checkReferences, type KnownNames} from './references.js';
import {emptyDraft, type BuildContext, type ProjectDraft} from './resources/buildContext.js';
import {resourceBuilders} from './resources/index.js';
import {isPermissionResource, permissionsNotice, unsupportedNotice} from './resources/unsupported.js';
import {readMappings, Stack, type TemplateResource} from './stack.js';
import {readTemplateFile} from './templateFile.js';
import {childPath, ProblemList, TemplateError, type TemplateProblem} from './templateProblem.js';

export {TemplateError, type TemplateProblem} from './templateProblem.js';

export interface LoadOptions {
	/** `--parameter-overrides`: template parameters, and export names for `Fn::ImportValue`. */
	parameterOverrides?: Record<string, string>;
	region?: string;
	accountId?: string;
	/** Defaults to `X` for CDK's `X.template.json`, else the template folder's name. */
	stackName?: string;
}

export function loadProject(templatePath: string, options: LoadOptions = {}): Project {
	const {project, problems} = readProject(templatePath, options, true);
	if (problems.length > 0 || !project) throw new TemplateError(problems);
	return project;
}

export function validateTemplate(templatePath: string, options: LoadOptions = {}): TemplateProblem[] {
	return readProject(templatePath, options, false).problems;
}

const SAM_TRANSFORM = 'AWS::Serverless-2016-10-31';

const topLevelSections = new Set([
	'AWSTemplateFormatVersion',
	'Description',
	'Metadata',
	'Parameters',
	'Rules',
	'Mappings',
	'Conditions',
	'Transform',
	'Resources',
	'Outputs',
	'Globals',
	'Hooks',
]);

/** Resource attributes CloudFormation (and SAM) accept beside Type and Properties. */
const resourceAttributes = new Set([
	'Type',
	'Properties',
	'Metadata',
	'Condition',
	'DependsOn',
	'DeletionPolicy',
	'UpdateReplacePolicy',
	'UpdatePolicy',
	'CreationPolicy',
	'IgnoreGlobals',
	'Version',
]);

function readProject(templatePath: string, options: LoadOptions, materializeInlineCode: boolean): {project?: Project; problems: TemplateProblem[]} {
	const problems = new ProblemList();
	const absolutePath = resolve(templatePath);
	const root = dirname(absolutePath);
	const template = readTemplateFile(absolutePath, problems);
	if (template === undefined) return {problems: problems.items};
	if (!isPlainObject(template)) {
		problems.add(basename(absolutePath), 'a template must be a map with a Resources section');
		return {problems: problems.items};
	}
	const notices: Notice[] = [];
	checkTopLevel(template, problems, notices);

	const overrides = options.parameterOverrides ?? {};
	const env = {
		region: options.region ?? DEFAULT_REGION,
		accountId: options.accountId ?? DEFAULT_ACCOUNT_ID,
		stackName: options.stackName ?? defaultStackName(absolutePath),
	};
	const parameters = readParameters(template.Parameters, overrides, problems);
	const mappings = readMappings(template.Mappings, problems);
	const conditions = new ConditionEvaluator(template.Conditions, problems);
	const globals = readGlobals(template.Globals, problems);
	const resources = readResources(template.Resources, problems, (type, properties, ignoreGlobals, path) =>
		mergeGlobals(globals, type, properties, ignoreGlobals, path, problems),
	);
	addImplicitResources(resources);
	const stack = new Stack({env, problems, parameters, mappings, conditions, resources, overrides});

	checkAllReferences(template, stack, mappings);
	for (const name of conditions.names) conditions.evaluate(name, childPath('Conditions', name));

	const draft = emptyDraft();
	const context: BuildContext = {stack, root, draft, materializeInlineCode};
	const permissions: TemplateResource[] = [];
	for (const resource of resources.values()) {
		if (resource.implicit || stack.enabled(resource) !== true) continue;
		const build = resourceBuilders[resource.type];
		if (build) build(resource, context);
		else if (isPermissionResource(resource.type)) permissions.push(resource);
		else draft.notices.push(unsupportedNotice(resource));
	}
	const permissionNotice = permissionsNotice(permissions);
	if (permissionNotice) draft.notices.push(permissionNotice);

	checkUniqueNames(draft, problems);
	const schedules = matchScheduleTargets(draft);
	applyInvokeConfigs(draft);
	noticeForeignLayers(draft);
	for (const key of Object.keys(overrides)) {
		if (!parameters.has(key) && !stack.importedNames.has(key)) {
			draft.notices.push({path: childPath('parameterOverrides', key), message: `override '${key}' matches no parameter and no Fn::ImportValue of the template; it is ignored`});
		}
	}

	const project: Project = {
		root,
		templatePath: absolutePath,
		region: env.region,
		accountId: env.accountId,
		stackName: env.stackName,
		functions: draft.functions,
		versions: draft.versions,
		aliases: draft.aliases,
		layers: draft.layers,
		stateMachines: draft.stateMachines,
		activities: draft.activities,
		schedules,
		notices: [...notices, ...draft.notices],
	};
	return {project, problems: problems.items};
}

function checkTopLevel(template: Record<string, unknown>, problems: ProblemList, notices: Notice[]): void {
	for (const key of Object.keys(template)) {
		if (!topLevelSections.has(key)) problems.add(key, `'${key}' is not a template section (${[...topLevelSections].join(', ')})`);
	}
	const version = template.AWSTemplateFormatVersion;
	if (version !== undefined && version !== '2010-09-09') {
		problems.add('AWSTemplateFormatVersion', `AWSTemplateFormatVersion must be '2010-09-09', not ${JSON.stringify(version)}`);
	}
	const transforms = template.Transform === undefined ? [] : Array.isArray(template.Transform) ? template.Transform : [template.Transform];
	for (const [index, transform] of transforms.entries()) {
		const path = Array.isArray(template.Transform) ? childPath('Transform', index) : 'Transform';
		if (typeof transform !== 'string') {
			notices.push({path, message: 'a macro transform with parameters is not run locally; the template is read as written'});
		} else if (transform !== SAM_TRANSFORM && transform !== 'AWS::LanguageExtensions') {
			notices.push({path, message: `the transform ${transform} is not run locally; the template is read as written`});
		}
	}
	const usesSam =
		template.Globals !== undefined ||
		(isPlainObject(template.Resources) &&
			Object.values(template.Resources).some(resource => isPlainObject(resource) && typeof resource.Type === 'string' && resource.Type.startsWith('AWS::Serverless::')));
	if (usesSam && !transforms.includes(SAM_TRANSFORM)) {
		notices.push({path: 'Transform', message: `the template uses SAM but lacks 'Transform: ${SAM_TRANSFORM}', without which AWS rejects it`});
	}
}

type GlobalsMerger = (type: string, properties: Record<string, unknown>, ignoreGlobals: unknown, path: string) => Record<string, unknown>;

function readResources(section: unknown, problems: ProblemList, mergeGlobals: GlobalsMerger): Map<string, TemplateResource> {
	const resources = new Map<string, TemplateResource>();
	if (section === undefined || (isPlainObject(section) && Object.keys(section).length === 0)) {
		problems.add('Resources', 'a template needs a Resources section with at least one resource');
		return resources;
	}
	if (!isPlainObject(section)) {
		problems.add('Resources', 'Resources must be a map of logical ids to resources');
		return resources;
	}
	for (const [logicalId, declaration] of Object.entries(section)) {
		const path = childPath('Resources', logicalId);
		if (!/^[A-Za-z0-9]+$/.test(logicalId)) problems.add(path, `logical id '${logicalId}' must be alphanumeric (A-Z, a-z, 0-9)`);
		if (!isPlainObject(declaration) || typeof declaration.Type !== 'string') {
			problems.add(childPath(path, 'Type'), 'a resource needs a Type such as AWS::Serverless::Function');
			continue;
		}
		for (const key of Object.keys(declaration)) {
			if (!resourceAttributes.has(key)) problems.add(childPath(path, key), `'${key}' is not a resource attribute (Type, Properties, Condition, DependsOn, Metadata, ...)`);
		}
		const rawProperties = declaration.Properties ?? {};
		if (!isPlainObject(rawProperties)) problems.add(childPath(path, 'Properties'), 'Properties must be a map');
		const metadata = isPlainObject(declaration.Metadata) ? declaration.Metadata : {};
		const properties = isPlainObject(rawProperties) ? mergeGlobals(declaration.Type, rawProperties, declaration.IgnoreGlobals, path) : {};
		resources.set(logicalId, {logicalId, type: declaration.Type, path, properties, metadata, condition: declaration.Condition, implicit: false});
	}
	return resources;
}

/**
 * Resources the SAM translator generates and templates may refer to by their
 * generated ids: a function's `<Id>Role`, an AutoPublishAlias's `<Id>Alias<alias>`,
 * the implicit `ServerlessRestApi`/`ServerlessHttpApi`, and schedule events' rules.
 */
function addImplicitResources(resources: Map<string, TemplateResource>): void {
	const add = (logicalId: string, type: string, origin: TemplateResource, properties: Record<string, unknown> = {}) => {
		if (resources.has(logicalId)) return;
		resources.set(logicalId, {logicalId, type, path: origin.path, properties, metadata: {}, condition: origin.condition, implicit: true});
	};
	for (const resource of [...resources.values()]) {
		if (resource.type !== 'AWS::Serverless::Function' && resource.type !== 'AWS::Serverless::StateMachine') continue;
		const {properties, logicalId} = resource;
		if (properties.Role === undefined) add(`${logicalId}Role`, 'AWS::IAM::Role', resource);
		if (typeof properties.AutoPublishAlias === 'string') {
			add(`${logicalId}Alias${properties.AutoPublishAlias}`, 'AWS::Lambda::Alias', resource, {FunctionName: {Ref: logicalId}, Name: properties.AutoPublishAlias});
		}
		if (!isPlainObject(properties.Events)) continue;
		for (const [eventName, event] of Object.entries(properties.Events)) {
			if (!isPlainObject(event)) continue;
			const eventProperties = isPlainObject(event.Properties) ? event.Properties : {};
			if (event.Type === 'Api' && eventProperties.RestApiId === undefined) add('ServerlessRestApi', 'AWS::ApiGateway::RestApi', resource);
			if (event.Type === 'HttpApi' && eventProperties.ApiId === undefined) add('ServerlessHttpApi', 'AWS::ApiGatewayV2::Api', resource);
			if (event.Type === 'Schedule') add(`${logicalId}${eventName}`, 'AWS::Events::Rule', resource);
			if (event.Type === 'ScheduleV2') add(`${logicalId}${eventName}`, 'AWS::Scheduler::Schedule', resource);
		}
	}
}

function checkAllReferences(template: Record<string, unknown>, stack: Stack, mappings: Record<string, unknown>): void {
	const known: KnownNames = {
		parameters: new Set(stack.parameters.keys()),
		resources: new Set(stack.resources.keys()),
		serverlessResources: new Set([...stack.resources.values()].filter(r => r.type.startsWith('AWS::Serverless::')).map(r => r.logicalId)),
		conditions: new Set(stack.conditions.names),
		mappings: new Set(Object.keys(mappings)),
	};
	const {problems} = stack;
	if (isPlainObject(template.Globals)) checkReferences(template.Globals, 'Globals', known, problems);
	if (isPlainObject(template.Conditions)) {
		for (const [name, value] of Object.entries(template.Conditions)) checkReferences(value, childPath('Conditions', name), known, problems, true);
	}
	if (isPlainObject(template.Resources)) {
		for (const [logicalId, declaration] of Object.entries(template.Resources)) {
			if (!isPlainObject(declaration)) continue;
			const path = childPath('Resources', logicalId);
			// Properties as written: a Globals value is checked once, at its own path.
			checkReferences(declaration.Properties, childPath(path, 'Properties'), known, problems);
			if (typeof declaration.Condition === 'string' && !known.conditions.has(declaration.Condition)) {
				stack.conditions.evaluate(declaration.Condition, childPath(path, 'Condition'));
			}
			if (declaration.DependsOn !== undefined) checkDependsOn(declaration.DependsOn, childPath(path, 'DependsOn'), known, problems);
		}
	}
	if (isPlainObject(template.Outputs)) {
		for (const [name, output] of Object.entries(template.Outputs)) {
			const path = childPath('Outputs', name);
			if (!isPlainObject(output) || output.Value === undefined) {
				problems.add(path, 'an output needs a Value');
				continue;
			}
			checkReferences({...output, Condition: undefined}, path, known, problems);
			if (typeof output.Condition === 'string' && !known.conditions.has(output.Condition)) {
				stack.conditions.evaluate(output.Condition, childPath(path, 'Condition'));
			}
		}
	}
}

/** CloudFormation stack names: a letter, then letters, digits and hyphens. */
export function defaultStackName(templatePath: string): string {
	const file = basename(templatePath);
	const cdk = /^(.+)\.template\.json$/.exec(file);
	const candidate = cdk ? cdk[1] : basename(dirname(templatePath));
	const name = candidate.replace(/[^A-Za-z0-9-]+/g, '-').replace(/^[^A-Za-z]+/, '').replace(/-+$/, '').slice(0, 128);
	return name === '' ? 'stratus' : name;
}

function checkUniqueNames(draft: ProjectDraft, problems: ProblemList): void {
	const groups: Array<[string, Array<{logicalId: string; name: string}>]> = [
		['function', draft.functions],
		['state machine', draft.stateMachines],
		['activity', draft.activities],
	];
	for (const [what, items] of groups) {
		const seen = new Map<string, string>();
		for (const item of items) {
			const first = seen.get(item.name);
			if (first) problems.add(childPath('Resources', item.logicalId), `${first} and ${item.logicalId} are both the ${what} named '${item.name}'`);
			else seen.set(item.name, item.logicalId);
		}
	}
}

/** Keeps the schedules whose target is a function (any qualifier) or state machine of this project. */
function matchScheduleTargets(draft: ProjectDraft): ScheduleConfig[] {
	const functionArns = new Set(draft.functions.map(fn => fn.arn));
	const stateMachineArns = new Set(draft.stateMachines.map(machine => machine.arn));
	const schedules: ScheduleConfig[] = [];
	for (const pending of draft.schedules) {
		const {target} = pending;
		const unqualified = /^(arn:[^:]+:lambda:[^:]*:[^:]*:function:[^:]+)(?::[^:]+)?$/.exec(target)?.[1];
		if (stateMachineArns.has(target) || (unqualified !== undefined && functionArns.has(unqualified))) {
			schedules.push({...pending.config, target});
		} else {
			draft.notices.push({path: pending.path, message: `schedule ${pending.config.name} targets ${target}, which is not a function or state machine of this template; it does not run`});
		}
	}
	return schedules;
}

function applyInvokeConfigs(draft: ProjectDraft): void {
	for (const pending of draft.invokeConfigs) {
		const fn = draft.functions.find(candidate => candidate.name === pending.functionName);
		if (fn) fn.eventInvokeConfig = {...fn.eventInvokeConfig, ...pending.config};
		else draft.notices.push({path: pending.path, message: `the invoke settings are for ${pending.functionName}, which is not a function of this template`});
	}
}

function noticeForeignLayers(draft: ProjectDraft): void {
	const local = new Set(draft.layers.map(layer => layer.arn));
	for (const fn of draft.functions) {
		for (const layer of fn.layers) {
			if (local.has(layer)) continue;
			draft.notices.push({
				path: childPath(childPath(childPath('Resources', fn.logicalId), 'Properties'), 'Layers'),
				message: `layer ${layer} is not part of this template, so its content is not available to ${fn.name} locally`,
			});
		}
	}
}
