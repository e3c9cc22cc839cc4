import {test} from 'node:test';
import assert from 'node:assert/strict';
import {readFileSync} from 'node:fs';
import type {StateMachineDefinition} from '../../source/asl/definition.js';
import {buildGraph, containerPaths} from '../../source/tui/graph/buildGraph.js';
import {layoutGraph} from '../../source/tui/graph/layoutGraph.js';
import {textWidth} from '../../source/tui/graph/textWidth.js';
import {EdgeKind, NodeShape, StartNodeId} from '../../source/tui/graph/types.js';
import type {Layout, LayoutEdge, LayoutNode, Point} from '../../source/tui/graph/types.js';

function fixture(name: string): StateMachineDefinition {
	return JSON.parse(readFileSync(new URL(`./fixtures/${name}.json`, import.meta.url), 'utf8')) as StateMachineDefinition;
}

function node(layout: Layout, path: string): LayoutNode {
	const found = layout.nodes.find(n => n.path === path);
	assert.ok(found, `no node ${path}`);
	return found;
}

function edge(layout: Layout, from: string, to: string): LayoutEdge {
	const found = layout.edges.find(e => e.from === from && e.to === to);
	assert.ok(found, `no edge ${from} -> ${to}`);
	return found;
}

/** Every cell an edge's polyline passes through, in order. */
function cellsOf(e: LayoutEdge): Point[] {
	const cells: Point[] = [];
	for (let i = 0; i + 1 < e.points.length; i++) {
		const a = e.points[i]!;
		const b = e.points[i + 1]!;
		const steps = Math.max(Math.abs(b.x - a.x), Math.abs(b.y - a.y));
		for (let s = i === 0 ? 0 : 1; s <= steps; s++) cells.push({x: a.x + Math.sign(b.x - a.x) * s, y: a.y + Math.sign(b.y - a.y) * s});
	}
	return cells;
}

const inside = (n: LayoutNode, p: Point) => p.x >= n.x && p.x < n.x + n.width && p.y >= n.y && p.y < n.y + n.height;
/** A container's frame and header; its inside belongs to its branches. */
const onFrame = (n: LayoutNode, p: Point) =>
	n.shape !== NodeShape.Container || p.x === n.x || p.x === n.x + n.width - 1 || p.y <= n.ruleY! || p.y === n.y + n.height - 1;

/**
 * What makes a drawing readable: edges are orthogonal and touch states only where
 * they leave and arrive, labels sit on blank cells, boxes do not overlap, edges of
 * different nets never run along the same cells, and everything is inside the grid.
 */
function assertDrawable(layout: Layout): void {
	const lineCells = new Map<string, {edge: LayoutEdge; horizontal: boolean}[]>();
	for (const e of layout.edges) {
		for (let i = 0; i + 1 < e.points.length; i++) {
			assert.ok(e.points[i]!.x === e.points[i + 1]!.x || e.points[i]!.y === e.points[i + 1]!.y, `${e.id} has a diagonal segment`);
		}
		const cells = cellsOf(e);
		cells.forEach((p, i) => {
			assert.ok(p.x >= 0 && p.y >= 0 && p.x < layout.width && p.y < layout.height, `${e.id} leaves the grid at ${p.x},${p.y}`);
			for (const n of layout.nodes) {
				if (!inside(n, p) || !onFrame(n, p)) continue;
				if (i === 0 && e.from === n.id) continue;
				if (i === cells.length - 1 && e.to === n.id) continue;
				if (e.entry && e.from === n.id) continue;
				assert.fail(`edge ${e.id} runs over ${n.id} at ${p.x},${p.y}`);
			}
			if (i === 0 || i === cells.length - 1) return;
			const next = cells[i + 1]!;
			const horizontal = next.y === p.y;
			const key = `${p.x},${p.y}`;
			for (const other of lineCells.get(key) ?? []) {
				const sameNet = other.edge.from === e.from || other.edge.to === e.to;
				assert.ok(sameNet || other.horizontal !== horizontal, `${e.id} runs along ${other.edge.id} at ${key}`);
			}
			lineCells.set(key, [...(lineCells.get(key) ?? []), {edge: e, horizontal}]);
		});
	}
	for (const e of layout.edges) {
		if (e.label === undefined) continue;
		e.label.lines.forEach((line, row) => {
			for (let c = 0; c < textWidth(line); c++) {
				const p = {x: e.label!.x + c, y: e.label!.y + row};
				assert.ok(p.x < layout.width, `label of ${e.id} leaves the grid`);
				assert.ok(!lineCells.has(`${p.x},${p.y}`), `label of ${e.id} is drawn over a line at ${p.x},${p.y}`);
				for (const n of layout.nodes) assert.ok(!(inside(n, p) && onFrame(n, p)), `label of ${e.id} is drawn over ${n.id}`);
			}
		});
	}
	for (const a of layout.nodes) {
		assert.ok(a.x >= 0 && a.y >= 0 && a.x + a.width <= layout.width && a.y + a.height <= layout.height, `${a.id} leaves the grid`);
		for (const b of layout.nodes) {
			if (a === b || a.shape === NodeShape.Container || b.shape === NodeShape.Container) continue;
			const overlap = a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
			assert.ok(!overlap, `${a.id} overlaps ${b.id}`);
		}
	}
}

