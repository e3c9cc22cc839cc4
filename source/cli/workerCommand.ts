/**
 * `stratus worker ACTIVITY --exec CMD`: an activity worker made of a shell command.
 * It polls like GetActivityTask, runs the command once per task with the task
 * input on stdin (and the token in STRATUS_TASK_TOKEN), sends heartbeats while it
 * runs, and answers with its stdout (success) or its exit status (failure).
 */
import {spawn} from 'node:child_process';
import {hostname} from 'node:os';
import type {Argv} from 'yargs';
import {sendTaskFailure, sendTaskHeartbeat, sendTaskSuccess, TaskAnswerError} from '../engine/taskAnswers.js';
import type {TaskTokenRow} from '../store/taskTokens.js';
import {BadInput} from '../workspace/badInput.js';
import {openWorkspace, type Workspace} from '../workspace/workspace.js';
import {workspaceOptions, type GlobalArgs} from './globalOptions.js';

interface WorkerArgs extends GlobalArgs {
	activity: string;
	exec: string;
	name?: string;
	'max-tasks'?: number;
}

const POLL_MS = 200;

export function workerCommand(yargs: Argv): void {
	yargs.command<WorkerArgs>(
		'worker <activity>',
		'Work an activity: run a command for every task it gets',
		y =>
			y
				.positional('activity', {type: 'string', demandOption: true, describe: 'activity name or ARN'})
				.option('exec', {type: 'string', demandOption: true, describe: 'shell command; task input on stdin, output JSON on stdout'})
				.option('name', {type: 'string', describe: 'worker name (default host:pid)'})
				.option('max-tasks', {type: 'number', describe: 'exit after this many tasks'}) as Argv<WorkerArgs>,
		async args => {
			const workspace = openWorkspace(workspaceOptions(args));
			const activityArn = resolveActivity(workspace, args.activity);
			const workerName = args.name ?? `${hostname()}:${process.pid}`;
			let stopping = false;
			process.once('SIGINT', () => (stopping = true));
			process.once('SIGTERM', () => (stopping = true));
			let done = 0;
			try {
				while (!stopping && (args['max-tasks'] === undefined || done < args['max-tasks'])) {
					const task = workspace.tokens.claim(activityArn, workerName, Date.now());
					if (!task) {
						await new Promise(resolve => setTimeout(resolve, POLL_MS));
						continue;
					}
					await work(workspace, task, args.exec);
					done++;
				}
			} finally {
				await workspace.close();
			}
		},
	);
}

function resolveActivity(workspace: Workspace, ref: string): string {
	if (ref.startsWith('arn:')) return ref;
	const declared = workspace.project.activities.find(a => a.name === ref || a.logicalId === ref);
	if (declared) return declared.arn;
	const known = workspace.tokens.activities().find(a => a.name === ref);
	if (known) return known.arn;
	// Activities are created on first use, so a worker may well start before its first task exists.
	if (!/^[A-Za-z0-9_-]{1,80}$/.test(ref)) throw new BadInput(`activity: '${ref}' is neither an ARN nor a valid activity name`);
	return `arn:aws:states:${workspace.project.region}:${workspace.project.accountId}:activity:${ref}`;
}

async function work(workspace: Workspace, task: TaskTokenRow, command: string): Promise<void> {
	const heartbeatMs = task.heartbeatSeconds ? Math.max(200, (task.heartbeatSeconds * 1000) / 3) : undefined;
	const child = spawn('/bin/sh', ['-c', command], {
		stdio: ['pipe', 'pipe', 'pipe'],
		env: {...process.env, STRATUS_TASK_TOKEN: task.token, STRATUS_ACTIVITY_ARN: task.activityArn ?? '', STRATUS_EXECUTION_ARN: task.executionArn},
	});
	const stdout: Buffer[] = [];
	const stderr: Buffer[] = [];
	child.stdout.on('data', chunk => stdout.push(chunk));
	child.stderr.on('data', chunk => stderr.push(chunk));
	// A command may not read its input at all; its closed stdin is no error.
	child.stdin.on('error', () => {});
	child.stdin.end(task.input);
	const beat = heartbeatMs ? setInterval(() => ignoreGone(() => sendTaskHeartbeat(workspace.tokens, task.token)), heartbeatMs) : undefined;
	const code = await new Promise<number>(resolve => child.on('close', status => resolve(status ?? 1)));
	if (beat) clearInterval(beat);
	const out = Buffer.concat(stdout).toString('utf8').trim();
	if (code === 0) {
		ignoreGone(() => sendTaskSuccess(workspace.tokens, task.token, isJson(out) ? out : JSON.stringify(out)));
	} else {
		const cause = Buffer.concat(stderr).toString('utf8').trim().slice(-4000) || `exit status ${code}`;
		ignoreGone(() => sendTaskFailure(workspace.tokens, task.token, 'WorkerCommandFailed', cause));
	}
}

/** The task may have timed out or been stopped meanwhile; a worker then just moves on. */
function ignoreGone(send: () => void): void {
	try {
		send();
	} catch (e) {
		if (!(e instanceof TaskAnswerError)) throw e;
	}
}

function isJson(text: string): boolean {
	if (text === '') return false;
	try {
		JSON.parse(text);
		return true;
	} catch {
		return false;
	}
}
