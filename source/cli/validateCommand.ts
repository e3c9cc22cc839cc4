/**
 * `stratus validate [FILE]`: a definition file, or the template with every state
 * machine in it. Problems print one a line with their pointer or resource path;
 * any problem exits 2.
 */
import {existsSync, readFileSync} from 'node:fs';
import type {Argv} from 'yargs';
import {formatProblem, parseDefinition, validateDefinition} from '../asl/validate/index.js';
import {validateTemplate} from '../project/loadProject.js';
import {BadInput} from '../workspace/badInput.js';
import {loadWorkspaceProject} from '../workspace/workspace.js';
import {resolvePaths} from '../workspace/paths.js';
import {printJson, workspaceOptions, type GlobalArgs} from './globalOptions.js';

interface ValidateArgs extends GlobalArgs {
	file?: string;
	json?: boolean;
}

export function validateCommand(yargs: Argv): void {
	yargs.command<ValidateArgs>(
		'validate [file]',
		'Validate a state machine definition file, or the template and its state machines',
		y => y.positional('file', {type: 'string'}).option('json', {type: 'boolean'}) as Argv<ValidateArgs>,
		async args => {
			const problems = args.file ? definitionProblems(args.file) : templateProblems(args);
			if (args.json) printJson({valid: problems.length === 0, problems});
			if (problems.length > 0) {
				if (!args.json) for (const p of problems.slice(1)) process.stderr.write(`stratus: ${p}\n`);
				throw new BadInput(problems[0]);
			}
			if (!args.json) process.stdout.write(`${args.file ?? 'template'}: valid\n`);
		},
	);
}

function definitionProblems(file: string): string[] {
	if (!existsSync(file)) throw new BadInput(`${file}: no such file`);
	const {problems} = parseDefinition(readFileSync(file, 'utf8'));
	return problems.map(p => `${file}: ${formatProblem(p)}`);
}

function templateProblems(args: ValidateArgs): string[] {
	const paths = resolvePaths(workspaceOptions(args), true);
	if (!existsSync(paths.template!)) throw new BadInput(`--template: no such file ${paths.template}`);
	const found = validateTemplate(paths.template!, {parameterOverrides: workspaceOptions(args).parameterOverrides}).map(
		p => `${paths.template}: ${p.path}: ${p.message}`,
	);
	if (found.length > 0) return found;
	const {project} = loadWorkspaceProject({...workspaceOptions(args), requireTemplate: true});
	return project.stateMachines.flatMap(m =>
		validateDefinition(m.definition).map(p => `${paths.template}: Resources/${m.logicalId}/Properties/Definition${p.pointer}: ${p.message}`),
	);
}