test('states flow top to bottom: every forward edge goes down from its source to its target', () => {
	const layout = layoutGraph(buildGraph(fixture('orderWorkflow')));
	for (const e of layout.edges) {
		if (e.back) continue;
		const from = layout.nodes.find(n => n.id === e.from)!;
		const to = layout.nodes.find(n => n.id === e.to)!;
		assert.ok(from.y + from.height <= to.y, `${e.id} does not go down`);
		const first = e.points[0]!;
		const last = e.points[e.points.length - 1]!;
		assert.equal(first.y, from.y + from.height - 1, `${e.id} leaves from the bottom border`);
		assert.equal(last.y, to.y, `${e.id} arrives on the top border`);
		assert.ok(last.x > to.x && last.x < to.x + to.width - 1);
	}
	assert.ok(node(layout, 'ProcessOrder').y > node(layout, 'OrderOK').y);
	assertDrawable(layout);
});

test('a straight sequence is drawn in one column', () => {
	const layout = layoutGraph(buildGraph(fixture('orderWorkflow')));
	for (const [from, to] of [
		[StartNodeId, 'FetchAnOrder'],
		['FetchAnOrder', 'RegionChoice'],
		['OrderOK', 'ProcessOrder'],
	] as const) {
		assert.equal(edge(layout, from, to).points.length, 2, `${from} -> ${to} is one straight segment`);
	}
});

test('a loop creates a back edge that climbs beside the states to its target', () => {
	const layout = layoutGraph(buildGraph(fixture('counterLoop')));
	const loop = edge(layout, 'Pause', 'CheckCount');
	assert.equal(loop.back, true);
	assert.deepEqual(
		layout.edges.filter(e => e.back).map(e => e.id),
		[loop.id],
		'only the edge closing the cycle goes back',
	);
	const pause = node(layout, 'Pause');
	const check = node(layout, 'CheckCount');
	const first = loop.points[0]!;
	const last = loop.points[loop.points.length - 1]!;
	// Leaves a side of Pause, arrives just outside a side of CheckCount, on its name row.
	assert.ok(first.x === pause.x || first.x === pause.x + pause.width - 1);
	assert.ok(first.y > pause.y && first.y < pause.y + pause.height - 1);
	assert.ok(last.x === check.x - 1 || last.x === check.x + check.width);
	assert.equal(last.y, check.y + 1);
	assert.ok(Math.min(...loop.points.map(p => p.y)) < first.y, 'the loop climbs');
	assertDrawable(layout);
});

