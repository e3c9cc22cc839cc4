import {test} from 'node:test';
import assert from 'node:assert/strict';
import {sampleBackend} from '../../source/tui/sampleWorkbench.js';
import {focusedPane, keys, paneText, renderWorkbench} from './workbenchHarness.js';

const now = Date.UTC(2025, 0, 16, 10, 0, 0);
const clock = () => now;

test('number keys jump to panes and Tab / Shift-Tab cycle through them in order', async () => {
	const wb = await renderWorkbench(sampleBackend({executions: 20, now}), {clock});
	try {
		assert.equal(focusedPane(wb.lastFrame()), '2 Executions');
		for (const [key, pane] of [
			['5', '5 Approvals'],
			['1', '1 Functions'],
			['6', '6 Schedules'],
			['4', '4 Step detail'],
			['3', '3 Graph'],
		] as const) {
			await wb.press(key);
			await wb.waitFor(f => focusedPane(f) === pane);
		}
		await wb.press(keys.tab);
		await wb.waitFor(f => focusedPane(f) === '4 Step detail');
		await wb.press(keys.tab, keys.tab, keys.tab);
		await wb.waitFor(f => focusedPane(f) === '1 Functions');
		await wb.press(keys.shiftTab);
		await wb.waitFor(f => focusedPane(f) === '6 Schedules');
		// The footer lists the keys of the focused pane only.
		await wb.press('2', '5');
		const frame = await wb.waitFor(f => focusedPane(f) === '5 Approvals');
		// A pane that lost focus keeps its content right under its top edge.
		assert.match(paneText(frame, 'Executions').split('\n')[0], /^◂ OrderWorkflow ▸/);
		const footer = frame.split('\n').at(-1)!;
		assert.match(footer, /a approve\s+r reject/);
		assert.doesNotMatch(footer, /n new/);
	} finally {
		wb.unmount();
	}
});

test('/ filters the focused list as you type, Enter keeps the filter, Esc clears it', async () => {
	const wb = await renderWorkbench(sampleBackend({executions: 40, now}), {clock});
	try {
		await wb.waitFor('Executions · 32');
		await wb.press('/', 'f', 'a', 'i', 'l');
		let frame = await wb.waitFor('Executions · 4/32');
		assert.match(frame, /\/ fail/);
		const rows = paneText(frame, 'Executions').split('\n').filter(line => /orderworkflow-\d{5}/.test(line));
		assert.equal(rows.length, 4);
		assert.ok(rows.every(row => row.includes('✗')), 'only failed executions remain');
		await wb.press(keys.enter);
		frame = await wb.waitFor('(Esc clears)');
		assert.match(frame, /Executions · 4\/32/, 'the filter stays after Enter');
		await wb.press(keys.escape);
		frame = await wb.waitFor('Executions · 32 ');
		assert.doesNotMatch(frame, /\/ fail/);
	} finally {
		wb.unmount();
	}
});

test('? opens help listing every binding; typing filters it; Esc clears the filter, then closes', async () => {
	const wb = await renderWorkbench(sampleBackend({executions: 5, now}), {clock});
	try {
		await wb.press('?');
		let frame = await wb.waitFor('Everywhere');
		assert.match(frame, /go to Step detail/);
		assert.match(frame, /:run MACHINE \[JSON\]/);
		await wb.press(...'approve');
		frame = await wb.waitFor('? approve');
		assert.match(frame, /a\s+approve \(SendTaskSuccess\)/);
		assert.match(frame, /:approve TOKEN \[JSON\]/);
		assert.doesNotMatch(frame, /zoom the pane/);
		await wb.press(keys.escape);
		frame = await wb.waitFor('zoom the pane');
		await wb.press(keys.escape);
		frame = await wb.waitFor(f => focusedPane(f) === '2 Executions');
		assert.doesNotMatch(frame, /Everywhere/);
	} finally {
		wb.unmount();
	}
});

test('--read-only blocks a, leaves it out of the footer and refuses mutating commands', async () => {
	const backend = sampleBackend({executions: 10, now});
	const wb = await renderWorkbench(backend, {clock, readOnly: true});
	try {
		await wb.press('5');
		let frame = await wb.waitFor(f => focusedPane(f) === '5 Approvals');
		assert.match(frame, /READ-ONLY/);
		assert.doesNotMatch(frame.split('\n').at(-1)!, /approve/);
		await wb.press('a');
		frame = await wb.waitFor('read-only: approve');
		assert.doesNotMatch(frame, /Output JSON/, 'no approval dialog opens');
		await wb.press(':', 'approve x', keys.enter);
		await wb.waitFor('read-only: this command changes things');
		assert.deepEqual(backend.calls, []);
	} finally {
		wb.unmount();
	}
});

