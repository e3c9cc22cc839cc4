import {test} from 'node:test';
import assert from 'node:assert/strict';
import {readFileSync} from 'node:fs';
import type {StateMachineDefinition} from '../../source/asl/definition.js';
import {buildGraph} from '../../source/tui/graph/buildGraph.js';
import {gridToString, scrollTo, viewport} from '../../source/tui/graph/grid.js';
import {layoutGraph} from '../../source/tui/graph/layoutGraph.js';
import {paintGraph} from '../../source/tui/graph/paintGraph.js';
import {asciiTheme, legend, unicodeTheme} from '../../source/tui/graph/theme.js';
import {StatusKind, Token} from '../../source/tui/graph/types.js';
import type {Cell, Layout, LayoutEdge, LayoutNode, Point, Statuses} from '../../source/tui/graph/types.js';

function fixture(name: string): StateMachineDefinition {
	return JSON.parse(readFileSync(new URL(`./fixtures/${name}.json`, import.meta.url), 'utf8')) as StateMachineDefinition;
}

function node(layout: Layout, path: string): LayoutNode {
	const found = layout.nodes.find(n => n.path === path);
	assert.ok(found, `no node ${path}`);
	return found;
}

/** The text of one row of cells between two columns (inclusive), with its tokens. */
function rowText(cells: Cell[][], y: number, from = 0, to = cells[y]!.length - 1): string {
	return cells[y]!.slice(from, to + 1).map(c => c.char).join('');
}

function findText(cells: Cell[][], text: string): Point | undefined {
	for (let y = 0; y < cells.length; y++) {
		const x = rowText(cells, y).indexOf(text);
		if (x >= 0) return {x, y};
	}
	return undefined;
}

/** Cells strictly between an edge's endpoints. */
function innerCells(e: LayoutEdge): Point[] {
	const cells: Point[] = [];
	for (let i = 0; i + 1 < e.points.length; i++) {
		const a = e.points[i]!;
		const b = e.points[i + 1]!;
		const steps = Math.max(Math.abs(b.x - a.x), Math.abs(b.y - a.y));
		for (let s = 1; s <= steps; s++) cells.push({x: a.x + Math.sign(b.x - a.x) * s, y: a.y + Math.sign(b.y - a.y) * s});
	}
	return cells.slice(0, -1);
}

const orderLayout = layoutGraph(buildGraph(fixture('orderWorkflow')));
const midRun: Statuses = {
	FetchAnOrder: {kind: StatusKind.Succeeded},
	RegionChoice: {kind: StatusKind.Succeeded},
	CreateOrderA: {kind: StatusKind.Failed},
	ProcessOrder: {kind: StatusKind.Retrying, attempt: 2, maxAttempts: 3},
	OrderOK: {kind: StatusKind.Waiting},
};

test('each state shows its status as a glyph and colours its border with the status token', () => {
	const cells = paintGraph(orderLayout, midRun);
	const expectations: [string, string, Token][] = [
		['FetchAnOrder', '✓', Token.StatusSucceeded],
		['CreateOrderA', '✗', Token.StatusFailed],
		['OrderOK', '⧗', Token.StatusWaiting],
		['ProcessOrder', '↻', Token.StatusRetrying],
		['CreateOrderB', '○', Token.StatusNotRun],
	];
	for (const [path, glyph, token] of expectations) {
		const box = node(orderLayout, path);
		assert.deepEqual(cells[box.y + 1]![box.x + 2], {char: glyph, token}, `${path} glyph`);
		assert.equal(cells[box.y]![box.x]!.token, token, `${path} border`);
		assert.equal(cells[box.y + box.height - 1]![box.x + box.width - 1]!.token, token, `${path} border`);
		assert.equal(rowText(cells, box.y + 1, box.x + 4, box.x + 3 + path.length), path);
		assert.equal(cells[box.y + 1]![box.x + 4]!.token, Token.NodeTitle);
	}
	// The retry counter sits at the right of the type line.
	const retrying = node(orderLayout, 'ProcessOrder');
	assert.match(rowText(cells, retrying.y + 2, retrying.x, retrying.x + retrying.width - 1), /│ {3}Lambda: Invoke +2\/3 │/);
});

