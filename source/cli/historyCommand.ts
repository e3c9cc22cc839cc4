/** `stratus history EXECUTION`: the event history as GetExecutionHistory returns it. */
import type {Argv} from 'yargs';
import {storedHistory} from '../engine/queries.js';
import {BadInput} from '../workspace/badInput.js';
import {openWorkspace} from '../workspace/workspace.js';
import {printJson, workspaceOptions, type GlobalArgs} from './globalOptions.js';
import {renderHistory} from './render.js';

interface HistoryArgs extends GlobalArgs {
	execution: string;
	json?: boolean;
}

export function historyCommand(yargs: Argv): void {
	yargs.command<HistoryArgs>(
		'history <execution>',
		'Show the event history of an execution (ARN or name)',
		y => y.positional('execution', {type: 'string', demandOption: true}).option('json', {type: 'boolean'}) as Argv<HistoryArgs>,
		async args => {
			const workspace = openWorkspace(workspaceOptions(args));
			try {
				const events = storedHistory(workspace.store, args.execution);
				if (!events) throw new BadInput(`execution '${args.execution}' does not exist`);
				if (args.json) printJson(events);
				else process.stdout.write(renderHistory(events) + '\n');
			} finally {
				await workspace.close();
			}
		},
	);
}
