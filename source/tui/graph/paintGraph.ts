/**
 * Paints a layout into a grid of cells with box-drawing characters and semantic
 * colour tokens. Lines are first collected as directions per cell (up, right, down,
 * left, each light or double, maybe dashed), so where an edge leaves a border, two
 * edges share a bar or a line crosses another, the right junction character (┬ ├ ╤ ┼)
 * comes out by itself. Arrowheads and text go on top.
 *
 * What it looks like:
 * - a state is a box: status glyph and name, then its type line, with a live counter
 *   at the right (`↻ … 2/3` retrying, `◐ … 7/10 ✗1` iterations); the border and the
 *   glyph carry the status token;
 * - Parallel and Map states (expanded or collapsed) have double borders;
 * - Start and End are rounded pills;
 * - Catch edges are dashed (┄ ┆), Choice edges carry their rule, loops enter a
 *   state's right side with ◀.
 */
import {blankCell} from './grid.js';
import type {ViewportWindow} from './grid.js';
import {statusDetail, statusGlyph, statusToken, unicodeTheme} from './theme.js';
import type {GraphTheme} from './theme.js';
import {charWidth, textWidth, truncate} from './textWidth.js';
import {EdgeKind, NodeShape, StatusKind, Token} from './types.js';
import type {Cell, Layout, LayoutEdge, LayoutNode, NodeStatus, Point, Statuses} from './types.js';

const notRun: NodeStatus = {kind: StatusKind.NotRun};

const Direction = {Up: 0, Right: 1, Down: 2, Left: 3} as const;
type Direction = (typeof Direction)[keyof typeof Direction];

const Weight = {Light: 1, Double: 2} as const;
type Weight = (typeof Weight)[keyof typeof Weight];

/** Which line wins a shared cell's colour: borders over solid edges over catch edges. */
const Priority = {Catch: 1, Edge: 2, Border: 3} as const;

const edgeTokens: Record<EdgeKind, {line: Token; label: Token}> = {
	next: {line: Token.EdgeNext, label: Token.EdgeNext},
	choice: {line: Token.EdgeChoice, label: Token.LabelChoice},
	default: {line: Token.EdgeDefault, label: Token.LabelDefault},
	catch: {line: Token.EdgeCatch, label: Token.LabelCatch},
};

/**
 * The layout painted with the given statuses (a state without one has not run).
 * With `window`, only that part is painted and returned (exactly rows × cols, as
 * `viewport` would cut it from the whole): for repainting a big graph live.
 */
export function paintGraph(layout: Layout, statuses: Statuses = {}, theme: GraphTheme = unicodeTheme, window?: ViewportWindow): Cell[][] {
	const area = window ?? {top: 0, left: 0, rows: layout.height, cols: layout.width};
	const rows = Math.max(0, area.rows);
	const cols = Math.max(0, area.cols);
	const grid: Cell[][] = Array.from({length: rows}, () => Array.from({length: cols}, blankCell));
	const cells: Surface = {grid, left: area.left, top: area.top};
	const lines = new LineCanvas(cols, rows, area.left, area.top);
	const statusOf = (node: LayoutNode) => (node.path === null ? notRun : (statuses[node.path] ?? notRun));

	for (const node of layout.nodes) {
		const token = node.shape === NodeShape.Terminal ? Token.Terminal : statusToken(statusOf(node));
		const weight = node.shape === NodeShape.Terminal || node.stateType === null || !isContainerType(node) ? Weight.Light : Weight.Double;
		lines.rect(node, weight, token, node.shape === NodeShape.Terminal);
		if (node.ruleY !== undefined) lines.segment({x: node.x, y: node.ruleY}, {x: node.x + node.width - 1, y: node.ruleY}, Weight.Light, false, token, Priority.Border);
	}
	for (const edge of layout.edges) {
		const dashed = edge.kind === EdgeKind.Catch;
		const token = edgeTokens[edge.kind].line;
		for (let i = 0; i + 1 < edge.points.length; i++) {
			lines.segment(edge.points[i]!, edge.points[i + 1]!, Weight.Light, dashed, token, dashed ? Priority.Catch : Priority.Edge);
		}
	}
	lines.render(grid, theme);

	for (const edge of layout.edges) paintArrow(cells, edge, theme);
	for (const node of layout.nodes) paintNodeText(cells, node, statusOf(node), theme);
	for (const edge of layout.edges) {
		if (edge.label === undefined) continue;
		edge.label.lines.forEach((line, i) => putText(cells, edge.label!.x, edge.label!.y + i, inTheme(line, theme), edgeTokens[edge.kind].label));
	}
	return grid;
}

/** Cells being painted, and the drawing's column and row of the first one. */
interface Surface {
	grid: Cell[][];
	left: number;
	top: number;
}

