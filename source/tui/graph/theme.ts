/**
 * What the painter draws with: status glyphs, box-drawing characters, arrowheads.
 * Colour is not here: cells carry semantic tokens and the TUI maps those to colours,
 * so every status also has a glyph and reads without colour (monochrome terminals,
 * `NO_COLOR`, golden files). `asciiTheme` is for terminals without Unicode.
 */
import {StatusKind, Token} from './types.js';
import type {NodeStatus} from './types.js';

/**
 * Line characters indexed by a bitmask of the directions a cell connects:
 * up 1, right 2, down 4, left 8.
 */
export interface LineSet {
	light: string;
	double: string;
	/** Vertical strokes double, horizontal light (a container's side with an edge or rule joining). */
	doubleVertical: string;
	/** Vertical strokes light, horizontal double (an edge leaving a container's bottom). */
	doubleHorizontal: string;
	/** Rounded corners of the Start/End pills: ┌ ┐ └ ┘ positions. */
	rounded: {downRight: string; downLeft: string; upRight: string; upLeft: string};
	dashedVertical: string;
	dashedHorizontal: string;
}

export interface GraphTheme {
	glyphs: Record<StatusKind, string>;
	lines: LineSet;
	arrows: {down: string; up: string; left: string; right: string};
	/** Marks the failed count in a counter: `7/10 ✗2`. */
	failedMark: string;
	/** Ends text cut short by the layout (drawn there as `…`). */
	ellipsis: string;
}

export const unicodeTheme: GraphTheme = {
	glyphs: {
		notRun: '○',
		inProgress: '●',
		succeeded: '✓',
		failed: '✗',
		caught: '↪',
		cancelled: '⊘',
		waiting: '⧗',
		retrying: '↻',
		iterations: '◐',
	},
	lines: {
		light: ' │─└││┌├─┘─┴┐┤┬┼',
		double: ' ║═╚║║╔╠═╝═╩╗╣╦╬',
		doubleVertical: ' ║─╙║║╓╟─╜─╨╖╢╥╫',
		doubleHorizontal: ' │═╘││╒╞═╛═╧╕╡╤╪',
		rounded: {downRight: '╭', downLeft: '╮', upRight: '╰', upLeft: '╯'},
		dashedVertical: '┆',
		dashedHorizontal: '┄',
	},
	arrows: {down: '▼', up: '▲', left: '◀', right: '▶'},
	failedMark: '✗',
	ellipsis: '…',
};

export const asciiTheme: GraphTheme = {
	glyphs: {
		notRun: '.',
		inProgress: '>',
		succeeded: '+',
		failed: 'x',
		caught: '!',
		cancelled: '-',
		waiting: '?',
		retrying: '@',
		iterations: '%',
	},
	lines: {
		light: ' |-+||++-+-+++++',
		double: ' |=#||##=#=#####',
		doubleVertical: ' |-#||##-#-#####',
		doubleHorizontal: ' |=#||##=#=#####',
		rounded: {downRight: '.', downLeft: '.', upRight: "'", upLeft: "'"},
		dashedVertical: ':',
		dashedHorizontal: '.',
	},
	arrows: {down: 'v', up: '^', left: '<', right: '>'},
	failedMark: 'x',
	ellipsis: '~',
};

const statusTokens: Record<StatusKind, Token> = {
	notRun: Token.StatusNotRun,
	inProgress: Token.StatusInProgress,
	succeeded: Token.StatusSucceeded,
	failed: Token.StatusFailed,
	caught: Token.StatusCaught,
	cancelled: Token.StatusCancelled,
	waiting: Token.StatusWaiting,
	retrying: Token.StatusRetrying,
	iterations: Token.StatusInProgress,
};

export function statusToken(status: NodeStatus): Token {
	return statusTokens[status.kind];
}

export function statusGlyph(status: NodeStatus, theme: GraphTheme = unicodeTheme): string {
	return theme.glyphs[status.kind];
}

/** The counter drawn beside a state: `2/3` while retrying, `7/10` or `7/10 ✗1` for iterations; '' otherwise. */
export function statusDetail(status: NodeStatus, theme: GraphTheme = unicodeTheme): {count: string; failed: string} {
	if (status.kind === StatusKind.Retrying) return {count: `${status.attempt}/${status.maxAttempts}`, failed: ''};
	const iterations =
		status.kind === StatusKind.Iterations
			? status
			: 'iterations' in status && status.iterations !== undefined
				? status.iterations
				: undefined;
	if (iterations === undefined) return {count: '', failed: ''};
	return {
		count: `${iterations.done}/${iterations.total}`,
		failed: iterations.failed > 0 ? `${theme.failedMark}${iterations.failed}` : '',
	};
}

export interface LegendEntry {
	symbol: string;
	token: Token;
	label: string;
}

const statusLabels: Record<StatusKind, string> = {
	notRun: 'not run',
	inProgress: 'in progress',
	succeeded: 'succeeded',
	failed: 'failed',
	caught: 'caught error',
	cancelled: 'cancelled',
	waiting: 'waiting (approval, callback)',
	retrying: 'retrying: attempt/max',
	iterations: 'map/parallel: done/total ✗failed',
};

/** One line per status glyph and edge style, in the theme's characters. */
export function legend(theme: GraphTheme = unicodeTheme): LegendEntry[] {
	const {lines, arrows} = theme;
	const horizontal = lines.light[2]!;
	const statuses = (Object.values(StatusKind) as StatusKind[]).map(kind => ({
		symbol: theme.glyphs[kind],
		token: statusTokens[kind],
		label: kind === StatusKind.Iterations ? statusLabels[kind].replace('✗', theme.failedMark) : statusLabels[kind],
	}));
	return [
		...statuses,
		{symbol: `${horizontal}${horizontal}${arrows.down}`, token: Token.EdgeNext, label: 'next'},
		{symbol: `${horizontal}${horizontal}${arrows.down}`, token: Token.EdgeChoice, label: 'choice rule (labelled)'},
		{symbol: `${lines.dashedHorizontal}${lines.dashedHorizontal}${arrows.down}`, token: Token.EdgeCatch, label: 'catch (labelled with errors)'},
		{symbol: `${arrows.left}${horizontal}${lines.light[9]!}`, token: Token.EdgeNext, label: 'loop back'},
	];
}
