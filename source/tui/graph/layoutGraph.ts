/**
 * Places a state machine graph on a grid of terminal cells, top to bottom, in the
 * layered (Sugiyama) style AWS's console graph also uses:
 *
 * 1. Layers: DFS from the start finds the loops' back edges; with them reversed,
 *    each state sits one layer below its deepest predecessor (`layering.ts`).
 * 2. Every layer is followed by an edge layer, so each edge crosses at least one:
 *    there a Choice or Catch edge gets a label item as wide as its text, and longer
 *    edges get one-column dummies, so labels and lines take space like boxes do and
 *    nothing is drawn over anything. A back edge also gets an item beside each of
 *    its two states: it leaves its source's right side, climbs, and enters its
 *    target's right side.
 * 3. Order within layers by barycenter sweeps (`ordering.ts`), columns by sweeps of
 *    least-squares alignment (`placement.ts`), rows from layer heights plus one row
 *    per horizontal bar in each gap (`routing.ts`).
 * 4. Edges become orthogonal polylines: down from the source's bottom border (a
 *    Catch from a port right of centre), across on their gap's track, down into the
 *    target's top border, where the arrowhead goes.
 *
 * Parallel and Map states are laid out recursively: each branch (or the item
 * processor) is a graph of its own, drawn inside the container's frame, branches
 * side by side. A collapsed one is a single box. A self-loop is a small hook on the
 * state's left side. Positions never depend on statuses: room for the live counters
 * is reserved, so a running execution never makes the drawing jump.
 */
import type {StateType} from '../../asl/definition.js';
import {findBackEdges, longestPathLayers, preorder} from './layering.js';
import type {DirectedEdge} from './layering.js';
import {orderLayers, Side} from './ordering.js';
import type {Attachment, LoopPair} from './ordering.js';
import {placeLayers} from './placement.js';
import {assignTracks} from './routing.js';
import type {GapNet, TrackAssignment} from './routing.js';
import {textWidth, truncate, wrap} from './textWidth.js';
import {EdgeKind, NodeKind, NodeShape} from './types.js';
import type {
	EdgeLabel,
	Graph,
	GraphEdge,
	GraphNode,
	Layout,
	LayoutEdge,
	LayoutNode,
	LayoutOptions,
	Point,
	Rect,
	StateNode,
} from './types.js';

const defaultLabelWidth = 28;
/** Shorter label widths tried, in turn, when the drawing is wider than `width`. */
const narrowerLabelWidths = [24, 20, 16, 12];
/** Edge labels wrap onto at most this many lines. */
const edgeLabelLines = 2;

/** Rows of a box: border, name, type line, border. Terminals have no type line. */
const boxHeight = 4;
const terminalHeight = 3;
/** Row offsets inside a box (or a container's title/rule rows) where loops come in and leave. */
const backEdgeInRow = 1;
const backEdgeOutRow = 2;

/** Container frame: blank columns inside each side, columns between branches, rows above the branches. */
const containerPadding = 2;
const branchGap = 4;
const containerHeaderRows = 3;

/** Room for a live iteration counter `done/total ✗failed` of a Map, whose total the definition does not tell. */
const mapDetailWidth = 9;

export function layoutGraph(graph: Graph, options: LayoutOptions = {}): Layout {
	const collapsed = options.collapsed ?? new Set<string>();
	const first = Math.max(4, options.maxLabelWidth ?? defaultLabelWidth);
	const labelWidths = [first, ...narrowerLabelWidths.filter(w => w < first)];
	let scope = layoutScope(graph, {collapsed, labelWidth: first}, 0);
	for (const labelWidth of labelWidths.slice(1)) {
		if (options.width === undefined || scope.width <= options.width) break;
		scope = layoutScope(graph, {collapsed, labelWidth}, 0);
	}
	const width = Math.max(scope.width, options.width ?? 0);
	const dx = Math.floor((width - scope.width) / 2);
	return {
		width,
		height: scope.height,
		nodes: scope.nodes.map(node => moveNode(node, dx, 0)),
		edges: scope.edges.map(edge => moveEdge(edge, dx, 0)),
	};
}

