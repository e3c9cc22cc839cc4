/**
 * The painted graph as a grid of cells, and the two ways out of it: plain text (golden
 * files, terminals without colour, `--json`-less logs) and a scrolled window onto it
 * for a panel smaller than the graph.
 */
import {Token} from './types.js';
import type {Cell, Layout} from './types.js';

export function blankCell(): Cell {
	return {char: ' ', token: Token.Blank};
}

/** Rows joined by newlines, trailing spaces trimmed (a double-width character's second cell adds nothing). */
export function gridToString(cells: readonly (readonly Cell[])[]): string {
	return cells.map(row => row.map(cell => cell.char).join('').trimEnd()).join('\n');
}

export interface ViewportWindow {
	/** First row and column shown; may be negative or beyond the grid (blank cells fill in). */
	top: number;
	left: number;
	rows: number;
	cols: number;
}

/**
 * Exactly `rows` × `cols` cells of the grid starting at `top`,`left`. A double-width
 * character cut by either edge becomes a blank, so the window never spills over.
 */
export function viewport(cells: readonly (readonly Cell[])[], {top, left, rows, cols}: ViewportWindow): Cell[][] {
	const out: Cell[][] = [];
	for (let r = 0; r < Math.max(0, rows); r++) {
		const source = cells[top + r];
		const row: Cell[] = [];
		for (let c = 0; c < Math.max(0, cols); c++) {
			const cell = source?.[left + c];
			row.push(cell === undefined ? blankCell() : {...cell});
		}
		if (row.length > 0) {
			if (row[0]!.char === '') row[0] = blankCell();
			const lastIndex = row.length - 1;
			const next = source?.[left + cols];
			if (next !== undefined && next.char === '' && row[lastIndex]!.char !== '') row[lastIndex] = blankCell();
		}
		out.push(row);
	}
	return out;
}

/**
 * The window position that shows the state at `path` (centred when the graph is
 * larger than the window, clamped to the graph's edges), or `current` unchanged if
 * the state is already fully visible or not in the layout. For following a live
 * execution without jumping around while the running state is on screen.
 */
export function scrollTo(
	layout: Layout,
	path: string,
	current: ViewportWindow,
): ViewportWindow {
	const node = layout.nodes.find(n => n.path === path);
	if (node === undefined) return current;
	const visible =
		node.y >= current.top &&
		node.y + node.height <= current.top + current.rows &&
		node.x >= current.left &&
		node.x + node.width <= current.left + current.cols;
	if (visible) return current;
	const clamp = (value: number, size: number, window: number) => Math.max(0, Math.min(value, size - window));
	return {
		...current,
		top: clamp(node.y + Math.floor(node.height / 2) - Math.floor(current.rows / 2), layout.height, current.rows),
		left: clamp(node.x + Math.floor(node.width / 2) - Math.floor(current.cols / 2), layout.width, current.cols),
	};
}
