/** `stratus start MACHINE|FILE`: queues an execution for the running engine and returns its ARN at once. */
import type {Argv} from 'yargs';
import {readJsonOption} from '../workspace/readInput.js';
import {resolveMachine} from '../workspace/resolveMachine.js';
import {openWorkspace} from '../workspace/workspace.js';
import {printJson, workspaceOptions, type GlobalArgs} from './globalOptions.js';
import {assertNameFree} from './executionName.js';

interface StartArgs extends GlobalArgs {
	machine: string;
	input?: string;
	'input-file'?: string;
	name?: string;
	express?: boolean;
	json?: boolean;
}

export function startCommand(yargs: Argv): void {
	yargs.command<StartArgs>(
		'start <machine>',
		'Queue an execution for the running engine (stratus serve or the workbench) and print its ARN',
		y =>
			y
				.positional('machine', {type: 'string', demandOption: true, describe: 'state machine name, logical id, ARN, or a definition file'})
				.option('input', {type: 'string', describe: 'execution input (JSON)'})
				.option('input-file', {type: 'string', describe: 'file holding the execution input'})
				.option('name', {type: 'string', describe: 'execution name (default: a UUID)'})
				.option('express', {type: 'boolean', describe: 'run as an EXPRESS machine'})
				.option('json', {type: 'boolean'}) as Argv<StartArgs>,
		async args => {
			const input = readJsonOption(args.input, args['input-file'], 'input');
			const workspace = openWorkspace(workspaceOptions(args));
			try {
				const machine = resolveMachine(workspace.project, args.machine, {express: args.express});
				// Known from now on, so a nested states:startExecution can start it by ARN.
				workspace.store.upsertStateMachine({arn: machine.arn, name: machine.name, type: machine.type, definition: JSON.stringify(machine.definition)}, Date.now());
				assertNameFree(workspace, machine, args.name);
				const executionArn = workspace.engine.enqueue(machine, input, {name: args.name});
				if (args.json) printJson({executionArn});
				else process.stdout.write(`${executionArn}\n`);
			} finally {
				await workspace.close();
			}
		},
	);
}
