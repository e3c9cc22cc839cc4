/**
 * The workbench in a real terminal, driven as a person would through tmux: start
 * the approval workflow from the command palette, approve it by keypress, watch
 * the graph turn green, and find the execution SUCCEEDED from a second process.
 */
import assert from 'node:assert/strict';
import {execFileSync, spawnSync} from 'node:child_process';
import {join} from 'node:path';
import {after, test} from 'node:test';
import {cliPath, json, repoRoot, stratus, tempDir, waitFor} from '../helpers/cli.js';

const hasTmux = spawnSync('tmux', ['-V']).status === 0;
const session = `stratus-e2e-${process.pid}`;
const tmux = (...args: string[]) => execFileSync('tmux', args, {encoding: 'utf8'});
const screen = () => tmux('capture-pane', '-p', '-t', session);
/** A dialog listens only once its input effect has run, a moment after it is drawn. */
const settle = () => new Promise(resolve => setTimeout(resolve, 300));

after(() => {
	if (hasTmux) spawnSync('tmux', ['kill-session', '-t', session]);
});

test('approve a waiting task by keypress in the workbench', {skip: hasTmux ? false : 'tmux is not installed'}, async () => {
	const db = join(tempDir(), 'stratus.db');
	const template = join(repoRoot, 'fixtures', 'demo', 'template.yaml');
	tmux('new-session', '-d', '-s', session, '-x', '160', '-y', '48', `${process.execPath} ${cliPath} --template ${template} --db ${db}`);
	await waitFor(() => screen().includes('1 Functions'), 60_000, 'the workbench to draw');

	const input = {requestId: 'REQ-42', summary: 'laptops', amount: 4200, requestedBy: 'ada@example.com', approver: 'manager@example.com'};
	// A key sent before the workbench listens is lost: press ':' again only if the palette did not open.
	await settle();
	for (let attempt = 0; !screen().includes('⇥ complete'); attempt++) {
		assert.ok(attempt < 10, 'the command palette opens');
		tmux('send-keys', '-t', session, ':');
		await waitFor(() => screen().includes('⇥ complete') || undefined, 1_000, 'the palette').catch(() => undefined);
	}
	await settle();
	tmux('send-keys', '-t', session, '-l', `run ActivityApprovalWorkflow ${JSON.stringify(input)}`);
	tmux('send-keys', '-t', session, 'Enter');
	await waitFor(() => screen().includes('started ActivityApprovalWorkflow'), 10_000, 'the execution to start').catch(e => {
		throw new Error(`${e.message}; the screen:\n${screen()}`);
	});
	await waitFor(() => /1 waiting/.test(screen()), 20_000, 'the task to wait for approval');
	assert.match(screen(), /⧗ WaitForAppr/, 'the graph marks the state waiting for approval');

	tmux('send-keys', '-t', session, '5');
	await waitFor(() => screen().includes('┏━ 5 Approvals'), 5_000, 'the approvals pane to take focus');
	await settle();
	tmux('send-keys', '-t', session, 'a');
	await waitFor(() => screen().includes('Approve (SendTaskSuccess)'), 5_000, 'the approve dialog');
	await settle();
	tmux('send-keys', '-t', session, '-l', '{"approved":true,"reviewer":"e2e"}');
	tmux('send-keys', '-t', session, 'Enter');
	await waitFor(() => /\(y\/n\)/.test(screen()), 5_000, 'the confirmation naming the target');
	assert.match(screen(), /Approve WaitForApproval of/);
	await settle();
	tmux('send-keys', '-t', session, 'y');

	await waitFor(() => /✓ Approved/.test(screen()), 20_000, 'the graph to turn green');
	assert.match(screen(), /✓ WaitForAppr/);
	const executions = json<Array<{stateMachineArn: string; status: string}>>(stratus(['executions', '--db', db, '--json']));
	assert.equal(executions.length, 1);
	assert.equal(executions[0].status, 'SUCCEEDED');

	tmux('send-keys', '-t', session, 'q');
	await waitFor(() => spawnSync('tmux', ['has-session', '-t', session]).status !== 0 || !screen().includes('1 Functions'), 10_000, 'the workbench to quit');
});
