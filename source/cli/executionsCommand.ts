/** `stratus executions`: stored executions, newest first. */
import type {Argv} from 'yargs';
import {openWorkspace} from '../workspace/workspace.js';
import {printJson, workspaceOptions, type GlobalArgs} from './globalOptions.js';
import {renderTable} from './render.js';

interface ExecutionsArgs extends GlobalArgs {
	machine?: string;
	status?: string;
	limit?: number;
	json?: boolean;
}

const statuses = ['RUNNING', 'SUCCEEDED', 'FAILED', 'TIMED_OUT', 'ABORTED'];

export function executionsCommand(yargs: Argv): void {
	yargs.command<ExecutionsArgs>(
		'executions',
		'List executions, newest first',
		y =>
			y
				.option('machine', {type: 'string', describe: 'only this state machine (name or ARN)'})
				.option('status', {type: 'string', choices: statuses, describe: 'only executions with this status'})
				.option('limit', {type: 'number', describe: 'at most this many'})
				.option('json', {type: 'boolean'}) as Argv<ExecutionsArgs>,
		async args => {
			const workspace = openWorkspace(workspaceOptions(args));
			try {
				const machine = args.machine;
				const rows = workspace.store
					.list({status: args.status, limit: args.limit})
					.filter(r => !machine || r.stateMachineArn === machine || r.stateMachineArn.endsWith(`:stateMachine:${machine}`));
				const out = rows.map(r => ({
					executionArn: r.arn,
					name: r.name,
					stateMachineArn: r.stateMachineArn,
					status: r.status,
					startDate: new Date(r.startDate).toISOString(),
					stopDate: r.stopDate === null ? null : new Date(r.stopDate).toISOString(),
				}));
				if (args.json) printJson(out);
				else process.stdout.write(renderTable(out.map(r => ({...r, machine: r.stateMachineArn.split(':').pop()})), ['status', 'machine', 'name', 'startDate', 'stopDate']));
			} finally {
				await workspace.close();
			}
		},
	);
}
