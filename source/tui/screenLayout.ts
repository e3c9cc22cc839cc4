/**
 * Where the panes go for a terminal size: three columns when wide (≥150 columns),
 * two when medium (≥100), one pane at a time behind tabs when narrow, or the focused
 * pane alone when zoomed. Pure, so the App recomputes it on every resize and tests
 * check it without a terminal.
 *
 * The list panes share a column the way lazygit stacks its panels: the focused one
 * (Executions when none is) grows, the others keep a few rows each.
 */
import {PaneId} from './keymap.js';

export const LayoutMode = {
	Wide: 'wide',
	Medium: 'medium',
	Narrow: 'narrow',
} as const;
export type LayoutMode = (typeof LayoutMode)[keyof typeof LayoutMode];

export const WIDE_COLUMNS = 150;
export const MEDIUM_COLUMNS = 100;
/** Header and footer lines around the panes. */
export const CHROME_ROWS = 2;

export interface PaneBox {
	pane: PaneId;
	/** Outer size, border included. */
	width: number;
	height: number;
}

export interface LayoutColumn {
	width: number;
	panes: PaneBox[];
}

export interface ScreenLayout {
	mode: LayoutMode;
	/** The whole frame: one row shorter than the terminal, so Ink never scrolls it. */
	width: number;
	height: number;
	/** A tab bar above the pane (narrow, or zoomed). */
	tabs: boolean;
	columns: LayoutColumn[];
}

const stacked: readonly PaneId[] = [PaneId.Functions, PaneId.Executions, PaneId.Approvals, PaneId.Schedules];
/** Fewest rows a stacked pane keeps: border, header row, two rows. */
const MIN_PANE_ROWS = 5;

export function layoutMode(columns: number): LayoutMode {
	if (columns >= WIDE_COLUMNS) return LayoutMode.Wide;
	if (columns >= MEDIUM_COLUMNS) return LayoutMode.Medium;
	return LayoutMode.Narrow;
}

export function computeLayout(options: {columns: number; rows: number; focused: PaneId; zoomed: boolean}): ScreenLayout {
	const width = Math.max(20, options.columns);
	const height = Math.max(8, options.rows - 1);
	const body = height - CHROME_ROWS;
	const mode = layoutMode(width);
	if (options.zoomed || mode === LayoutMode.Narrow) {
		return {mode, width, height, tabs: true, columns: [{width, panes: [{pane: options.focused, width, height: body - 1}]}]};
	}
	if (mode === LayoutMode.Wide) {
		const left = Math.floor(width * 0.32);
		const middle = Math.floor(width * 0.34);
		const right = width - left - middle;
		return {
			mode,
			width,
			height,
			tabs: false,
			columns: [
				{width: left, panes: stack(stacked, options.focused, left, body)},
				{width: middle, panes: [{pane: PaneId.Graph, width: middle, height: body}]},
				{width: right, panes: [{pane: PaneId.Detail, width: right, height: body}]},
			],
		};
	}
	const left = Math.floor(width * 0.42);
	const right = width - left;
	const detailFocused = options.focused === PaneId.Detail;
	const graphHeight = Math.max(MIN_PANE_ROWS, Math.round(body * (detailFocused ? 0.4 : 0.6)));
	return {
		mode,
		width,
		height,
		tabs: false,
		columns: [
			{width: left, panes: stack(stacked, options.focused, left, body)},
			{
				width: right,
				panes: [
					{pane: PaneId.Graph, width: right, height: graphHeight},
					{pane: PaneId.Detail, width: right, height: body - graphHeight},
				],
			},
		],
	};
}

function stack(panes: readonly PaneId[], focused: PaneId, width: number, height: number): PaneBox[] {
	const grown = panes.includes(focused) ? focused : PaneId.Executions;
	const others = panes.length - 1;
	const compact = Math.max(MIN_PANE_ROWS, Math.floor(height * 0.17));
	const small = Math.min(compact, Math.floor((height - MIN_PANE_ROWS) / others));
	const rest = height - small * others;
	return panes.map(pane => ({pane, width, height: pane === grown ? rest : small}));
}