interface Context {
	collapsed: ReadonlySet<string>;
	labelWidth: number;
}

/** A graph's layout with its top-left corner at 0,0. */
interface ScopeLayout {
	width: number;
	height: number;
	nodes: LayoutNode[];
	edges: LayoutEdge[];
	/** Where the StartAt state is entered (its top border), if it exists. */
	entry: Point | null;
}

/** A graph node measured for drawing, before it has a position. */
interface Measured {
	node: GraphNode;
	shape: LayoutNode['shape'];
	path: string | null;
	stateType: StateType | null;
	title: string;
	subtitle: string;
	detailWidth: number;
	collapsed: boolean;
	width: number;
	height: number;
	/** Expanded containers: the inner layouts and their columns inside the frame. */
	inner?: {scopes: ScopeLayout[]; columns: number[]};
}

const ItemKind = {Node: 'node', Dummy: 'dummy', Label: 'label', Attach: 'attach'} as const;
type ItemKind = (typeof ItemKind)[keyof typeof ItemKind];

/** One thing in a layer: a state, or a piece of an edge. */
interface Item {
	kind: ItemKind;
	layer: number;
	width: number;
	/** Initial ordering key: depth-first reading order. */
	key: number;
	/** Node items: index of the measured node; its box starts `margin` columns in (room for a self-loop). */
	node?: number;
	margin: number;
	/** Label items: the text lines, drawn two columns right of the line. */
	lines?: string[];
	/** Attach items: the node item they hang beside, and on which side (decided by the ordering). */
	anchor?: number;
	side?: Side;
}

interface Link {
	upper: number;
	lower: number;
	upperPort: number;
	lowerPort: number;
	upperBias: number;
	lowerBias: number;
	weight: number;
	inner: boolean;
}

interface Chain {
	edge: GraphEdge;
	back: boolean;
	/** Items from top to bottom, the two states included. */
	items: number[];
	/** Indices into the links array of this chain's links, top to bottom. */
	links: number[];
}

