/**
 * Turns a state machine definition into the graph the TUI draws: one node per state,
 * one edge per transition (Next, each Choice rule, Default, each Catcher), start and
 * end markers at the top level, and Parallel branches / Map item processors as nested
 * graphs whose states are named by path (see `statePath.ts`).
 *
 * Decisions about what is an edge:
 * - `End: true` and Succeed states lead to the end marker; Fail states do not: a Fail
 *   box ends the execution by itself, and drawing every failure path down to `End`
 *   would cross the graph with lines that say nothing.
 * - Nested graphs have no markers: their container is where they start and end.
 * - A transition to a state that does not exist is kept out of the drawing and listed
 *   in `danglingTargets` (validation reports it; the graph stays drawable while editing).
 */
import type {State, StateMachineDefinition} from '../../asl/definition.js';
import {itemProcessorOf} from '../../asl/definition.js';
import {describeChoiceRule} from './choiceLabel.js';
import {stateSubtitle} from './stateSubtitle.js';
import {childScope, statePath} from './statePath.js';
import {EdgeKind, EndNodeId, NodeKind, StartNodeId} from './types.js';
import type {Graph, GraphEdge, GraphNode, StateNode} from './types.js';

/** Retry's default MaxAttempts (ASL spec). */
const defaultMaxAttempts = 3;

export function buildGraph(definition: StateMachineDefinition): Graph {
	return buildScope(definition, '');
}

function buildScope(definition: StateMachineDefinition, scope: string): Graph {
	const top = scope === '';
	const states = definition.States ?? {};
	const names = Object.keys(states);
	const idOf = (name: string) => statePath(scope, name);
	const nodes: GraphNode[] = [];
	const edges: GraphEdge[] = [];
	const danglingTargets: Graph['danglingTargets'] = [];
	const edgeIds = new Set<string>();

	const addEdge = (kind: EdgeKind, from: string, to: string, label?: string) => {
		let id = `${from}→${to}`;
		for (let n = 2; edgeIds.has(id); n++) id = `${from}→${to}#${n}`;
		edgeIds.add(id);
		edges.push(label === undefined ? {id, kind, from, to} : {id, kind, from, to, label});
	};
	const addTransition = (kind: EdgeKind, fromName: string, toName: unknown, label?: string) => {
		if (typeof toName !== 'string') return;
		if (!Object.hasOwn(states, toName)) {
			danglingTargets.push({from: idOf(fromName), to: toName});
			return;
		}
		addEdge(kind, idOf(fromName), idOf(toName), label);
	};

	if (top) {
		nodes.push({kind: NodeKind.Start, id: StartNodeId});
		if (Object.hasOwn(states, definition.StartAt)) addEdge(EdgeKind.Next, StartNodeId, idOf(definition.StartAt));
		else danglingTargets.push({from: StartNodeId, to: definition.StartAt});
	}

	for (const name of names) {
		const state = states[name]!;
		nodes.push(stateNode(state, name, idOf(name)));
		if (state.Type === 'Choice') {
			for (const rule of state.Choices ?? []) addTransition(EdgeKind.Choice, name, rule.Next, describeChoiceRule(rule));
			if (state.Default !== undefined) addTransition(EdgeKind.Default, name, state.Default, 'Default');
		} else if (state.Type !== 'Succeed' && state.Type !== 'Fail') {
			if (state.Next !== undefined) addTransition(EdgeKind.Next, name, state.Next);
			else if (state.End === true && top) addEdge(EdgeKind.Next, idOf(name), EndNodeId);
		} else if (state.Type === 'Succeed' && top) {
			addEdge(EdgeKind.Next, idOf(name), EndNodeId);
		}
		if ('Catch' in state && Array.isArray(state.Catch)) {
			for (const catcher of state.Catch) {
				addTransition(EdgeKind.Catch, name, catcher.Next, (catcher.ErrorEquals ?? []).join(', '));
			}
		}
	}

	if (top) nodes.push({kind: NodeKind.End, id: EndNodeId});
	return {scope, startAt: idOf(definition.StartAt), nodes, edges, danglingTargets};
}

function stateNode(state: State, name: string, path: string): StateNode {
	let subgraphs: Graph[] = [];
	if (state.Type === 'Parallel') {
		subgraphs = (state.Branches ?? []).map((branch, index) => buildScope(branch, childScope(path, index)));
	} else if (state.Type === 'Map') {
		const processor = itemProcessorOf(state);
		if (processor !== undefined) subgraphs = [buildScope(processor, childScope(path))];
	}
	const retriers = 'Retry' in state && Array.isArray(state.Retry) ? state.Retry : [];
	const maxRetryAttempts = retriers.reduce((max, r) => Math.max(max, r.MaxAttempts ?? defaultMaxAttempts), 0);
	return {
		kind: NodeKind.State,
		id: path,
		path,
		name,
		stateType: state.Type,
		subtitle: stateSubtitle(state),
		maxRetryAttempts,
		subgraphs,
	};
}

/** Paths of every Parallel and Map state, outermost first: pass to `collapsed` to fold them all. */
export function containerPaths(graph: Graph): string[] {
	const paths: string[] = [];
	for (const node of graph.nodes) {
		if (node.kind !== NodeKind.State || node.subgraphs.length === 0) continue;
		paths.push(node.path);
		for (const sub of node.subgraphs) paths.push(...containerPaths(sub));
	}
	return paths;
}

/** Every state of the graph and its nested graphs, by path. */
export function statesByPath(graph: Graph): Map<string, StateNode> {
	const found = new Map<string, StateNode>();
	const visit = (g: Graph) => {
		for (const node of g.nodes) {
			if (node.kind !== NodeKind.State) continue;
			found.set(node.path, node);
			node.subgraphs.forEach(visit);
		}
	};
	visit(graph);
	return found;
}
