import {test} from 'node:test';
import assert from 'node:assert/strict';
import {sampleBackend} from '../../source/tui/sampleWorkbench.js';
import {focusedPane, keys, paneText, renderWorkbench} from './workbenchHarness.js';

const now = Date.UTC(2025, 0, 16, 10, 0, 0);
const clock = () => now;

test('every pane shows its data in the wide layout', async () => {
	const backend = sampleBackend({executions: 30, now});
	const wb = await renderWorkbench(backend, {columns: 180, rows: 50, clock});
	try {
		const frame = await wb.waitFor('WaitForApproval');
		// Functions: names with what fits of the columns in a third of the screen.
		assert.match(frame, /ValidateOrder\s+256MB\/10s\s+1m ago\s+2\s+\d+ms\/\d+ms/);
		assert.match(frame, /ChargeCard\s+512MB\/30s/);
		// Executions of the first machine, newest first, with status glyph and label.
		assert.match(frame, /Executions · 2\d/);
		assert.ok(frame.indexOf('orderworkflow-00030') < frame.indexOf('orderworkflow-00029'), 'newest first');
		assert.match(frame, /✓ Succeeded\s+orderworkflow-00030/);
		assert.match(frame, /✗ Failed\s+orderworkflow-00027/);
		// Graph of the selected execution: states painted with their status glyph.
		assert.match(frame, /✓ ValidateOrder/);
		assert.match(frame, /✓ InStock/);
		// Step detail: the execution's input and events.
		assert.match(frame, /Execution orderworkflow-00030/);
		assert.match(frame, /"orderId": "o-30"/);
		// Approvals: the waiting callback with its state.
		assert.match(frame, /Approvals · 1 waiting/);
		// Schedules: expression, next fire.
		const schedules = paneText(frame, 'Schedules');
		assert.match(schedules, /● PollInvent\S*\s+rate\(5 minutes\)\s+in 5m/);
		assert.match(schedules, /○ Cleanup\S*\s+cron\(30 18 \? \* MON-FRI.*\s+off/);
		assert.equal(focusedPane(frame), '2 Executions');
		// Zoomed, the schedules show zone, absolute next fire, the last fire and the tail of fires.
		await wb.press('6', 'z');
		const zoomed = paneText(await wb.waitFor(f => focusedPane(f) === '6 Schedules' && f.includes('Zone')), 'Schedules');
		assert.match(zoomed, /● NightlyReport\/Nightly\s+cron\(0 2 \* \* \? \*\)\s+Europe\/London\s+in 16h\s+2025-01-\d\d \d\d:00:00\s+✓ 9h ago/);
		assert.match(zoomed, /every 5 minutes → ShipOrder/);
		assert.match(zoomed, /── Recent fires/);
		assert.match(zoomed, /✗ 2025-01-16 \d\d:45:00 PollInventory\/Every5Minutes  Task timed out after 3\.00 seconds/);
	} finally {
		wb.unmount();
	}
});

test('the graph paints a running execution waiting for approval and step detail shows the selected state', async () => {
	const backend = sampleBackend({executions: 30, now});
	const wb = await renderWorkbench(backend, {columns: 180, rows: 60, clock});
	try {
		// orderworkflow-00029 (k = 1) is RUNNING and waits at WaitForApproval.
		await wb.press('j');
		let frame = await wb.waitFor('orderworkflow-00029 · Running');
		assert.match(frame, /⧗ WaitForApproval/, 'the waiting state shows the waiting glyph');
		assert.match(frame, /✓ PackItems\s+Map\s+3\/3/, 'the Map shows its iteration count');
		await wb.press('3');
		await wb.waitFor(f => focusedPane(f) === '3 Graph');
		for (let i = 0; i < 20 && !/▸ WaitForApproval/.test(wb.lastFrame()); i++) await wb.press('j');
		frame = await wb.waitFor(/▸ WaitForApproval Task ⧗ Waiting/);
		assert.match(frame, /State WaitForApproval/);
		assert.match(frame, /Waiting · Task · entered/);
		assert.match(frame, /── Input/);
	} finally {
		wb.unmount();
	}
});

test('the functions pane shows the last invoke with its REPORT line when it has room', async () => {
	const backend = sampleBackend({executions: 5, now});
	const wb = await renderWorkbench(backend, {columns: 180, rows: 50, clock});
	try {
		await wb.press('1', 'z');
		const frame = await wb.waitFor(f => focusedPane(f) === '1 Functions' && f.includes('Cost'));
		// Zoomed, every column fits: runtime, memory/timeout, versions/aliases, last, errors, p50/p95, cost.
		assert.match(frame, /ValidateOrder\s+nodejs20\.x\s+256MB\/10s\s+v2 live\s+1m ago\s+2\s+\d+ms\/\d+ms\s+\$\S+/);
		assert.match(frame, /last invoke SUCCEEDED/);
		assert.match(frame, /REPORT\s+Duration: [\d.]+ ms\s+Billed Duration: \d+ ms\s+Memory Size: 256 MB\s+Max Memory Used: \d+ MB/);
	} finally {
		wb.unmount();
	}
});

test('Enter on a function invokes it with a sample event and shows the response and the REPORT line', async () => {
	const backend = sampleBackend({executions: 5, now});
	const wb = await renderWorkbench(backend, {columns: 180, rows: 50, clock});
	try {
		await wb.press('1');
		await wb.waitFor(f => focusedPane(f) === '1 Functions');
		await wb.press(keys.enter);
		await wb.waitFor('order.json');
		await wb.press(keys.enter);
		await wb.waitFor('Payload JSON');
		await wb.press(keys.enter);
		const frame = await wb.waitFor('StatusCode 200');
		assert.deepEqual(backend.calls.at(-1), {action: 'invoke', args: ['ValidateOrder', '{"orderId":"o-1","items":["sku-1"],"total":12.5}']});
		assert.match(frame, /"valid": true/);
		assert.match(frame, /REPORT\s+Duration: [\d.]+ ms/);
	} finally {
		wb.unmount();
	}
});
