/** `stratus tasks`, `approve`, `reject`, `heartbeat`: human approval from the shell. */
import type {Argv} from 'yargs';
import {sendTaskFailure, sendTaskHeartbeat, sendTaskSuccess, TaskAnswerError} from '../engine/taskAnswers.js';
import {BadInput} from '../workspace/badInput.js';
import {openWorkspace, type Workspace} from '../workspace/workspace.js';
import {printJson, workspaceOptions, type GlobalArgs} from './globalOptions.js';
import {renderTable} from './render.js';

interface TokenArgs extends GlobalArgs {
	token: string;
	output?: string;
	error?: string;
	cause?: string;
	json?: boolean;
}

export function taskCommands(yargs: Argv): void {
	yargs.command<GlobalArgs & {json?: boolean}>(
		'tasks',
		'List pending activity tasks and callbacks, oldest first',
		y => y.option('json', {type: 'boolean'}) as Argv<GlobalArgs & {json?: boolean}>,
		async args =>
			withWorkspace(args, workspace => {
				const rows = workspace.tokens.open().map(t => ({
					taskToken: t.token,
					activityArn: t.activityArn,
					executionArn: t.executionArn,
					stateName: t.stateName,
					input: parse(t.input),
					heartbeatDeadline: t.heartbeatDeadline === null ? null : new Date(t.heartbeatDeadline).toISOString(),
				}));
				if (args.json) printJson(rows);
				else {
					const shown = rows.map(r => ({...r, execution: r.executionArn.split(':').pop(), token: r.taskToken.slice(0, 16) + '…'}));
					process.stdout.write(renderTable(shown, ['stateName', 'execution', 'heartbeatDeadline', 'token']));
				}
			}),
	);
	yargs.command<TokenArgs>(
		'approve <token>',
		'Answer a task token with success (SendTaskSuccess)',
		y => y.positional('token', {type: 'string', demandOption: true}).option('output', {type: 'string', default: '{}', describe: 'task output (JSON)'}) as Argv<TokenArgs>,
		async args => withWorkspace(args, workspace => answer(() => sendTaskSuccess(workspace.tokens, args.token, args.output ?? '{}'), 'approved')),
	);
	yargs.command<TokenArgs>(
		'reject <token>',
		'Answer a task token with failure (SendTaskFailure)',
		y => y.positional('token', {type: 'string', demandOption: true}).option('error', {type: 'string'}).option('cause', {type: 'string'}) as Argv<TokenArgs>,
		async args => withWorkspace(args, workspace => answer(() => sendTaskFailure(workspace.tokens, args.token, args.error, args.cause), 'rejected')),
	);
	yargs.command<TokenArgs>(
		'heartbeat <token>',
		'Report that a task is still being worked on (SendTaskHeartbeat)',
		y => y.positional('token', {type: 'string', demandOption: true}) as Argv<TokenArgs>,
		async args => withWorkspace(args, workspace => answer(() => sendTaskHeartbeat(workspace.tokens, args.token), 'heartbeat sent')),
	);
}

async function withWorkspace(args: GlobalArgs, body: (workspace: Workspace) => void): Promise<void> {
	const workspace = openWorkspace(workspaceOptions(args));
	try {
		body(workspace);
	} finally {
		await workspace.close();
	}
}

function answer(send: () => void, done: string): void {
	try {
		send();
	} catch (e) {
		if (e instanceof TaskAnswerError) throw new BadInput(`${e.code}: ${e.message}`, {cause: e});
		throw e;
	}
	process.stdout.write(`${done}\n`);
}

function parse(text: string): unknown {
	try {
		return JSON.parse(text);
	} catch {
		return text;
	}
}