function layoutScope(graph: Graph, ctx: Context, depth: number): ScopeLayout {
	if (graph.nodes.length === 0) return {width: 0, height: 0, nodes: [], edges: [], entry: null};
	const measured = graph.nodes.map(node => measure(node, ctx, depth));
	const indexOf = new Map(graph.nodes.map((node, index) => [node.id, index]));
	const edges = graph.edges.filter(edge => indexOf.has(edge.from) && indexOf.has(edge.to));
	const selfLoops = new Map<number, GraphEdge[]>();
	const flow: GraphEdge[] = [];
	for (const edge of edges) {
		if (edge.from !== edge.to) flow.push(edge);
		else {
			const node = indexOf.get(edge.from)!;
			selfLoops.set(node, [...(selfLoops.get(node) ?? []), edge]);
		}
	}

	// 1. Layers.
	const directed: DirectedEdge[] = flow.map(edge => ({from: indexOf.get(edge.from)!, to: indexOf.get(edge.to)!}));
	const roots = [graph.nodes.findIndex(node => node.kind === NodeKind.Start), indexOf.get(graph.startAt) ?? -1].filter(i => i >= 0);
	const back = findBackEdges(graph.nodes.length, directed, roots);
	const rank = longestPathLayers(
		graph.nodes.length,
		directed.map((edge, i) => (back.has(i) ? {from: edge.to, to: edge.from} : edge)),
	);
	const readingOrder = new Array<number>(graph.nodes.length);
	preorder(graph.nodes.length, directed, roots).forEach((node, position) => (readingOrder[node] = position));

	// 2. Items and links.
	const items: Item[] = [];
	const nodeItems = measured.map((m, index) => {
		const loopLabel = selfLoopLabel(selfLoops.get(index), ctx);
		const margin = selfLoops.has(index) ? (loopLabel === '' ? 3 : textWidth(loopLabel) + 4) : 0;
		items.push({kind: ItemKind.Node, layer: 2 * rank[index]!, width: margin + m.width, key: readingOrder[index]!, node: index, margin});
		return items.length - 1;
	});
	const addItem = (item: Item) => items.push(item) - 1;

	const biasOf = portBiases(flow, back, indexOf);
	const links: Link[] = [];
	const chains: Chain[] = [];
	flow.forEach((edge, edgeIndex) => {
		const isBack = back.has(edgeIndex);
		const from = nodeItems[indexOf.get(edge.from)!]!;
		const to = nodeItems[indexOf.get(edge.to)!]!;
		const top = isBack ? to : from;
		const bottom = isBack ? from : to;
		const key = readingOrder[indexOf.get(edge.from)!]! + 0.5 + edgeIndex * 1e-6;
		const labelLines = edge.label === undefined ? undefined : wrap(edge.label, ctx.labelWidth, edgeLabelLines);
		// The label sits in the edge layer next to the source: below it, or above it for a loop.
		const labelLayer = isBack ? items[bottom]!.layer - 1 : items[top]!.layer + 1;
		const chainItems = [top];
		if (isBack) chainItems.push(addItem({kind: ItemKind.Attach, layer: items[top]!.layer, width: 1, key, margin: 0, anchor: top, side: Side.Right}));
		for (let layer = items[top]!.layer + 1; layer < items[bottom]!.layer; layer++) {
			if (labelLines !== undefined && layer === labelLayer) {
				const width = 2 + Math.max(...labelLines.map(textWidth));
				chainItems.push(addItem({kind: ItemKind.Label, layer, width, key, margin: 0, lines: labelLines}));
			} else chainItems.push(addItem({kind: ItemKind.Dummy, layer, width: 1, key, margin: 0}));
		}
		if (isBack) chainItems.push(addItem({kind: ItemKind.Attach, layer: items[bottom]!.layer, width: 1, key, margin: 0, anchor: bottom, side: Side.Right}));
		chainItems.push(bottom);

		const chainLinks: number[] = [];
		// A loop's first and last hops are sideways within a layer, not links between layers.
		const firstLink = isBack ? 1 : 0;
		const lastLink = isBack ? chainItems.length - 3 : chainItems.length - 2;
		for (let i = firstLink; i <= lastLink; i++) {
			const upper = chainItems[i]!;
			const lower = chainItems[i + 1]!;
			const upperIsNode = items[upper]!.kind === ItemKind.Node;
			const lowerIsNode = items[lower]!.kind === ItemKind.Node;
			const catchPort = edge.kind === EdgeKind.Catch;
			links.push({
				upper,
				lower,
				upperPort: upperIsNode ? items[upper]!.margin + outPort(measured[items[upper]!.node!]!, catchPort) : 0,
				lowerPort: lowerIsNode ? items[lower]!.margin + inPort(measured[items[lower]!.node!]!) : 0,
				upperBias: upperIsNode ? biasOf.get(edge)! : 0,
				lowerBias: 0,
				// Straight long edges first, then the main flow; a Catch may bend before a Next does.
				weight: (upperIsNode || lowerIsNode ? (upperIsNode && lowerIsNode ? 1 : 2) : 8) / (catchPort ? 2 : 1),
				inner: !upperIsNode && !lowerIsNode,
			});
			chainLinks.push(links.length - 1);
		}
		chains.push({edge, back: isBack, items: chainItems, links: chainLinks});
	});

	// 3. Order and columns.
	const layerCount = Math.max(...items.map(item => item.layer)) + 1;
	const initial: number[][] = Array.from({length: layerCount}, () => []);
	items.forEach((item, index) => {
		if (item.anchor === undefined) initial[item.layer]!.push(index);
	});
	for (const layer of initial) layer.sort((a, b) => items[a]!.key - items[b]!.key);
	const attachments = items.map((item): Attachment | undefined =>
		item.anchor === undefined ? undefined : {anchor: item.anchor, side: item.side ?? Side.Right},
	);
	const loops: LoopPair[] = chains.filter(chain => chain.back).map(chain => [chain.items[1]!, chain.items[chain.items.length - 2]!]);
	// A state's left side holds its self-loop hook, so its loops stay on the right.
	const hasSelfLoop = (attach: number) => selfLoops.has(items[items[attach]!.anchor!]!.node!);
	const {layers, sides} = orderLayers(initial, attachments, links, loops, ([a, b]) => !hasSelfLoop(a) && !hasSelfLoop(b));
	sides.forEach((side, index) => {
		if (items[index]!.kind === ItemKind.Attach) items[index]!.side = side;
	});
	const x = placeLayers({
		layers,
		widths: items.map(item => item.width),
		separation: (left, right) => separation(items[left]!, items[right]!, left, right),
		links,
	});

	// 4. Rows: layer heights, then the tracks each gap needs.
	const heights = layers.map((layer, l) =>
		Math.max(
			0,
			...layer.map(i => {
				const item = items[i]!;
				if (item.kind === ItemKind.Node) return measured[item.node!]!.height;
				return item.kind === ItemKind.Label && l % 2 === 1 ? item.lines!.length : 0;
			}),
		),
	);
	const netOf: string[] = [];
	const gaps: TrackAssignment[] = [];
	for (let l = 0; l < layerCount - 1; l++) {
		const nets = new Map<string, {upper: Set<number>; lower: Set<number>}>();
		links.forEach((link, index) => {
			if (items[link.upper]!.layer !== l) return;
			const upperIsNode = items[link.upper]!.kind === ItemKind.Node;
			const lowerIsNode = items[link.lower]!.kind === ItemKind.Node;
			const id = upperIsNode ? `u${link.upper}:${link.upperPort}` : lowerIsNode ? `l${link.lower}` : `e${index}`;
			netOf[index] = id;
			const net = nets.get(id) ?? {upper: new Set<number>(), lower: new Set<number>()};
			net.upper.add(x[link.upper]! + link.upperPort);
			net.lower.add(x[link.lower]! + link.lowerPort);
			nets.set(id, net);
		});
		const gapNets: GapNet[] = [...nets].map(([id, net]) => ({id, upper: [...net.upper], lower: [...net.lower]}));
		gaps.push(assignTracks(gapNets));
	}
	// At least one row between two layers of states, so an arrow never touches the box above.
	for (let l = 1; l < layerCount - 1; l += 2) {
		if (gaps[l - 1]!.count + heights[l]! + gaps[l]!.count === 0) heights[l] = 1;
	}
	const top: number[] = [];
	let row = 0;
	for (let l = 0; l < layerCount; l++) {
		top.push(row);
		row += heights[l]! + (gaps[l]?.count ?? 0);
	}
	const height = row;
	const trackRow = (link: number) => {
		const l = items[links[link]!.upper]!.layer;
		const track = gaps[l]!.track.get(netOf[link]!);
		return track === undefined ? undefined : top[l]! + heights[l]! + track;
	};

	// 5. Output: boxes (containers with their contents), then edges.
	const boxes = measured.map((m, index): Rect => {
		const item = nodeItems[index]!;
		return {x: x[item]! + items[item]!.margin, y: top[items[item]!.layer]!, width: m.width, height: m.height};
	});
	const nodes: LayoutNode[] = [];
	const outEdges: LayoutEdge[] = [];
	measured.forEach((m, index) => placeNode(m, boxes[index]!, depth, nodes, outEdges));

	const portX = (item: number, port: number) => x[item]! + port;
	for (const chain of chains) {
		const points: Point[] = [];
		const labelItem = chain.items.find(i => items[i]!.kind === ItemKind.Label);
		const label: EdgeLabel | undefined =
			labelItem === undefined ? undefined : {x: x[labelItem]! + 2, y: top[items[labelItem]!.layer]!, lines: items[labelItem]!.lines!};
		if (!chain.back) {
			const first = links[chain.links[0]!]!;
			const sourceBox = boxes[items[first.upper]!.node!]!;
			points.push({x: portX(first.upper, first.upperPort), y: sourceBox.y + sourceBox.height - 1});
			for (const index of chain.links) {
				const link = links[index]!;
				const row = trackRow(index);
				if (row !== undefined) points.push({x: portX(link.upper, link.upperPort), y: row}, {x: portX(link.lower, link.lowerPort), y: row});
			}
			const last = links[chain.links[chain.links.length - 1]!]!;
			points.push({x: portX(last.lower, last.lowerPort), y: boxes[items[last.lower]!.node!]!.y});
		} else {
			const targetBox = boxes[items[chain.items[0]!]!.node!]!;
			const sourceBox = boxes[items[chain.items[chain.items.length - 1]!]!.node!]!;
			const climbFrom = chain.items[chain.items.length - 2]!;
			const climbTo = chain.items[1]!;
			const left = items[climbFrom]!.side === Side.Left;
			const sourceSide = left ? sourceBox.x : sourceBox.x + sourceBox.width - 1;
			points.push({x: sourceSide, y: sourceBox.y + backEdgeOutRow}, {x: x[climbFrom]!, y: sourceBox.y + backEdgeOutRow});
			for (const index of [...chain.links].reverse()) {
				const link = links[index]!;
				const row = trackRow(index);
				if (row !== undefined) points.push({x: portX(link.lower, link.lowerPort), y: row}, {x: portX(link.upper, link.upperPort), y: row});
			}
			const arrowX = left ? targetBox.x - 1 : targetBox.x + targetBox.width;
			points.push({x: x[climbTo]!, y: targetBox.y + backEdgeInRow}, {x: arrowX, y: targetBox.y + backEdgeInRow});
		}
		outEdges.push(layoutEdge(chain.edge, chain.back, simplify(points), label));
	}
	for (const [index, loops] of selfLoops) {
		const box = boxes[index]!;
		const text = selfLoopLabel(loops, ctx);
		const points = simplify([
			{x: box.x, y: box.y + backEdgeOutRow},
			{x: box.x - 2, y: box.y + backEdgeOutRow},
			{x: box.x - 2, y: box.y + backEdgeInRow},
			{x: box.x - 1, y: box.y + backEdgeInRow},
		]);
		loops.forEach((edge, k) => {
			const label = k === 0 && text !== '' ? {x: box.x - 3 - textWidth(text), y: box.y + backEdgeOutRow, lines: [text]} : undefined;
			outEdges.push(layoutEdge(edge, true, points, label));
		});
	}

	const startIndex = indexOf.get(graph.startAt);
	const entry =
		startIndex === undefined ? null : {x: boxes[startIndex]!.x + inPort(measured[startIndex]!), y: boxes[startIndex]!.y};
	const width = Math.max(...items.map((item, i) => x[i]! + item.width));
	return {width, height, nodes, edges: outEdges, entry};
}

