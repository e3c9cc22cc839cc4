import {test} from 'node:test';
import assert from 'node:assert/strict';
import {sampleBackend} from '../../source/tui/sampleWorkbench.js';
import {focusedPane, keys, renderWorkbench} from './workbenchHarness.js';

const now = Date.UTC(2025, 0, 16, 10, 0, 0);
const clock = () => now;

test('a approves the selected task with the typed output after a confirmation naming it', async () => {
	const backend = sampleBackend({executions: 30, now});
	const task = backend.data.tasks[0];
	const wb = await renderWorkbench(backend, {clock});
	try {
		await wb.press('5');
		await wb.waitFor(f => focusedPane(f) === '5 Approvals');
		await wb.press('a');
		await wb.waitFor('Output JSON');
		await wb.press('{"approved": tru');
		await wb.press(keys.enter);
		await wb.waitFor('not valid JSON');
		await wb.press('e', '}', keys.enter);
		const confirm = await wb.waitFor('Approve WaitForApproval of orderworkflow-00029');
		assert.match(confirm, /with \{"approved":true\}\? \(y\/n\)/);
		assert.deepEqual(backend.calls, [], 'nothing happens before the confirmation');
		await wb.press('y');
		const frame = await wb.waitFor('approved WaitForApproval');
		assert.deepEqual(backend.calls, [{action: 'approve', args: [task.taskToken, '{"approved":true}']}]);
		await wb.waitFor('nothing waiting for approval');
		assert.match(frame, /Approvals/);
	} finally {
		wb.unmount();
	}
});

test('r rejects with an error and a cause; the execution fails with them', async () => {
	const backend = sampleBackend({executions: 30, now});
	const task = backend.data.tasks[0];
	const wb = await renderWorkbench(backend, {clock});
	try {
		await wb.press('5', 'r');
		await wb.waitFor('Error (the name a Catch matches)');
		await wb.press(keys.ctrlU, 'Denied', keys.enter);
		await wb.waitFor('Cause');
		await wb.press('over budget', keys.enter);
		await wb.waitFor('Reject WaitForApproval of orderworkflow-00029');
		await wb.press('y');
		await wb.waitFor('rejected WaitForApproval');
		assert.deepEqual(backend.calls, [{action: 'reject', args: [task.taskToken, 'Denied', 'over budget']}]);
		assert.equal(backend.execution(task.executionArn)?.status, 'FAILED');
		assert.equal(backend.execution(task.executionArn)?.error, 'Denied');
	} finally {
		wb.unmount();
	}
});

test('Esc or n at the confirmation cancels without calling the backend', async () => {
	const backend = sampleBackend({executions: 30, now});
	const wb = await renderWorkbench(backend, {clock});
	try {
		await wb.press('5', 'a', keys.enter);
		await wb.waitFor('(y/n)');
		await wb.press('n');
		await wb.waitFor(f => !f.includes('(y/n)'));
		await wb.press('a');
		await wb.waitFor('Output JSON');
		await wb.press(keys.escape);
		await wb.waitFor(f => !f.includes('Output JSON'));
		assert.deepEqual(backend.calls, []);
		assert.equal(backend.pendingTasks().length, 1);
	} finally {
		wb.unmount();
	}
});

test('n starts an execution of the machine with the input typed, s stops the selected running one', async () => {
	const backend = sampleBackend({executions: 10, now});
	const wb = await renderWorkbench(backend, {clock});
	try {
		await wb.press('n');
		await wb.waitFor('New execution of OrderWorkflow');
		await wb.press(keys.ctrlU, '{"orderId": "o-99"}', keys.enter);
		await wb.waitFor(/started OrderWorkflow:/);
		const started = backend.calls[0];
		assert.deepEqual(started, {action: 'startExecution', args: ['OrderWorkflow', '{"orderId":"o-99"}']});
		// The new execution is selected: stop it.
		await wb.waitFor(/● [0-9a-f-]{36} · Running/);
		await wb.press('s');
		const confirm = await wb.waitFor('(y/n)');
		const arn = backend.data.executions[0].executionArn;
		assert.match(confirm, new RegExp(`Stop OrderWorkflow execution ${backend.data.executions[0].name}`));
		await wb.press('y');
		await wb.waitFor(/⊘ [0-9a-f-]{36} · Aborted/);
		assert.deepEqual(backend.calls[1], {action: 'stopExecution', args: [arn, '', '']});
		// A finished execution cannot be stopped.
		await wb.press('j', 's');
		await wb.waitFor('not running');
		assert.equal(backend.calls.length, 2);
	} finally {
		wb.unmount();
	}
});

test('h/l switch the executions list between machines and all of them', async () => {
	const backend = sampleBackend({executions: 10, now});
	const wb = await renderWorkbench(backend, {clock});
	try {
		await wb.press('l');
		let frame = await wb.waitFor('◂ ThumbnailBatch ▸');
		assert.match(frame, /thumbnailbatch-00006/);
		assert.doesNotMatch(frame, /orderworkflow-000/);
		await wb.press('l');
		frame = await wb.waitFor('◂ All state machines ▸');
		assert.match(frame, /Executions · 10 /);
		await wb.press('l');
		await wb.waitFor('◂ OrderWorkflow ▸');
	} finally {
		wb.unmount();
	}
});

test('Enter on a waiting task opens its execution in the graph with the waiting state selected', async () => {
	const backend = sampleBackend({executions: 30, now});
	const wb = await renderWorkbench(backend, {clock});
	try {
		await wb.press('5', keys.enter);
		const frame = await wb.waitFor(f => focusedPane(f) === '3 Graph' && f.includes('orderworkflow-00029 · Running'));
		await wb.waitFor(/▸ WaitForApproval Task ⧗ Waiting/);
		assert.match(wb.lastFrame(), /│ ⧗ WaitForApproval/, 'scrolled into view');
		assert.match(frame, /orderworkflow-00029/);
	} finally {
		wb.unmount();
	}
});
