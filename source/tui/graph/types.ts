/**
 * Types shared by the three pure stages of the execution graph:
 *
 *   buildGraph(definition) -> Graph        what the state machine is (nodes, edges, nesting)
 *   layoutGraph(graph, opts) -> Layout     where everything goes (cells, top to bottom)
 *   paintGraph(layout, statuses) -> Cell[][]  what each terminal cell shows, with a colour *token*
 *
 * State paths name a state uniquely across nesting levels, so live statuses can be
 * keyed by them (see `statePath.ts` for the scheme):
 *
 *   top level                       Name
 *   inside a Map's item processor   MapName/Name
 *   inside a Parallel branch        ParallelName/<branch index, 0-based>/Name
 *
 * and so on recursively (`Outer/1/Inner/Name`).
 */
import type {StateType} from '../../asl/definition.js';

// ---------------------------------------------------------------------------
// Graph (buildGraph)

export const NodeKind = {
	State: 'state',
	Start: 'start',
	End: 'end',
} as const;
export type NodeKind = (typeof NodeKind)[keyof typeof NodeKind];

export const EdgeKind = {
	/** `Next`, `End` (to the end marker) and the start marker's edge. */
	Next: 'next',
	/** One Choice rule's `Next`. */
	Choice: 'choice',
	/** A Choice state's `Default`. */
	Default: 'default',
	/** A Catcher's `Next`. */
	Catch: 'catch',
} as const;
export type EdgeKind = (typeof EdgeKind)[keyof typeof EdgeKind];

/**
 * Ids of the terminal markers of the top-level graph. They use characters a state
 * name is very unlikely to be made of, and nested graphs have no markers at all.
 */
export const StartNodeId = '⟨start⟩';
export const EndNodeId = '⟨end⟩';

export interface StateNode {
	kind: typeof NodeKind.State;
	/** The state's path; also its id. */
	id: string;
	path: string;
	name: string;
	stateType: StateType;
	/** One line describing the state under its name, e.g. `Lambda: Invoke`, `Wait 10s`, `Fail: NoOrder`. */
	subtitle: string;
	/** Largest `MaxAttempts` of its retriers (0 without Retry): sizes the retry counter. */
	maxRetryAttempts: number;
	/** Parallel: one per branch; Map: the item processor (or legacy Iterator). Empty otherwise. */
	subgraphs: Graph[];
}

export interface TerminalNode {
	kind: typeof NodeKind.Start | typeof NodeKind.End;
	id: string;
}

export type GraphNode = StateNode | TerminalNode;

export interface GraphEdge {
	/** Unique within its graph: `from→to#n`. */
	id: string;
	kind: EdgeKind;
	from: string;
	to: string;
	/** Choice: the rule rendered short (`$.region == "EU"`) or `Default`; Catch: the ErrorEquals. */
	label?: string;
}

export interface Graph {
	/**
	 * Path prefix of this graph's states: `''` at the top level, `Map` for a Map's
	 * processor, `Parallel/0` for a branch.
	 */
	scope: string;
	/** Id of the state execution enters first (`StartAt`). */
	startAt: string;
	/** States in definition order; the top level adds the start and end markers. */
	nodes: GraphNode[];
	edges: GraphEdge[];
	/** Transitions naming a state that does not exist in this scope (an invalid definition); not drawn. */
	danglingTargets: {from: string; to: string}[];
}

// ---------------------------------------------------------------------------
// Layout (layoutGraph)

export interface Point {
	x: number;
	y: number;
}

export interface Rect {
	x: number;
	y: number;
	width: number;
	height: number;
}

export const NodeShape = {
	/** Start/End pill. */
	Terminal: 'terminal',
	/** A state drawn as one box: leaf states and collapsed Parallel/Map states. */
	Box: 'box',
	/** An expanded Parallel/Map: a frame around its branches or item processor. */
	Container: 'container',
} as const;
export type NodeShape = (typeof NodeShape)[keyof typeof NodeShape];

export interface LayoutNode extends Rect {
	id: string;
	/** The state path; null for the terminal markers. */
	path: string | null;
	shape: NodeShape;
	/** Terminals: `Start`/`End`; states: the name, truncated with `…` to the label width. */
	title: string;
	/** States: the type line (see StateNode.subtitle, truncated); terminals: ''. */
	subtitle: string;
	stateType: StateType | null;
	/**
	 * Columns kept free at the right of the type line (boxes) or title line (containers)
	 * for the live counter (`2/3` retries, `7/10 ✗1` iterations), so a running
	 * execution never moves a box.
	 */
	detailWidth: number;
	/** A Parallel/Map drawn as one box because its path is in `collapsed`. */
	collapsed: boolean;
	/** Nesting level: 0 at the top, 1 inside one container, ... */
	depth: number;
	/** Containers: the row of the rule under the title, where branches are entered. */
	ruleY?: number;
	/** Containers: the area of each branch (Parallel) or of the item processor (Map). */
	branches?: Rect[];
}