/** Box, container or terminal size and texts of one node (containers: with their insides laid out). */
function measure(node: GraphNode, ctx: Context, depth: number): Measured {
	if (node.kind !== NodeKind.State) {
		const title = node.kind === NodeKind.Start ? 'Start' : 'End';
		return {
			node,
			shape: NodeShape.Terminal,
			path: null,
			stateType: null,
			title,
			subtitle: '',
			detailWidth: 0,
			collapsed: false,
			width: textWidth(title) + 4,
			height: terminalHeight,
		};
	}
	const title = truncate(node.name, ctx.labelWidth);
	const detailWidth = detailWidthOf(node);
	const isContainer = node.subgraphs.length > 0;
	const collapsed = isContainer && ctx.collapsed.has(node.path);
	if (!isContainer || collapsed) {
		const subtitle = truncate(node.subtitle, ctx.labelWidth);
		const content = Math.max(2 + textWidth(title), 2 + textWidth(subtitle) + (detailWidth > 0 ? 1 + detailWidth : 0));
		return {
			node,
			shape: NodeShape.Box,
			path: node.path,
			stateType: node.stateType,
			title,
			subtitle,
			detailWidth,
			collapsed,
			width: content + 4,
			height: boxHeight,
		};
	}
	// Expanded: the title row names the kind only; the size is what the frame shows.
	const subtitle = truncate(node.subtitle.split(' · ')[0]!, ctx.labelWidth);
	const scopes = node.subgraphs.map(sub => layoutScope(sub, ctx, depth + 1));
	const contentWidth = scopes.reduce((sum, s) => sum + Math.max(s.width, 1), 0) + branchGap * (scopes.length - 1);
	const titleWidth = 2 + textWidth(title) + 2 + textWidth(subtitle) + (detailWidth > 0 ? 1 + detailWidth : 0);
	const inside = Math.max(contentWidth + 2 * containerPadding, titleWidth + 2);
	const columns: number[] = [];
	let column = 1 + Math.floor((inside - contentWidth) / 2);
	for (const s of scopes) {
		columns.push(column);
		column += Math.max(s.width, 1) + branchGap;
	}
	const innerHeight = Math.max(0, ...scopes.map(s => s.height));
	return {
		node,
		shape: NodeShape.Container,
		path: node.path,
		stateType: node.stateType,
		title,
		subtitle,
		detailWidth,
		collapsed: false,
		width: inside + 2,
		height: containerHeaderRows + innerHeight + 2,
		inner: {scopes, columns},
	};
}

