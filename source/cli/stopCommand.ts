/**
 * `stratus stop EXECUTION`: ABORTED with ExecutionAborted. The engine running it
 * (in another process) is asked through the database; an execution no live
 * engine runs is aborted right here.
 */
import type {Argv} from 'yargs';
import {EngineService} from '../engine/engineService.js';
import {findExecution} from '../engine/queries.js';
import {BadInput} from '../workspace/badInput.js';
import {openWorkspace} from '../workspace/workspace.js';
import {printJson, workspaceOptions, type GlobalArgs} from './globalOptions.js';

interface StopArgs extends GlobalArgs {
	execution: string;
	error?: string;
	cause?: string;
	json?: boolean;
}

const WAIT_FOR_OWNER_MS = 10_000;

export function stopCommand(yargs: Argv): void {
	yargs.command<StopArgs>(
		'stop <execution>',
		'Stop a running execution (StopExecution)',
		y =>
			y
				.positional('execution', {type: 'string', demandOption: true, describe: 'execution ARN or name'})
				.option('error', {type: 'string'})
				.option('cause', {type: 'string'})
				.option('json', {type: 'boolean'}) as Argv<StopArgs>,
		async args => {
			const workspace = openWorkspace(workspaceOptions(args));
			try {
				const row = findExecution(workspace.store, args.execution);
				if (!row) throw new BadInput(`ExecutionDoesNotExist: execution '${args.execution}' does not exist`);
				const request = {error: args.error, cause: args.cause};
				if (row.status === 'RUNNING') {
					const service = new EngineService(workspace.engine, workspace.store);
					if (service.ownedElsewhere(row)) {
						workspace.store.requestStop(row.id, request);
						const deadline = Date.now() + WAIT_FOR_OWNER_MS;
						while (workspace.store.get(row.arn)?.status === 'RUNNING' && Date.now() < deadline) {
							await new Promise(resolve => setTimeout(resolve, 50));
						}
					} else if (workspace.store.claim(row.id, workspace.engine.owner, row.owner, Date.now())) {
						await workspace.engine.resume(row, request);
					}
				}
				const after = workspace.store.get(row.arn)!;
				const stopDate = after.stopDate === null ? null : new Date(after.stopDate).toISOString();
				if (args.json) printJson({executionArn: after.arn, status: after.status, stopDate});
				else process.stdout.write(`${after.status}  ${after.arn}\n`);
			} finally {
				await workspace.close();
			}
		},
	);
}
