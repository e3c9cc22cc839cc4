/**
 * Layer assignment for a top-to-bottom drawing of a directed graph that may loop:
 * a depth-first search from the entry marks the edges that close a cycle (back
 * edges), and with those turned around the graph is acyclic and each node goes one
 * layer below its deepest predecessor (longest path). The flow then reads downward
 * and every loop shows as exactly the edges the DFS found going back up.
 */

export interface DirectedEdge {
	from: number;
	to: number;
}

/**
 * Indices of the edges that point to a node still on the DFS stack. `roots` are
 * searched first, in order, then any node not reached from them (in index order);
 * out-edges are followed in the order given, so the result is deterministic.
 * Self-loops are back edges too.
 */
export function findBackEdges(nodeCount: number, edges: readonly DirectedEdge[], roots: readonly number[]): Set<number> {
	const outgoing: number[][] = Array.from({length: nodeCount}, () => []);
	edges.forEach((edge, index) => outgoing[edge.from]!.push(index));
	const state = new Uint8Array(nodeCount); // 0 unvisited, 1 on stack, 2 done
	const back = new Set<number>();
	const visit = (root: number) => {
		if (state[root] !== 0) return;
		// Iterative DFS: a stack of (node, next out-edge position).
		const stack: [number, number][] = [[root, 0]];
		state[root] = 1;
		while (stack.length > 0) {
			const top = stack[stack.length - 1]!;
			const [node, position] = top;
			const out = outgoing[node]!;
			if (position >= out.length) {
				state[node] = 2;
				stack.pop();
				continue;
			}
			top[1] = position + 1;
			const edgeIndex = out[position]!;
			const next = edges[edgeIndex]!.to;
			if (state[next] === 1) back.add(edgeIndex);
			else if (state[next] === 0) {
				state[next] = 1;
				stack.push([next, 0]);
			}
		}
	};
	for (const root of roots) visit(root);
	for (let node = 0; node < nodeCount; node++) visit(node);
	return back;
}

/** Depth-first preorder from `roots`, then the rest: the reading order of the graph. */
export function preorder(nodeCount: number, edges: readonly DirectedEdge[], roots: readonly number[]): number[] {
	const outgoing: number[][] = Array.from({length: nodeCount}, () => []);
	for (const edge of edges) outgoing[edge.from]!.push(edge.to);
	const seen = new Uint8Array(nodeCount);
	const order: number[] = [];
	const visit = (root: number) => {
		if (seen[root]) return;
		const stack = [root];
		while (stack.length > 0) {
			const node = stack.pop()!;
			if (seen[node]) continue;
			seen[node] = 1;
			order.push(node);
			const out = outgoing[node]!;
			for (let i = out.length - 1; i >= 0; i--) if (!seen[out[i]!]) stack.push(out[i]!);
		}
	};
	for (const root of roots) visit(root);
	for (let node = 0; node < nodeCount; node++) visit(node);
	return order;
}

/**
 * Layer of each node in an acyclic graph: 0 for sources, else one more than the
 * deepest predecessor. `edges` must already have their back edges reversed.
 */
export function longestPathLayers(nodeCount: number, edges: readonly DirectedEdge[]): number[] {
	const incoming = new Array<number>(nodeCount).fill(0);
	const outgoing: number[][] = Array.from({length: nodeCount}, () => []);
	for (const edge of edges) {
		if (edge.from === edge.to) continue;
		outgoing[edge.from]!.push(edge.to);
		incoming[edge.to]!++;
	}
	const layer = new Array<number>(nodeCount).fill(0);
	const ready: number[] = [];
	for (let node = 0; node < nodeCount; node++) if (incoming[node] === 0) ready.push(node);
	// Kahn's topological order; a cycle left in the input (a caller's bug) stays at layer 0.
	while (ready.length > 0) {
		const node = ready.pop()!;
		for (const next of outgoing[node]!) {
			layer[next] = Math.max(layer[next]!, layer[node]! + 1);
			if (--incoming[next]! === 0) ready.push(next);
		}
	}
	return layer;
}
