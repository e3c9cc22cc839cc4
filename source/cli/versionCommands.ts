/**
 * Versions and aliases from the shell: `stratus publish-version`, `stratus versions`
 * and `stratus alias` (create or update one alias, `--list`, `--delete`).
 *
 * `--json` prints what the Lambda API returns, in its field names: PublishVersion's
 * {FunctionName, FunctionArn, Version, Description, CodeSha256, LastModified} and
 * an AliasConfiguration {AliasArn, Name, FunctionVersion, Description, RoutingConfig}.
 *
 * The template's own versions and aliases (AWS::Lambda::Version/Alias, SAM's
 * AutoPublishAlias) are brought up to date first, as at a function's first invoke:
 * what `--list` shows is what an invoke would route through.
 */
import type {Argv} from 'yargs';
import type {AliasInfo, FunctionVersionInfo} from '../functions/index.js';
import {functionArn, parseFunctionName} from '../functions/functionName.js';
import {LambdaErrorCode, LambdaServiceError} from '../functions/lambdaServiceError.js';
import {BadInput} from '../workspace/badInput.js';
import {readJsonOption} from '../workspace/readInput.js';
import {openWorkspace, type Workspace} from '../workspace/workspace.js';
import {printJson, workspaceOptions, type GlobalArgs} from './globalOptions.js';
import {withLambda} from './invokeCommand.js';
import {renderTable} from './render.js';

interface PublishArgs extends GlobalArgs {
	function: string;
	description?: string;
	json?: boolean;
}

interface AliasArgs extends GlobalArgs {
	function: string;
	name?: string;
	version?: string;
	weights?: string;
	description?: string;
	list?: boolean;
	delete?: boolean;
	json?: boolean;
}

export function versionCommands(yargs: Argv): void {
	yargs.command<PublishArgs>(
		'publish-version <function>',
		"Freeze the function's current code and configuration as its next version (an unchanged function returns its latest)",
		y =>
			y
				.positional('function', {type: 'string', demandOption: true, describe: 'function name or ARN'})
				.option('description', {type: 'string', describe: 'the version description'})
				.option('json', {type: 'boolean', describe: "print PublishVersion's response"}) as Argv<PublishArgs>,
		async args =>
			lambda(args, workspace => {
				const name = syncedName(workspace, args.function);
				const version = workspace.functions().publishVersion(name, args.description ?? '');
				const out = versionJson(workspace, version);
				if (args.json) printJson(out);
				else process.stdout.write(`published ${version.functionName} version ${version.version}  ${out.FunctionArn}\n`);
			}),
	);
	yargs.command<PublishArgs>(
		'versions <function>',
		"List the function's published versions, oldest first",
		y =>
			y
				.positional('function', {type: 'string', demandOption: true, describe: 'function name or ARN'})
				.option('json', {type: 'boolean', describe: 'print an array of versions'}) as Argv<PublishArgs>,
		async args =>
			lambda(args, workspace => {
				const name = syncedName(workspace, args.function);
				const out = workspace.functions().listVersions(name).map(v => versionJson(workspace, v));
				if (args.json) printJson(out);
				else process.stdout.write(renderTable(out, ['Version', 'LastModified', 'CodeSha256', 'Description']));
			}),
	);
	yargs.command<AliasArgs>(
		'alias <function> [name]',
		'Create or update an alias (--version, --weights for weighted routing), list (--list) or delete (--delete) aliases',
		y =>
			y
				.positional('function', {type: 'string', demandOption: true, describe: 'function name or ARN'})
				.positional('name', {type: 'string', describe: 'the alias name'})
				.option('version', {type: 'string', describe: 'the version the alias points to (required to create one)'})
				.option('weights', {type: 'string', describe: `routing to one more version, e.g. '{"2":0.1}'; '{}' removes it`})
				.option('description', {type: 'string', describe: 'the alias description'})
				.option('list', {type: 'boolean', describe: "list the function's aliases"})
				.option('delete', {type: 'boolean', describe: 'delete the alias'})
				.option('json', {type: 'boolean', describe: 'print the AliasConfiguration (an array with --list)'})
				.conflicts('list', 'delete') as Argv<AliasArgs>,
		async args => {
			if (!args.list && args.name === undefined) throw new BadInput('alias: give an alias NAME, or --list');
			const weights = parseWeights(args.weights);
			await lambda(args, workspace => {
				const functions = workspace.functions();
				const name = syncedName(workspace, args.function);
				if (args.list) {
					const out = functions.listAliases(name).map(aliasJson);
					if (args.json) printJson(out);
					else process.stdout.write(renderTable(out.map(a => ({...a, Routing: routingText(a)})), ['Name', 'FunctionVersion', 'Routing', 'Description']));
					return;
				}
				const aliasName = args.name!;
				if (args.delete) {
					functions.getAlias(name, aliasName);
					functions.deleteAlias(name, aliasName);
					if (args.json) printJson({});
					else process.stdout.write(`deleted alias ${aliasName} of ${name}\n`);
					return;
				}
				const existing = findAlias(workspace, name, aliasName);
				let alias: AliasInfo;
				if (existing) {
					alias = functions.updateAlias({
						functionName: name,
						name: aliasName,
						functionVersion: args.version,
						description: args.description,
						additionalVersionWeights: weights,
					});
				} else {
					if (args.version === undefined) throw new BadInput(`--version: required to create the alias ${aliasName} (it does not exist yet)`);
					alias = functions.createAlias({
						functionName: name,
						name: aliasName,
						functionVersion: args.version,
						description: args.description,
						additionalVersionWeights: weights,
					});
				}
				const out = aliasJson(alias);
				if (args.json) printJson(out);
				else process.stdout.write(`${existing ? 'updated' : 'created'} alias ${alias.name} -> ${routingText(out)}  ${alias.aliasArn}\n`);
			});
		},
	);
}

