/**
 * Graphs and layouts by definition. Building and laying out a 100-state machine
 * takes tens of milliseconds; moving through a list of executions of a few machines
 * would pay it on every key. Executions of one machine share one definition object
 * (the live backend parses each definition text once), so a cache keyed by that
 * object (weakly: a definition no one holds is dropped) makes it once per machine,
 * width and fold.
 */
import type {StateMachineDefinition} from '../asl/definition.js';
import type {ViewportWindow} from './graph/grid.js';
import {buildGraph, layoutGraph, paintGraph} from './graph/index.js';
import {unicodeTheme} from './graph/theme.js';
import type {Cell, Graph, Layout, Statuses} from './graph/types.js';

const graphs = new WeakMap<StateMachineDefinition, Graph>();
const layouts = new WeakMap<Graph, Map<string, Layout>>();
/** Width and fold combinations kept per graph (a resize makes a new one). */
const LAYOUTS_PER_GRAPH = 8;

export function graphOf(definition: StateMachineDefinition): Graph {
	let graph = graphs.get(definition);
	if (!graph) graphs.set(definition, (graph = buildGraph(definition)));
	return graph;
}

export function layoutOf(graph: Graph, width: number, collapsed: readonly string[]): Layout {
	let byKey = layouts.get(graph);
	if (!byKey) layouts.set(graph, (byKey = new Map()));
	const key = `${width}\n${[...collapsed].sort().join('\n')}`;
	let layout = byKey.get(key);
	if (!layout) {
		layout = layoutGraph(graph, {width, collapsed: new Set(collapsed)});
		if (byKey.size >= LAYOUTS_PER_GRAPH) byKey.delete(byKey.keys().next().value!);
		byKey.set(key, layout);
	}
	return layout;
}

const paintings = new WeakMap<Layout, Map<string, Cell[][]>>();
const PAINTINGS_PER_LAYOUT = 8;

/**
 * The window of the layout that the graph pane shows, painted with these statuses.
 * Only the window is painted (paintGraph paints a window exactly as it would crop
 * the whole drawing): a 100-state machine is some 500 rows, and a whole painting of
 * it held as cells took over a megabyte, kept for every distinct set of statuses.
 * Executions of a machine mostly end the same way (every state succeeded), so
 * windows are kept by the statuses' content: moving through a list of finished
 * executions repaints nothing.
 */
export function paintedWindowOf(layout: Layout, statuses: Statuses, window: ViewportWindow): Cell[][] {
	let byKey = paintings.get(layout);
	if (!byKey) paintings.set(layout, (byKey = new Map()));
	const key = `${window.top},${window.left},${window.rows},${window.cols}\n${JSON.stringify(statuses)}`;
	let cells = byKey.get(key);
	if (cells) {
		// Most recently used last, so the oldest goes first.
		byKey.delete(key);
	} else {
		cells = paintGraph(layout, statuses, unicodeTheme, window);
		if (byKey.size >= PAINTINGS_PER_LAYOUT) byKey.delete(byKey.keys().next().value!);
	}
	byKey.set(key, cells);
	return cells;
}