/** Parallel and Map states, drawn expanded or collapsed, get double borders. */
function isContainerType(node: LayoutNode): boolean {
	return node.stateType === 'Parallel' || node.stateType === 'Map';
}

function paintArrow(cells: Surface, edge: LayoutEdge, theme: GraphTheme): void {
	const end = edge.points[edge.points.length - 1];
	const before = edge.points[edge.points.length - 2];
	if (end === undefined || before === undefined) return;
	const {arrows} = theme;
	const char = end.y > before.y ? arrows.down : end.y < before.y ? arrows.up : end.x < before.x ? arrows.left : arrows.right;
	setCell(cells, end.x, end.y, char, edgeTokens[edge.kind].line);
}

/** The layout's `…` in the theme's characters (ASCII terminals have none). */
function inTheme(text: string, theme: GraphTheme): string {
	return theme.ellipsis === '…' ? text : text.replaceAll('…', theme.ellipsis);
}

function paintNodeText(cells: Surface, node: LayoutNode, status: NodeStatus, theme: GraphTheme): void {
	if (node.shape === NodeShape.Terminal) {
		putText(cells, node.x + 2, node.y + 1, node.title, Token.Terminal);
		return;
	}
	const token = statusToken(status);
	const left = node.x + 2;
	const right = node.x + node.width - 3; // last column inside the padding
	putText(cells, left, node.y + 1, statusGlyph(status, theme), token);
	putText(cells, left + 2, node.y + 1, inTheme(node.title, theme), Token.NodeTitle);

	const detail = statusDetail(status, theme);
	const row = node.shape === NodeShape.Container ? node.y + 1 : node.y + 2;
	// Where the type line may go: after the title on a container's title row, else under the name.
	const typeStart = node.shape === NodeShape.Container ? left + 2 + textWidth(node.title) + 2 : left + 2;
	let detailStart = right + 1;
	if (detail.count !== '') {
		// The whole counter if it fits, else without the failed part, else cut.
		const room = right + 1 - typeStart;
		const full = detail.failed === '' ? detail.count : `${detail.count} ${detail.failed}`;
		const shown = textWidth(full) <= room ? full : textWidth(detail.count) <= room ? detail.count : inTheme(truncate(detail.count, room), theme);
		detailStart = right + 1 - textWidth(shown);
		putText(cells, detailStart, row, shown === full ? detail.count : shown, token);
		if (shown === full && detail.failed !== '') putText(cells, detailStart + textWidth(detail.count) + 1, row, detail.failed, Token.StatusFailed);
	}
	// The type text keeps its place when a counter appears: reserved columns come first,
	// and a blank column separates it from the counter.
	const reservedStart = node.detailWidth > 0 ? right + 1 - node.detailWidth : right + 1;
	const limit = Math.min(detailStart, reservedStart);
	const typeEnd = limit <= right ? limit - 1 : limit;
	const subtitle = inTheme(truncate(node.subtitle, typeEnd - typeStart), theme);
	putText(cells, typeStart, row, subtitle, Token.NodeSubtitle);
}

function setCell(cells: Surface, x: number, y: number, char: string, token: Token): void {
	const row = cells.grid[y - cells.top];
	const column = x - cells.left;
	if (row === undefined || column < 0 || column >= row.length) return;
	row[column] = {char, token};
}

/**
 * Writes text from column x; double-width characters take two cells (one cut by the
 * edge is left out), combining marks join the previous one.
 */
function putText(cells: Surface, x: number, y: number, text: string, token: Token): void {
	const row = cells.grid[y - cells.top];
	if (row === undefined) return;
	let column = x - cells.left;
	for (const char of text) {
		const width = charWidth(char);
		if (width === 0) {
			const previous = row[column - 1];
			if (previous !== undefined) row[column - 1] = {...previous, char: previous.char + char};
			continue;
		}
		if (column >= 0 && column + width <= row.length) {
			row[column] = {char, token};
			if (width === 2) row[column + 1] = {char: '', token};
		}
		column += width;
	}
}

/** Lines as directions per cell, rendered to box-drawing characters at the end. */
class LineCanvas {
	readonly #width: number;
	readonly #height: number;
	/** The drawing's column and row of this canvas' first cell. */
	readonly #left: number;
	readonly #top: number;
	readonly #weight: Uint8Array;
	readonly #dashed: Uint8Array;
	readonly #rounded: Uint8Array;
	readonly #token: (Token | undefined)[];
	readonly #priority: Uint8Array;

	constructor(width: number, height: number, left: number, top: number) {
		this.#width = width;
		this.#height = height;
		this.#left = left;
		this.#top = top;
		this.#weight = new Uint8Array(width * height * 4);
		this.#dashed = new Uint8Array(width * height * 4);
		this.#rounded = new Uint8Array(width * height);
		this.#token = new Array<Token | undefined>(width * height);
		this.#priority = new Uint8Array(width * height);
	}