function lambda(args: GlobalArgs, body: (workspace: Workspace) => void): Promise<void> {
	// Version and alias commands never run functions, so this process queues nothing either.
	return withLambda(openWorkspace({...workspaceOptions(args), asyncDispatch: false}), body);
}

/**
 * The function's base name, after the template's versions and aliases are synced
 * (resolving the function does that once per process, as its first invoke would).
 */
function syncedName(workspace: Workspace, functionName: string): string {
	const ref = parseFunctionName(functionName);
	workspace.functions().functionConfig(ref.name);
	return ref.name;
}

function findAlias(workspace: Workspace, functionName: string, name: string): AliasInfo | undefined {
	try {
		return workspace.functions().getAlias(functionName, name);
	} catch (e) {
		if (e instanceof LambdaServiceError && e.code === LambdaErrorCode.ResourceNotFound) return undefined;
		throw e;
	}
}

function parseWeights(text: string | undefined): Record<string, number> | undefined {
	const value = readJsonOption(text, undefined, 'weights', undefined);
	if (value === undefined) return undefined;
	if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new BadInput(`--weights: must be an object of version to weight, like '{"2":0.1}'`);
	for (const [version, weight] of Object.entries(value)) {
		if (typeof weight !== 'number') throw new BadInput(`--weights: the weight of version ${version} must be a number from 0.0 to 1.0`);
	}
	return value as Record<string, number>;
}

function versionJson(workspace: Workspace, version: FunctionVersionInfo) {
	const {region, accountId} = workspace.project;
	return {
		FunctionName: version.functionName,
		FunctionArn: functionArn(region, accountId, version.functionName, version.version),
		Version: version.version,
		Description: version.description,
		CodeSha256: version.codeSha256,
		LastModified: new Date(version.createdAt).toISOString(),
	};
}

function aliasJson(alias: AliasInfo) {
	return {
		AliasArn: alias.aliasArn,
		Name: alias.name,
		FunctionVersion: alias.functionVersion,
		Description: alias.description,
		...(alias.additionalVersionWeights ? {RoutingConfig: {AdditionalVersionWeights: alias.additionalVersionWeights}} : {}),
	};
}

function routingText(alias: ReturnType<typeof aliasJson>): string {
	const weights = alias.RoutingConfig?.AdditionalVersionWeights;
	if (!weights) return alias.FunctionVersion;
	const rest = Object.entries(weights).map(([version, weight]) => `${+(weight * 100).toFixed(2)}% to ${version}`);
	return `${alias.FunctionVersion} (${rest.join(', ')})`;
}