/** Columns for the live counter: `attempt/max` retries, `done/total ✗failed` branches or iterations. */
function detailWidthOf(node: StateNode): number {
	const digits = (n: number) => String(n).length;
	let width = node.maxRetryAttempts > 0 ? 2 * digits(node.maxRetryAttempts) + 1 : 0;
	if (node.stateType === 'Parallel') {
		const d = digits(node.subgraphs.length);
		width = Math.max(width, 2 * d + 1 + 2 + d);
	} else if (node.stateType === 'Map') width = Math.max(width, mapDetailWidth);
	return width;
}

/** Emits the node (and, for a container, everything inside it, moved into its frame). */
function placeNode(m: Measured, box: Rect, depth: number, nodes: LayoutNode[], edges: LayoutEdge[]): void {
	const node: LayoutNode = {
		id: m.node.id,
		path: m.path,
		shape: m.shape,
		title: m.title,
		subtitle: m.subtitle,
		stateType: m.stateType,
		detailWidth: m.detailWidth,
		collapsed: m.collapsed,
		depth,
		...box,
	};
	nodes.push(node);
	if (m.inner === undefined) return;
	const ruleY = box.y + containerHeaderRows - 1;
	node.ruleY = ruleY;
	node.branches = [];
	const innerTop = box.y + containerHeaderRows;
	m.inner.scopes.forEach((scope, b) => {
		const left = box.x + m.inner!.columns[b]!;
		node.branches!.push({x: left, y: innerTop, width: Math.max(scope.width, 1), height: scope.height});
		for (const inner of scope.nodes) nodes.push(moveNode(inner, left, innerTop));
		for (const inner of scope.edges) edges.push(moveEdge(inner, left, innerTop));
		if (scope.entry !== null) {
			const entryX = left + scope.entry.x;
			const startAt = (m.node as StateNode).subgraphs[b]!.startAt;
			edges.push({
				id: `${m.node.id}→${startAt}`,
				kind: EdgeKind.Next,
				from: m.node.id,
				to: startAt,
				back: false,
				entry: true,
				points: [
					{x: entryX, y: ruleY},
					{x: entryX, y: innerTop + scope.entry.y},
				],
			});
		}
	});
}