test('the same layout repaints with new statuses without moving anything', () => {
	const before = paintGraph(orderLayout, {});
	const after = paintGraph(orderLayout, midRun);
	const shape = (cells: Cell[][]) =>
		gridToString(cells)
			.replace(/[✓✗○●⧗↻↪⊘◐]/g, '?')
			.replace(/\d+\/\d+/g, found => ' '.repeat(found.length));
	assert.equal(shape(before), shape(after));
	assert.notEqual(gridToString(before), gridToString(after));
});

test('catch edges are dashed and carry the catch token; other edges are solid', () => {
	const cells = paintGraph(orderLayout, {});
	const caught = orderLayout.edges.find(e => e.from === 'FetchAnOrder' && e.to === 'NoOrderPossible')!;
	const caughtChars = innerCells(caught).map(p => cells[p.y]![p.x]!);
	assert.ok(caughtChars.every(c => c.token === Token.EdgeCatch));
	assert.ok(caughtChars.some(c => c.char === '┄') && caughtChars.some(c => c.char === '┆'));
	assert.ok(caughtChars.every(c => '┄┆┌┐└┘'.includes(c.char)), caughtChars.map(c => c.char).join(''));
	for (const e of orderLayout.edges.filter(e => e.kind !== 'catch')) {
		for (const p of innerCells(e)) assert.ok(!'┄┆'.includes(cells[p.y]![p.x]!.char), `${e.id} is solid`);
	}
	const label = findText(cells, 'DatabaseError')!;
	assert.equal(cells[label.y]![label.x]!.token, Token.LabelCatch);
	// The arrowhead lands on the target's top border.
	const end = caught.points[caught.points.length - 1]!;
	assert.deepEqual(cells[end.y]![end.x], {char: '▼', token: Token.EdgeCatch});
});

test('Choice edges are labelled with their rules and Default', () => {
	const cells = paintGraph(orderLayout, {});
	for (const [text, token] of [
		['$.region == "EU"', Token.LabelChoice],
		['$.region == "US"', Token.LabelChoice],
		['Default', Token.LabelDefault],
	] as const) {
		const at = findText(cells, text);
		assert.ok(at, `label ${text} painted`);
		assert.equal(cells[at.y]![at.x]!.token, token);
	}
	// The fan-out leaves the Choice's bottom border through one junction.
	const choice = node(orderLayout, 'RegionChoice');
	assert.equal(rowText(cells, choice.y + choice.height - 1, choice.x, choice.x + choice.width - 1).match(/┬/g)?.length, 1);
});

test('a collapsed Map is one double-bordered box showing its iteration count', () => {
	const layout = layoutGraph(buildGraph(fixture('mapProcessor')), {collapsed: new Set(['ResizeAll'])});
	const cells = paintGraph(layout, {ResizeAll: {kind: StatusKind.Iterations, done: 7, total: 10, failed: 2}});
	const box = node(layout, 'ResizeAll');
	assert.equal(cells[box.y]![box.x]!.char, '╔');
	assert.equal(cells[box.y + 1]![box.x + 2]!.char, '◐');
	const typeLine = rowText(cells, box.y + 2, box.x, box.x + box.width - 1);
	assert.match(typeLine, /^║ {3}Map · 2 states +7\/10 ✗2 ║$/);
	const count = findText(cells, '7/10')!;
	assert.equal(cells[count.y]![count.x]!.token, Token.StatusInProgress);
	assert.equal(cells[count.y]![count.x + 5]!.token, Token.StatusFailed);
	// A finished Map keeps its counts.
	const done = paintGraph(layout, {ResizeAll: {kind: StatusKind.Succeeded, iterations: {done: 10, total: 10, failed: 0}}});
	assert.match(rowText(done, box.y + 2), /Map · 2 states +10\/10 ║/);
	assert.equal(done[box.y + 1]![box.x + 2]!.char, '✓');
	// A counter wider than the room kept for it wins over the type text.
	const huge = paintGraph(layout, {ResizeAll: {kind: StatusKind.Iterations, done: 12345, total: 67890, failed: 123}});
	assert.match(rowText(huge, box.y + 2, box.x, box.x + box.width - 1), /^║ {3}Map · … 12345\/67890 ✗123 ║$/);
});