test('a Choice with three rules lays out three labelled edges and a Default, in rule order', () => {
	const graph = buildGraph({
		StartAt: 'Route',
		States: {
			Route: {
				Type: 'Choice',
				Choices: [
					{Variable: '$.total', NumericGreaterThanEquals: 100, Next: 'Big'},
					{Variable: '$.kind', StringEquals: 'gift', Next: 'Gift'},
					{Variable: '$.express', BooleanEquals: true, Next: 'Fast'},
				],
				Default: 'Normal',
			},
			Big: {Type: 'Pass', End: true},
			Gift: {Type: 'Pass', End: true},
			Fast: {Type: 'Pass', End: true},
			Normal: {Type: 'Pass', End: true},
		},
	});
	const layout = layoutGraph(graph);
	const out = layout.edges.filter(e => e.from === 'Route');
	assert.equal(out.length, 4);
	assert.deepEqual(
		out.map(e => e.label?.lines.join(' ')),
		['$.total >= 100', '$.kind == "gift"', '$.express == true', 'Default'],
	);
	assert.equal(out.filter(e => e.kind === EdgeKind.Choice).length, 3);
	assert.equal(out.filter(e => e.kind === EdgeKind.Default).length, 1);
	// Targets read left to right in rule order, Default last.
	const xs = ['Big', 'Gift', 'Fast', 'Normal'].map(path => node(layout, path).x);
	assert.deepEqual([...xs].sort((a, b) => a - b), xs);
	// Each label sits beside its own edge's line.
	for (const e of out) {
		const label = e.label!;
		assert.ok(
			cellsOf(e).some(p => p.x === label.x - 2 && p.y === label.y),
			`label of ${e.id} is next to its line`,
		);
	}
	assertDrawable(layout);
});

test('catch edges leave from their own port, right of the main one', () => {
	const layout = layoutGraph(buildGraph(fixture('orderWorkflow')));
	const next = edge(layout, 'FetchAnOrder', 'RegionChoice');
	const caught = edge(layout, 'FetchAnOrder', 'NoOrderPossible');
	assert.equal(caught.kind, EdgeKind.Catch);
	assert.deepEqual(caught.label?.lines, ['DatabaseError']);
	assert.ok(caught.points[0]!.x > next.points[0]!.x);
	assert.ok(node(layout, 'NoOrderPossible').x > node(layout, 'RegionChoice').x, 'the catch target is to the right');
});

test('a Parallel is a frame with its branches side by side, each entered from the rule', () => {
	const layout = layoutGraph(buildGraph(fixture('parallelBranches')));
	const frame = node(layout, 'CheckAll');
	assert.equal(frame.shape, NodeShape.Container);
	assert.equal(frame.branches?.length, 2);
	const [left, right] = frame.branches!;
	assert.ok(left!.x + left!.width <= right!.x, 'branches side by side');
	for (const path of ['CheckAll/0/ReserveStock', 'CheckAll/0/StockReserved', 'CheckAll/1/PriceOrder']) {
		const inner = node(layout, path);
		assert.equal(inner.depth, 1);
		assert.ok(inner.x > frame.x && inner.x + inner.width < frame.x + frame.width && inner.y > frame.ruleY! && inner.y + inner.height < frame.y + frame.height);
	}
	assert.ok(node(layout, 'CheckAll/0/ReserveStock').x < node(layout, 'CheckAll/1/PriceOrder').x);
	const entries = layout.edges.filter(e => e.entry);
	assert.deepEqual(entries.map(e => e.to).sort(), ['CheckAll/0/ReserveStock', 'CheckAll/1/PriceOrder']);
	for (const e of entries) assert.equal(e.points[0]!.y, frame.ruleY);
	// Containers come before what they contain, so painting in order layers them right.
	assert.ok(layout.nodes.indexOf(frame) < layout.nodes.indexOf(node(layout, 'CheckAll/1/PriceOrder')));
	assertDrawable(layout);
});

