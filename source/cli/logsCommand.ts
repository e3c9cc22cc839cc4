/**
 * `stratus logs FUNCTION [--follow]`: the function's log as CloudWatch keeps it, one
 * invocation after another (init output, START, what the handler printed, END,
 * REPORT), newest invocations last. The log group is the function's, so every
 * version and alias shows; a `name:qualifier` is accepted and the qualifier ignored.
 *
 * `--follow` polls the database for invocations recorded since (by this or any other
 * stratus process) until interrupted. `--json` prints one array of
 * `{requestId, startTime, lines}`; with `--follow` it prints one such object per
 * line (JSON Lines) as invocations arrive, since a stream has no single value.
 */
import type {Argv} from 'yargs';
import {functionLogs, type LogChunk} from '../functions/index.js';
import {parseFunctionName} from '../functions/functionName.js';
import {functionNotFound} from '../functions/lambdaServiceError.js';
import {BadInput} from '../workspace/badInput.js';
import {openWorkspace} from '../workspace/workspace.js';
import {workspaceOptions, printJson, type GlobalArgs} from './globalOptions.js';
import {withLambda} from './invokeCommand.js';

interface LogsArgs extends GlobalArgs {
	function: string;
	follow?: boolean;
	limit?: number;
	'poll-ms'?: number;
	json?: boolean;
}

export function logsCommand(yargs: Argv): void {
	yargs.command<LogsArgs>(
		'logs <function>',
		"Print a function's log lines (START, handler output, END, REPORT), newest invocations last",
		y =>
			y
				.positional('function', {type: 'string', demandOption: true, describe: 'function name or ARN'})
				.option('follow', {type: 'boolean', alias: 'f', describe: 'keep printing new invocations until interrupted'})
				.option('limit', {type: 'number', default: 100, describe: 'show the last N invocations'})
				.option('poll-ms', {type: 'number', default: 250, hidden: true})
				.option('json', {type: 'boolean', describe: 'an array of {requestId, startTime, lines}; with --follow, one object per line'}) as Argv<LogsArgs>,
		async args => {
			const limit = args.limit ?? 100;
			if (!Number.isInteger(limit) || limit < 1) throw new BadInput(`--limit: must be a positive integer, not ${args.limit}`);
			await withLambda(openWorkspace(workspaceOptions(args)), async workspace => {
				const ref = parseFunctionName(args.function);
				const project = workspace.project;
				if (!project.functions.some(fn => fn.name === ref.name)) {
					throw functionNotFound(`arn:aws:lambda:${ref.region ?? project.region}:${ref.accountId ?? project.accountId}:function:${ref.name}`);
				}
				const chunks = functionLogs(workspace.db, ref.name, {limit});
				if (!args.follow) {
					if (args.json) printJson(chunks.map(jsonChunk));
					else for (const chunk of chunks) printLines(chunk);
					return;
				}
				const print = (chunk: LogChunk) => (args.json ? printJson(jsonChunk(chunk)) : printLines(chunk));
				chunks.forEach(print);
				// No rows yet means none for this function at all: follow from the first.
				let afterId = chunks.length > 0 ? chunks[chunks.length - 1].id : 0;
				await new Promise<void>(resolve => {
					let timer: NodeJS.Timeout | undefined;
					const stop = () => {
						clearTimeout(timer);
						resolve();
					};
					process.once('SIGINT', stop);
					process.once('SIGTERM', stop);
					const poll = () => {
						for (const chunk of functionLogs(workspace.db, ref.name, {afterId})) {
							print(chunk);
							afterId = chunk.id;
						}
						timer = setTimeout(poll, args['poll-ms'] ?? 250);
					};
					poll();
				});
			});
		},
	);
}

function jsonChunk(chunk: LogChunk): Record<string, unknown> {
	return {requestId: chunk.requestId, startTime: new Date(chunk.startTime).toISOString(), lines: chunk.lines};
}

function printLines(chunk: LogChunk): void {
	if (chunk.lines.length > 0) process.stdout.write(chunk.lines.join('\n') + '\n');
}