	rect(r: {x: number; y: number; width: number; height: number}, weight: Weight, token: Token, rounded: boolean): void {
		const right = r.x + r.width - 1;
		const bottom = r.y + r.height - 1;
		this.segment({x: r.x, y: r.y}, {x: right, y: r.y}, weight, false, token, Priority.Border);
		this.segment({x: r.x, y: bottom}, {x: right, y: bottom}, weight, false, token, Priority.Border);
		this.segment({x: r.x, y: r.y}, {x: r.x, y: bottom}, weight, false, token, Priority.Border);
		this.segment({x: right, y: r.y}, {x: right, y: bottom}, weight, false, token, Priority.Border);
		if (rounded) {
			for (const [x, y] of [
				[r.x, r.y],
				[right, r.y],
				[r.x, bottom],
				[right, bottom],
			] as const) {
				if (this.#inside(x - this.#left, y - this.#top)) this.#rounded[(y - this.#top) * this.#width + x - this.#left] = 1;
			}
		}
	}

	/** A straight run from a to b (same row or same column), both ends included. */
	segment(a: Point, b: Point, weight: Weight, dashed: boolean, token: Token, priority: number): void {
		if (a.y === b.y) {
			const [from, to] = a.x <= b.x ? [a.x, b.x] : [b.x, a.x];
			for (let x = from; x <= to; x++) {
				if (x < to) this.#connect(x, a.y, Direction.Right, weight, dashed, token, priority);
				if (x > from) this.#connect(x, a.y, Direction.Left, weight, dashed, token, priority);
			}
		} else if (a.x === b.x) {
			const [from, to] = a.y <= b.y ? [a.y, b.y] : [b.y, a.y];
			for (let y = from; y <= to; y++) {
				if (y < to) this.#connect(a.x, y, Direction.Down, weight, dashed, token, priority);
				if (y > from) this.#connect(a.x, y, Direction.Up, weight, dashed, token, priority);
			}
		}
	}

	render(cells: Cell[][], theme: GraphTheme): void {
		const {lines} = theme;
		for (let y = 0; y < this.#height; y++) {
			for (let x = 0; x < this.#width; x++) {
				const cell = y * this.#width + x;
				let mask = 0;
				let vertical = 0;
				let horizontal = 0;
				let allDashed = true;
				for (let d = 0; d < 4; d++) {
					const w = this.#weight[cell * 4 + d]!;
					if (w === 0) continue;
					mask |= 1 << d;
					if (d % 2 === 0) vertical = Math.max(vertical, w);
					else horizontal = Math.max(horizontal, w);
					if (!this.#dashed[cell * 4 + d]) allDashed = false;
				}
				if (mask === 0) continue;
				let char: string;
				const straightVertical = (mask & 0b1010) === 0;
				const straightHorizontal = (mask & 0b0101) === 0;
				if (allDashed && straightVertical) char = lines.dashedVertical;
				else if (allDashed && straightHorizontal) char = lines.dashedHorizontal;
				else if (this.#rounded[cell] && vertical === Weight.Light && horizontal === Weight.Light) char = roundedCorner(mask, lines) ?? lines.light[mask]!;
				else {
					const table =
						vertical === Weight.Double
							? horizontal === Weight.Double
								? lines.double
								: lines.doubleVertical
							: horizontal === Weight.Double
								? lines.doubleHorizontal
								: lines.light;
					char = table[mask]!;
				}
				cells[y]![x] = {char, token: this.#token[cell] ?? Token.EdgeNext};
			}
		}
	}

	#inside(x: number, y: number): boolean {
		return x >= 0 && y >= 0 && x < this.#width && y < this.#height;
	}

	#connect(drawingX: number, drawingY: number, direction: Direction, weight: Weight, dashed: boolean, token: Token, priority: number): void {
		const x = drawingX - this.#left;
		const y = drawingY - this.#top;
		if (!this.#inside(x, y)) return;
		const cell = y * this.#width + x;
		const slot = cell * 4 + direction;
		const current = this.#weight[slot]!;
		if (weight > current) {
			this.#weight[slot] = weight;
			this.#dashed[slot] = dashed ? 1 : 0;
		} else if (weight === current && !dashed) this.#dashed[slot] = 0;
		if (priority > this.#priority[cell]!) {
			this.#priority[cell] = priority;
			this.#token[cell] = token;
		}
	}
}

function roundedCorner(mask: number, lines: GraphTheme['lines']): string | undefined {
	switch (mask) {
		case 0b0110:
			return lines.rounded.downRight;
		case 0b1100:
			return lines.rounded.downLeft;
		case 0b0011:
			return lines.rounded.upRight;
		case 0b1001:
			return lines.rounded.upLeft;
		default:
			return undefined;
	}
}