export interface EdgeLabel {
	/** Column and row of the first character of the first line. */
	x: number;
	y: number;
	lines: string[];
}

export interface LayoutEdge {
	id: string;
	kind: EdgeKind;
	from: string;
	to: string;
	/** Goes against the flow (a loop): leaves its source's right side and climbs to its target's right side. */
	back: boolean;
	/** A Parallel branch's or Map processor's entry, from the container's rule into its first state. */
	entry: boolean;
	/**
	 * Orthogonal polyline. The first point is the cell on the source's border the edge
	 * leaves from; the last one is where the arrowhead goes (the target's top border,
	 * or the cell right of its right border for back edges, left of its left border for self-loops).
	 */
	points: Point[];
	label?: EdgeLabel;
}

export interface Layout {
	width: number;
	height: number;
	/** Containers come before the nodes inside them. */
	nodes: LayoutNode[];
	edges: LayoutEdge[];
}

export interface LayoutOptions {
	/** State paths of Parallel/Map states to draw as one box. */
	collapsed?: ReadonlySet<string>;
	/**
	 * Columns available. A narrower drawing is centred in them; a wider one is
	 * first redrawn with shorter labels (down to a floor), then left for `viewport` to scroll.
	 */
	width?: number;
	/** Longest state name, type line or edge label line before truncation with `…` (default 28). */
	maxLabelWidth?: number;
}

// ---------------------------------------------------------------------------
// Statuses and painting (paintGraph)

export const StatusKind = {
	NotRun: 'notRun',
	InProgress: 'inProgress',
	Succeeded: 'succeeded',
	Failed: 'failed',
	/** Failed, and a Catcher took the execution elsewhere. */
	Caught: 'caught',
	/** Stopped while running (execution aborted or timed out). */
	Cancelled: 'cancelled',
	/** Waiting for a task token (an approval, a callback) or an activity worker. */
	Waiting: 'waiting',
	Retrying: 'retrying',
	/** A Map or Parallel under way: iterations or branches done, of total, failed. */
	Iterations: 'iterations',
} as const;
export type StatusKind = (typeof StatusKind)[keyof typeof StatusKind];

export interface IterationCounts {
	done: number;
	total: number;
	failed: number;
}

export type NodeStatus =
	| {kind: typeof StatusKind.NotRun}
	| {kind: typeof StatusKind.InProgress}
	| {kind: typeof StatusKind.Waiting}
	| {kind: typeof StatusKind.Cancelled}
	/** Finished states of a Map/Parallel may keep their counts to stay on screen. */
	| {kind: typeof StatusKind.Succeeded; iterations?: IterationCounts}
	| {kind: typeof StatusKind.Failed; iterations?: IterationCounts}
	| {kind: typeof StatusKind.Caught; iterations?: IterationCounts}
	/** `attempt` counts retries, 1-based, of the matching retrier's `maxAttempts`. */
	| {kind: typeof StatusKind.Retrying; attempt: number; maxAttempts: number}
	| ({kind: typeof StatusKind.Iterations} & IterationCounts);

/** Semantic colour tokens: the TUI maps them to colours, tests read them as names. */
export const Token = {
	Blank: 'blank',
	StatusNotRun: 'status.notRun',
	StatusInProgress: 'status.inProgress',
	StatusSucceeded: 'status.succeeded',
	StatusFailed: 'status.failed',
	StatusCaught: 'status.caught',
	StatusCancelled: 'status.cancelled',
	StatusWaiting: 'status.waiting',
	StatusRetrying: 'status.retrying',
	/** A state's name. */
	NodeTitle: 'node.title',
	/** The type line under the name. */
	NodeSubtitle: 'node.subtitle',
	Terminal: 'terminal',
	EdgeNext: 'edge.next',
	EdgeChoice: 'edge.choice',
	EdgeDefault: 'edge.default',
	EdgeCatch: 'edge.catch',
	LabelChoice: 'label.choice',
	LabelDefault: 'label.default',
	LabelCatch: 'label.catch',
} as const;
export type Token = (typeof Token)[keyof typeof Token];

/**
 * One terminal cell. A double-width character occupies its cell and the next one,
 * whose `char` is then `''` (render nothing there).
 */
export interface Cell {
	char: string;
	token: Token;
}

export type Statuses = Readonly<Record<string, NodeStatus>>;