/** Column (from the box's left) where edges enter: the middle of the top border. */
function inPort(m: Measured): number {
	return Math.floor((m.width - 1) / 2);
}

/** Column where edges leave: the middle of the bottom border; Catch edges from further right. */
function outPort(m: Measured, catchEdge: boolean): number {
	return catchEdge ? m.width - 1 - Math.max(2, Math.floor(m.width / 5)) : inPort(m);
}

/**
 * Small ordering biases for the edges leaving one node downward: rule order left to
 * right for a Choice, Catch edges to the right of everything else.
 */
function portBiases(flow: readonly GraphEdge[], back: ReadonlySet<number>, indexOf: ReadonlyMap<string, number>): Map<GraphEdge, number> {
	const groups = new Map<string, GraphEdge[]>();
	flow.forEach((edge, i) => {
		if (back.has(i)) return;
		const key = `${indexOf.get(edge.from)}:${edge.kind === EdgeKind.Catch ? 'catch' : 'main'}`;
		groups.set(key, [...(groups.get(key) ?? []), edge]);
	});
	const bias = new Map<GraphEdge, number>();
	for (const group of groups.values()) {
		group.forEach((edge, k) => {
			const spread = group.length > 1 ? 0.2 * (k / (group.length - 1) - 0.5) : 0;
			bias.set(edge, edge.kind === EdgeKind.Catch ? 0.3 + spread / 2 : spread);
		});
	}
	return bias;
}