test('expanded containers join edges with the right junctions', () => {
	const layout = layoutGraph(buildGraph(fixture('parallelBranches')));
	const cells = paintGraph(layout, {CheckAll: {kind: StatusKind.Caught}});
	const frame = node(layout, 'CheckAll');
	const bottom = rowText(cells, frame.y + frame.height - 1, frame.x, frame.x + frame.width - 1);
	assert.match(bottom, /^╚═+╤═+╤═+╝$/, 'Next and Catch leave the frame');
	assert.match(rowText(cells, frame.y, frame.x, frame.x + frame.width - 1), /^╔═+▼═+╗$/);
	const rule = rowText(cells, frame.ruleY!, frame.x, frame.x + frame.width - 1);
	assert.match(rule, /^╟─+┬─+┬─+╢$/, 'one entry per branch');
	assert.equal(cells[frame.y + 1]![frame.x + 2]!.char, '↪');
	assert.equal(cells[frame.y]![frame.x]!.token, Token.StatusCaught);
});

test('loops end in a sideways arrowhead at their target', () => {
	const layout = layoutGraph(buildGraph(fixture('counterLoop')));
	const cells = paintGraph(layout, {});
	const loop = layout.edges.find(e => e.back)!;
	const end = loop.points[loop.points.length - 1]!;
	assert.ok(['◀', '▶'].includes(cells[end.y]![end.x]!.char));
});

test('the ASCII theme draws with ASCII only', () => {
	for (const name of ['orderWorkflow', 'parallelBranches', 'counterLoop', 'nestedPolling']) {
		const text = gridToString(paintGraph(layoutGraph(buildGraph(fixture(name))), midRun, asciiTheme));
		assert.match(text, /^[\x20-\x7e\n]*$/, name);
	}
	for (const entry of legend(asciiTheme)) assert.match(entry.symbol + entry.label, /^[\x20-\x7e]*$/);
});

test('the legend explains every status glyph and edge style', () => {
	const entries = legend();
	for (const kind of Object.values(StatusKind)) {
		assert.ok(entries.some(e => e.symbol === unicodeTheme.glyphs[kind]), `${kind} in legend`);
	}
	assert.ok(entries.some(e => e.token === Token.EdgeCatch && e.symbol.includes('┄')));
	assert.deepEqual(
		entries.find(e => e.symbol === '✗'),
		{symbol: '✗', token: Token.StatusFailed, label: 'failed'},
	);
});

test('double-width characters take two cells and keep borders aligned', () => {
	const layout = layoutGraph(buildGraph({StartAt: '注文を取得', States: {注文を取得: {Type: 'Pass', End: true}}}));
	const cells = paintGraph(layout, {});
	const box = node(layout, '注文を取得');
	assert.equal(cells[box.y + 1]![box.x + 4]!.char, '注');
	assert.equal(cells[box.y + 1]![box.x + 5]!.char, '');
	assert.equal(cells[box.y + 1]![box.x + box.width - 1]!.char, '│');
	assert.equal(gridToString(cells).split('\n')[box.y + 1]!.trim(), '│ ○ 注文を取得 │');
});

test('viewport clips to exactly the window, blank outside the drawing', () => {
	const cells = paintGraph(orderLayout, {});
	const window = viewport(cells, {top: 4, left: 20, rows: 6, cols: 12});
	assert.equal(window.length, 6);
	assert.ok(window.every(row => row.length === 12));
	for (let r = 0; r < 6; r++) assert.equal(rowText(window, r), rowText(cells, 4 + r, 20, 31));

	const beyond = viewport(cells, {top: orderLayout.height - 2, left: orderLayout.width - 3, rows: 4, cols: 6});
	assert.equal(beyond.length, 4);
	assert.deepEqual(beyond[3]![5], {char: ' ', token: Token.Blank});
	assert.deepEqual(beyond[0]![3], {char: ' ', token: Token.Blank});

	// A double-width character cut by the window's edge becomes a blank.
	const wide = paintGraph(layoutGraph(buildGraph({StartAt: '注文', States: {注文: {Type: 'Pass', End: true}}})), {});
	const row = wide.findIndex(r => r.some(c => c.char === '注'));
	const column = wide[row]!.findIndex(c => c.char === '注');
	assert.equal(viewport(wide, {top: row, left: column + 1, rows: 1, cols: 3})[0]![0]!.char, ' ');
	assert.equal(viewport(wide, {top: row, left: column - 2, rows: 1, cols: 3})[0]![2]!.char, ' ');
});