test('a collapsed Map is one box, with nothing of its processor drawn', () => {
	const graph = buildGraph(fixture('mapProcessor'));
	const expanded = layoutGraph(graph);
	assert.equal(node(expanded, 'ResizeAll').shape, NodeShape.Container);
	assert.ok(expanded.nodes.some(n => n.path === 'ResizeAll/Resize'));

	const collapsed = layoutGraph(graph, {collapsed: new Set(['ResizeAll'])});
	const box = node(collapsed, 'ResizeAll');
	assert.equal(box.shape, NodeShape.Box);
	assert.equal(box.collapsed, true);
	assert.equal(box.subtitle, 'Map · 2 states');
	assert.ok(box.detailWidth >= '10/10 ✗1'.length, 'room is kept for the iteration counter');
	assert.ok(!collapsed.nodes.some(n => n.path?.startsWith('ResizeAll/')));
	assert.ok(!collapsed.edges.some(e => e.entry));
	assert.ok(collapsed.height < expanded.height);
	assertDrawable(collapsed);
});

test('a width centres a narrow drawing and shortens labels of a wide one', () => {
	const graph = buildGraph(fixture('orderWorkflow'));
	const natural = layoutGraph(graph);
	const centred = layoutGraph(graph, {width: natural.width + 40});
	assert.equal(centred.width, natural.width + 40);
	assert.equal(node(centred, 'OrderOK').x, node(natural, 'OrderOK').x + 20);

	const long = buildGraph({
		StartAt: 'Validate the incoming order against the catalogue',
		States: {'Validate the incoming order against the catalogue': {Type: 'Pass', End: true}},
	});
	const wide = layoutGraph(long);
	const narrow = layoutGraph(long, {width: 30});
	assert.equal(node(wide, 'Validate the incoming order against the catalogue').title, 'Validate the incoming order…');
	assert.ok(narrow.width < wide.width);
	assert.ok(node(narrow, 'Validate the incoming order against the catalogue').title.endsWith('…'));
});

test('a self-loop is a hook on the state\'s left side, labelled', () => {
	const layout = layoutGraph(
		buildGraph({
			StartAt: 'Poll',
			States: {
				Poll: {
					Type: 'Task',
					Resource: 'arn:aws:states:::lambda:invoke',
					Catch: [{ErrorEquals: ['States.Timeout'], Next: 'Poll'}],
					End: true,
				},
			},
		}),
	);
	const loop = edge(layout, 'Poll', 'Poll');
	const poll = node(layout, 'Poll');
	assert.equal(loop.points[0]!.x, poll.x);
	assert.equal(loop.points[loop.points.length - 1]!.x, poll.x - 1);
	assert.deepEqual(loop.label?.lines, ['States.Timeout']);
	assert.ok(loop.label!.x + 'States.Timeout'.length < poll.x);
	assertDrawable(layout);
});

test('tangled loops, nesting and wide names still lay out without anything drawn over anything', () => {
	const definitions: StateMachineDefinition[] = [
		fixture('orderWorkflow'),
		fixture('parallelBranches'),
		fixture('mapProcessor'),
		fixture('counterLoop'),
		fixture('nestedPolling'),
		{
			StartAt: 'A',
			States: {
				A: {
					Type: 'Choice',
					Choices: [
						{Variable: '$.x', IsPresent: true, Next: 'B'},
						{Not: {Variable: '$.y', StringMatches: '*.csv'}, Next: 'A2'},
					],
					Default: 'C',
				},
				A2: {Type: 'Pass', Next: 'A'},
				B: {Type: 'Choice', Choices: [{Variable: '$.a', NumericGreaterThanEqualsPath: '$.b', Next: 'A'}], Default: 'C'},
				C: {Type: 'Pass', Next: 'B'},
			},
		},
		{StartAt: '注文を取得', States: {注文を取得: {Type: 'Pass', Next: '送信'}, 送信: {Type: 'Succeed'}}},
		{StartAt: 'Missing', States: {Orphan: {Type: 'Pass', End: true}}},
		{StartAt: 'X', States: {}},
	];
	for (const definition of definitions) {
		const graph = buildGraph(definition);
		assertDrawable(layoutGraph(graph));
		assertDrawable(layoutGraph(graph, {collapsed: new Set(containerPaths(graph))}));
	}
});

test('double-width names get boxes wide enough for them', () => {
	const layout = layoutGraph(buildGraph({StartAt: '注文を取得', States: {注文を取得: {Type: 'Pass', End: true}}}));
	const box = node(layout, '注文を取得');
	assert.equal(box.width, 4 + 2 + 10);
});
