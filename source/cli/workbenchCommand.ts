/** `stratus` with no command: the workbench (TUI) with the engine in-process. */
import type {Argv} from 'yargs';
import {BadInput} from '../workspace/badInput.js';
import {openWorkspace} from '../workspace/workspace.js';
import {workspaceOptions, type GlobalArgs} from './globalOptions.js';

interface WorkbenchArgs extends GlobalArgs {
	'read-only'?: boolean;
	color?: boolean;
	'time-skip'?: boolean;
}

export function workbenchCommand(yargs: Argv): void {
	yargs.command<WorkbenchArgs>(
		'$0',
		'Open the workbench: functions, executions, the live graph, approvals and schedules',
		y =>
			y
				.option('read-only', {type: 'boolean', describe: 'disable keys that change anything'})
				.option('color', {type: 'boolean', default: true, describe: 'colour (--no-color or NO_COLOR turns it off)'})
				.option('time-skip', {type: 'boolean', describe: 'run Waits and back-off in virtual time'}) as Argv<WorkbenchArgs>,
		async args => {
			if (!process.stdin.isTTY || !process.stdout.isTTY) {
				throw new BadInput('the workbench needs an interactive terminal; in scripts use the headless commands (stratus --help)');
			}
			const workspace = openWorkspace({...workspaceOptions(args), timeSkip: args['time-skip']});
			const {startWorkbench} = await import('../tui/startWorkbench.js');
			try {
				await startWorkbench({workspace, readOnly: args['read-only'], noColor: args.color === false});
			} finally {
				await workspace.close();
			}
			process.exit(0);
		},
	);
}