function selfLoopLabel(loops: readonly GraphEdge[] | undefined, ctx: Context): string {
	if (loops === undefined) return '';
	const text = loops.map(edge => edge.label).filter(label => label !== undefined).join(', ');
	return truncate(text, ctx.labelWidth);
}

/** Empty columns kept between two neighbours in a layer. */
function separation(left: Item, right: Item, leftIndex: number, rightIndex: number): number {
	// Room for the connector and arrowhead between a state and its loop's line.
	if (right.kind === ItemKind.Attach && right.anchor === leftIndex) return 2;
	if (left.kind === ItemKind.Attach && left.anchor === rightIndex) return 2;
	const leftIsLine = left.kind !== ItemKind.Node && left.kind !== ItemKind.Label;
	const rightIsLine = right.kind !== ItemKind.Node;
	if (leftIsLine && rightIsLine) return 1;
	if (left.kind === ItemKind.Node && right.kind === ItemKind.Node) return 3;
	return 2;
}

function layoutEdge(edge: GraphEdge, back: boolean, points: Point[], label: EdgeLabel | undefined): LayoutEdge {
	const out: LayoutEdge = {id: edge.id, kind: edge.kind, from: edge.from, to: edge.to, back, entry: false, points};
	if (label !== undefined) out.label = label;
	return out;
}

/** Drops repeated points and points in the middle of a straight run. */
function simplify(points: readonly Point[]): Point[] {
	const out: Point[] = [];
	for (const p of points) {
		const last = out[out.length - 1];
		if (last !== undefined && last.x === p.x && last.y === p.y) continue;
		const before = out[out.length - 2];
		if (last !== undefined && before !== undefined && ((before.x === last.x && last.x === p.x) || (before.y === last.y && last.y === p.y))) {
			out[out.length - 1] = p;
			continue;
		}
		out.push(p);
	}
	return out;
}

function moveNode(node: LayoutNode, dx: number, dy: number): LayoutNode {
	const moved: LayoutNode = {...node, x: node.x + dx, y: node.y + dy};
	if (node.ruleY !== undefined) moved.ruleY = node.ruleY + dy;
	if (node.branches !== undefined) moved.branches = node.branches.map(r => ({...r, x: r.x + dx, y: r.y + dy}));
	return moved;
}

function moveEdge(edge: LayoutEdge, dx: number, dy: number): LayoutEdge {
	const moved: LayoutEdge = {...edge, points: edge.points.map(p => ({x: p.x + dx, y: p.y + dy}))};
	if (edge.label !== undefined) moved.label = {...edge.label, x: edge.label.x + dx, y: edge.label.y + dy};
	return moved;
}
