/** `stratus run MACHINE|FILE`: one execution, in-process, to its end. */
import type {Argv} from 'yargs';
import {toAwsEvent} from '../engine/historyEvent.js';
import {BadInput} from '../workspace/badInput.js';
import {readJsonOption} from '../workspace/readInput.js';
import {resolveMachine} from '../workspace/resolveMachine.js';
import {openWorkspace} from '../workspace/workspace.js';
import {printJson, workspaceOptions, type GlobalArgs} from './globalOptions.js';
import {renderExecutionResult} from './render.js';
import {assertNameFree} from './executionName.js';

interface RunArgs extends GlobalArgs {
	machine: string;
	input?: string;
	'input-file'?: string;
	'time-skip'?: boolean;
	history?: boolean;
	express?: boolean;
	name?: string;
	json?: boolean;
	'mock-config'?: string;
	'test-case'?: string;
}

export function runCommand(yargs: Argv): void {
	yargs.command<RunArgs>(
		'run <machine>',
		'Run one execution of a state machine (by name) or a definition file, to its end',
		y =>
			y
				.positional('machine', {type: 'string', demandOption: true, describe: 'state machine name, logical id, ARN, or a definition file'})
				.option('input', {type: 'string', describe: 'execution input (JSON)'})
				.option('input-file', {type: 'string', describe: 'file holding the execution input'})
				.option('time-skip', {type: 'boolean', describe: 'run Waits and retry back-off in virtual time'})
				.option('history', {type: 'boolean', describe: 'include the event history'})
				.option('express', {type: 'boolean', describe: 'run as an EXPRESS machine (no stored history)'})
				.option('name', {type: 'string', describe: 'execution name (default: a UUID)'})
				.option('mock-config', {type: 'string', describe: 'Step Functions Local mock config (default $SFN_MOCK_CONFIG)'})
				.option('test-case', {type: 'string', describe: 'the mock config test case that answers mocked states'})
				.option('json', {type: 'boolean', describe: 'print one JSON object'}) as Argv<RunArgs>,
		async args => {
			const input = readJsonOption(args.input, args['input-file'], 'input');
			const workspace = openWorkspace({...workspaceOptions(args), timeSkip: args['time-skip'], mockConfig: args['mock-config']});
			try {
				const machine = resolveMachine(workspace.project, args.machine, {express: args.express});
				// Known from now on, so a nested states:startExecution can start it by ARN.
				workspace.store.upsertStateMachine({arn: machine.arn, name: machine.name, type: machine.type, definition: JSON.stringify(machine.definition)}, Date.now());
				const testCase = args['test-case'];
				if (testCase !== undefined) {
					const known = workspace.engine.options.mocks?.testCases(machine.name) ?? [];
					if (!known.includes(testCase)) {
						throw new BadInput(`--test-case: '${testCase}' is not a test case of ${machine.name} in the mock config (known: ${known.join(', ') || 'none'})`);
					}
				}
				assertNameFree(workspace, machine, args.name);
				const result = await workspace.engine.run(machine, input, {name: args.name, keepHistory: args.history, testCase});
				const summary: Record<string, unknown> = {
					executionArn: result.executionArn,
					status: result.status,
					output: result.output,
					error: result.error,
					cause: result.cause,
				};
				if (args.history) summary.events = (result.events ?? []).map(toAwsEvent);
				if (args.json) printJson(summary);
				else process.stdout.write(renderExecutionResult(summary));
				process.exitCode = result.status === 'SUCCEEDED' ? 0 : 1;
			} finally {
				await workspace.close();
			}
		},
	);
}
