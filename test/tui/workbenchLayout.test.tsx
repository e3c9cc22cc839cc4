import {test} from 'node:test';
import assert from 'node:assert/strict';
import {PaneId} from '../../source/tui/keymap.js';
import {sampleBackend} from '../../source/tui/sampleWorkbench.js';
import {computeLayout, LayoutMode} from '../../source/tui/screenLayout.js';
import {textWidth} from '../../source/tui/format.js';
import {focusedPane, keys, renderWorkbench} from './workbenchHarness.js';

const now = Date.UTC(2025, 0, 16, 10, 0, 0);

/** Titles of the panes whose top borders share the frame's second line (the first row of panes). */
function firstRow(frame: string): string[] {
	return [...frame.split('\n')[1].matchAll(/[─━] \d ([A-Z][a-z]+(?: [a-z]+)?)/g)].map(m => m[1]);
}

const frameWidth = (frame: string) => Math.max(...frame.split('\n').map(line => [...line].length));

test('three columns when wide, two when medium, tabs when narrow, re-laid out on resize', async () => {
	const wb = await renderWorkbench(sampleBackend({executions: 20, now}), {columns: 170, rows: 40, clock: () => now});
	try {
		let frame = wb.lastFrame();
		assert.deepEqual(firstRow(frame), ['Functions', 'Graph', 'Step detail']);

		wb.resize(120, 40);
		frame = await wb.waitFor(f => frameWidth(f) === 120);
		assert.deepEqual(firstRow(frame), ['Functions', 'Graph']);
		assert.match(frame, /4 Step detail/, 'step detail sits under the graph');

		wb.resize(80, 30);
		frame = await wb.waitFor(f => frameWidth(f) === 80);
		assert.match(frame.split('\n')[1], /^ 1 \w+ │ 2 Executions │ 3 \w+ │ 4 \w+ │ 5 \w+ \(1\) │ 6 \w+ │/, 'a tab bar, the focused tab titled in full');
		assert.equal(focusedPane(frame), '2 Executions');
		assert.doesNotMatch(frame, /3 Graph ·/, 'one pane at a time');
		await wb.press(keys.tab);
		frame = await wb.waitFor(f => focusedPane(f) === '3 Graph');
		assert.doesNotMatch(frame, /2 Executions ·/);

		wb.resize(170, 40);
		frame = await wb.waitFor(f => frameWidth(f) === 170);
		assert.deepEqual(firstRow(frame), ['Functions', 'Graph', 'Step detail']);
	} finally {
		wb.unmount();
	}
});

test('every frame is exactly the terminal width and one row shorter than it', async () => {
	for (const [columns, rows] of [
		[170, 45],
		[120, 32],
		[90, 24],
	]) {
		const wb = await renderWorkbench(sampleBackend({executions: 20, now}), {columns, rows, clock: () => now});
		try {
			for (const key of ['', '3', '?', keys.escape, 'n']) {
				if (key) await wb.press(key);
				const lines = wb.lastFrame().split('\n');
				assert.equal(lines.length, rows - 1, `${columns}×${rows} after ${JSON.stringify(key)}`);
				for (const line of lines) assert.ok(textWidth(line) <= columns, `line wider than ${columns}: ${line}`);
			}
		} finally {
			wb.unmount();
		}
	}
});

test('computeLayout: the focused list pane grows, the rest keep their rows, sizes add up', () => {
	for (const focused of [PaneId.Functions, PaneId.Approvals, PaneId.Graph]) {
		const layout = computeLayout({columns: 160, rows: 50, focused, zoomed: false});
		assert.equal(layout.mode, LayoutMode.Wide);
		assert.equal(layout.columns.reduce((sum, c) => sum + c.width, 0), 160);
		for (const column of layout.columns) assert.equal(column.panes.reduce((sum, p) => sum + p.height, 0), 49 - 2);
		const left = layout.columns[0].panes;
		const grown = left.reduce((a, b) => (b.height > a.height ? b : a));
		assert.equal(grown.pane, focused === PaneId.Graph ? PaneId.Executions : focused);
	}
	const zoomed = computeLayout({columns: 160, rows: 50, focused: PaneId.Detail, zoomed: true});
	assert.deepEqual(zoomed.columns.map(c => c.panes.map(p => p.pane)), [[PaneId.Detail]]);
	assert.equal(computeLayout({columns: 99, rows: 30, focused: PaneId.Graph, zoomed: false}).mode, LayoutMode.Narrow);
	assert.equal(computeLayout({columns: 100, rows: 30, focused: PaneId.Graph, zoomed: false}).mode, LayoutMode.Medium);
	assert.equal(computeLayout({columns: 150, rows: 30, focused: PaneId.Graph, zoomed: false}).mode, LayoutMode.Wide);
});