test('z zooms the focused pane to the whole screen and back', async () => {
	const wb = await renderWorkbench(sampleBackend({executions: 10, now}), {columns: 160, rows: 40, clock});
	try {
		await wb.press('3', 'z');
		let frame = await wb.waitFor(f => !f.includes('2 Executions ·') && focusedPane(f) === '3 Graph');
		assert.match(frame, / 1 Functions │ 2 Executions │ 3 Graph │/, 'the tab bar names every pane');
		await wb.press('z');
		frame = await wb.waitFor('2 Executions ·');
		assert.match(frame, /4 Step detail ·/);
	} finally {
		wb.unmount();
	}
});

test(': runs commands: :run starts an execution with the given input and selects it', async () => {
	const backend = sampleBackend({executions: 10, now});
	const wb = await renderWorkbench(backend, {clock});
	try {
		await wb.press(':', 'run OrderWorkflow {"orderId": "o-new"}');
		await wb.waitFor('run OrderWorkflow {"orderId": "o-new"}');
		await wb.press(keys.enter);
		const frame = await wb.waitFor(/● [0-9a-f-]{36} · Running/);
		assert.deepEqual(backend.calls, [{action: 'startExecution', args: ['OrderWorkflow', '{"orderId":"o-new"}']}]);
		assert.match(frame, /started OrderWorkflow:/);
		await wb.press(':', 'frobnicate', keys.enter);
		await wb.waitFor("unknown command 'frobnicate'");
		await wb.press(keys.escape);
		await wb.press(':', 'approvals', keys.enter);
		await wb.waitFor(f => focusedPane(f) === '5 Approvals');
	} finally {
		wb.unmount();
	}
});

test('y copies the selection: the execution ARN, the task token; by OSC 52 by default', async () => {
	const backend = sampleBackend({executions: 10, now});
	const wb = await renderWorkbench(backend, {clock});
	try {
		await wb.press('y');
		await wb.waitFor('copied execution ARN');
		assert.equal(wb.copied.at(-1), backend.data.executions[0].executionArn);
		await wb.press('5', 'y');
		await wb.waitFor('copied task token');
		assert.equal(wb.copied.at(-1), backend.data.tasks[0].taskToken);
	} finally {
		wb.unmount();
	}
	const osc = await renderWorkbench(backend, {clock, osc52: true});
	try {
		await osc.press('y');
		await osc.waitFor('copied execution ARN');
		const sequence = `\u001b]52;c;${Buffer.from(backend.data.executions[0].executionArn).toString('base64')}\u0007`;
		assert.ok(osc.stdout.frames.includes(sequence));
	} finally {
		osc.unmount();
	}
});

test('q quits, and Ctrl-C quits even from inside a dialog', async () => {
	const first = await renderWorkbench(sampleBackend({executions: 3, now}), {clock});
	await first.press('q');
	await first.quit;
	first.unmount();
	const second = await renderWorkbench(sampleBackend({executions: 3, now}), {clock});
	await second.press('n');
	await second.waitFor('Input JSON');
	await second.press(keys.ctrlC);
	await second.quit;
	second.unmount();
});

test('graph keys: j/k walk the states, space folds the Map around the selection, E unfolds all', async () => {
	const wb = await renderWorkbench(sampleBackend({executions: 5, now}), {columns: 160, rows: 60, clock});
	try {
		await wb.press('3');
		await wb.waitFor(f => focusedPane(f) === '3 Graph');
		for (let i = 0; i < 20 && !/▸ PackItems\/PackItem/.test(wb.lastFrame()); i++) await wb.press('j');
		let frame = await wb.waitFor('▸ PackItems/PackItem Pass ✓ Succeeded');
		assert.match(frame, /│ ✓ PackItem │/);
		await wb.press(' ');
		frame = await wb.waitFor(/▸ PackItems Map ✓ Succeeded 3\/3/);
		assert.doesNotMatch(frame, /│ ✓ PackItem │/, 'the folded Map hides its processor');
		await wb.press('E');
		await wb.waitFor('│ ✓ PackItem │');
	} finally {
		wb.unmount();
	}
});

test('step detail: r switches grouped and raw events, f follows the newest, j/PgDn scroll', async () => {
	const wb = await renderWorkbench(sampleBackend({executions: 5, now}), {columns: 160, rows: 40, clock});
	try {
		await wb.press('4');
		let frame = await wb.waitFor(f => focusedPane(f) === '4 Step detail');
		assert.match(frame, /Step detail · grouped · \d+\/\d+/);
		assert.match(frame, /✓ ValidateOrder · 5 events/);
		await wb.press('r');
		frame = await wb.waitFor('Step detail · raw');
		assert.doesNotMatch(frame, /ValidateOrder · 5 events/);
		await wb.press('f');
		frame = await wb.waitFor('following');
		assert.match(frame, /ExecutionSucceeded/, 'following shows the last event');
		await wb.press('g');
		frame = await wb.waitFor(f => !f.includes('following'));
		assert.match(frame, /Execution orderworkflow-00005/);
		await wb.press(keys.pageDown);
		await wb.waitFor(f => !f.includes('Execution orderworkflow-00005'));
	} finally {
		wb.unmount();
	}
});
