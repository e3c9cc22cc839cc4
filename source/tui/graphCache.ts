/**
 * Graphs and layouts by definition. Building and laying out a 100-state machine
 * takes tens of milliseconds; moving through a list of executions of a few machines
 * would pay it on every key. Executions of one machine share one definition object
 * (the live backend parses each definition text once), so a cache keyed by that
 * object (weakly: a definition no one holds is dropped) makes it once per machine,
 * width and fold.
 */
import type {StateMachineDefinition} from '../asl/definition.js';
import {buildGraph, layoutGraph, paintGraph} from './graph/index.js';
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
const PAINTINGS_PER_LAYOUT = 16;

/**
 * The layout painted with these statuses. Executions of a machine mostly end the
 * same way (every state succeeded), so paintings are kept by the statuses' content:
 * moving through a list of finished executions repaints nothing.
 */
export function paintedOf(layout: Layout, statuses: Statuses): Cell[][] {
	let byKey = paintings.get(layout);
	if (!byKey) paintings.set(layout, (byKey = new Map()));
	const key = JSON.stringify(statuses);
	let cells = byKey.get(key);
	if (!cells) {
		cells = paintGraph(layout, statuses);
		if (byKey.size >= PAINTINGS_PER_LAYOUT) byKey.delete(byKey.keys().next().value!);
		byKey.set(key, cells);
	}
	return cells;
}