test('painting only a window gives what the viewport cuts from the whole', () => {
	for (const name of ['orderWorkflow', 'nestedPolling']) {
		const layout = layoutGraph(buildGraph(fixture(name)));
		const whole = paintGraph(layout, midRun);
		for (const window of [
			{top: 0, left: 0, rows: layout.height, cols: layout.width},
			{top: 3, left: 7, rows: 11, cols: 23},
			{top: -2, left: -5, rows: 9, cols: 30},
			{top: layout.height - 4, left: layout.width - 10, rows: 8, cols: 20},
		]) {
			assert.deepEqual(paintGraph(layout, midRun, unicodeTheme, window), viewport(whole, window), `${name} ${JSON.stringify(window)}`);
		}
	}
	const wide = layoutGraph(buildGraph({StartAt: '注文', States: {注文: {Type: 'Pass', End: true}}}));
	const whole = paintGraph(wide, {});
	const row = whole.findIndex(r => r.some(c => c.char === '注'));
	const column = whole[row]!.findIndex(c => c.char === '注');
	for (const left of [column - 2, column + 1]) {
		const window = {top: row, left, rows: 1, cols: 3};
		assert.deepEqual(paintGraph(wide, {}, unicodeTheme, window), viewport(whole, window));
	}
});

test('gridToString trims each row', () => {
	const cells: Cell[][] = [
		[{char: 'a', token: Token.NodeTitle}, {char: ' ', token: Token.Blank}],
		[{char: '注', token: Token.NodeTitle}, {char: '', token: Token.NodeTitle}, {char: ' ', token: Token.Blank}],
	];
	assert.equal(gridToString(cells), 'a\n注');
});

test('a machine of 100 Pass states lays out fast and scrolls', t => {
	const states: StateMachineDefinition['States'] = {};
	for (let i = 1; i <= 100; i++) states[`Step${i}`] = i < 100 ? {Type: 'Pass', Next: `Step${i + 1}`} : {Type: 'Pass', End: true};
	const graph = buildGraph({StartAt: 'Step1', States: states});

	let started = performance.now();
	const layout = layoutGraph(graph);
	const firstMs = performance.now() - started;
	// Best of five once compiled: the machine is shared, and one slow run says little.
	let warmMs = Infinity;
	for (let i = 0; i < 5; i++) {
		started = performance.now();
		layoutGraph(graph);
		warmMs = Math.min(warmMs, performance.now() - started);
	}
	t.diagnostic(`layout of 100 Pass states: ${firstMs.toFixed(1)} ms first run, ${warmMs.toFixed(1)} ms warm (best of 5)`);

	assert.equal(layout.nodes.length, 102);
	const ys = Array.from({length: 100}, (_, i) => node(layout, `Step${i + 1}`).y);
	assert.ok(ys.every((y, i) => i === 0 || y > ys[i - 1]!), 'one below the other');
	assert.ok(layout.edges.every(e => e.points.length === 2), 'all straight');

	const cells = paintGraph(layout, {Step60: {kind: StatusKind.InProgress}});
	const top: Parameters<typeof viewport>[1] = {top: 0, left: 0, rows: 20, cols: 40};
	assert.match(gridToString(viewport(cells, top)), /Start/);
	assert.doesNotMatch(gridToString(viewport(cells, top)), /Step60/);
	const following = scrollTo(layout, 'Step60', top);
	const shown = gridToString(viewport(cells, following));
	assert.match(shown, /● Step60/);
	assert.equal(following.rows, 20);
	// Already visible: the window stays put.
	assert.deepEqual(scrollTo(layout, 'Step60', following), following);
	// Near the end the window stops at the drawing's bottom edge.
	const last = scrollTo(layout, 'Step100', top);
	assert.equal(last.top, layout.height - 20);
});
