/**
 * Tables as fitted lines. The workbench draws its own rather than use
 * @alcalzone/ink-table because its lists must (a) draw only the visible window of
 * 10,000 rows, (b) mark the selected row, (c) drop the least important columns when
 * a pane is narrow instead of wrapping, and (d) colour single cells by status; ink-table
 * renders every row it is given, sizes columns from all content, and has none of
 * the other three.
 */
import {fit, fitRight} from './format.js';
import {fitLine, lineWidth, scrollWindow, seg, type Line, type Segment} from './lines.js';
import {UiToken} from './theme.js';

export interface Column<T> {
	title: string;
	/** Columns; `flex` takes what the fixed ones leave (at least `minWidth`). */
	width: number | 'flex';
	minWidth?: number;
	align?: 'left' | 'right';
	/** Lower is more important: narrow panes drop the highest numbers first. */
	priority: number;
	cell(item: T): Segment | Segment[] | string;
}

export interface TableOptions<T> {
	columns: readonly Column<T>[];
	items: readonly T[];
	/** Index of the selected item, -1 for none. */
	selected: number;
	/** First visible row last time; the window moves only as far as the selection needs. */
	top: number;
	width: number;
	/** Rows for the header and the items. */
	height: number;
	focused: boolean;
	empty?: string;
}

const GAP = 1;
/** A marker column: `›` on the selected row, so the selection shows without colour or inverse. */
const MARKER = 1;

export function visibleColumns<T>(columns: readonly Column<T>[], width: number): Column<T>[] {
	const kept = [...columns];
	const need = (list: Column<T>[]) =>
		MARKER + list.reduce((sum, c) => sum + (c.width === 'flex' ? (c.minWidth ?? 8) : c.width), 0) + GAP * Math.max(0, list.length - 1);
	while (kept.length > 1 && need(kept) > width) {
		let drop = 0;
		for (let i = 1; i < kept.length; i++) if (kept[i].priority > kept[drop].priority) drop = i;
		kept.splice(drop, 1);
	}
	return kept;
}

export function tableLines<T>(options: TableOptions<T>): {lines: Line[]; top: number} {
	const {items, selected, width, height, focused} = options;
	const columns = visibleColumns(options.columns, width);
	const fixed = columns.reduce((sum, c) => sum + (c.width === 'flex' ? 0 : c.width), 0) + GAP * Math.max(0, columns.length - 1) + MARKER;
	const flexCount = columns.filter(c => c.width === 'flex').length;
	const flexWidth = flexCount > 0 ? Math.max(1, Math.floor((width - fixed) / flexCount)) : 0;
	const widthOf = (c: Column<T>) => (c.width === 'flex' ? flexWidth : c.width);

	const header: Line = [seg(' '.repeat(MARKER))];
	columns.forEach((c, i) => {
		if (i > 0) header.push(seg(' '.repeat(GAP)));
		header.push(seg(c.align === 'right' ? fitRight(c.title, widthOf(c)) : fit(c.title, widthOf(c)), UiToken.Dim, {bold: true}));
	});
	const lines: Line[] = [fitLine(header, width)];
	const rows = Math.max(0, height - 1);
	if (items.length === 0) {
		lines.push([seg(` ${options.empty ?? 'nothing yet'}`, UiToken.Dim)]);
		return {lines, top: 0};
	}
	const top = scrollWindow(Math.max(0, selected), options.top, rows, items.length);
	for (let index = top; index < Math.min(items.length, top + rows); index++) {
		const item = items[index];
		const isSelected = index === selected;
		const line: Line = [seg(isSelected ? '›' : ' ', isSelected ? UiToken.Accent : UiToken.Text, {bold: true})];
		columns.forEach((c, i) => {
			if (i > 0) line.push(seg(' '.repeat(GAP)));
			line.push(...cellSegments(c.cell(item), widthOf(c), c.align));
		});
		const fitted = fitLine(line, width);
		lines.push(isSelected && focused ? fitted.map(s => ({...s, inverse: true})) : fitted);
	}
	return {lines, top};
}

function cellSegments(value: Segment | Segment[] | string, width: number, align: 'left' | 'right' = 'left'): Segment[] {
	const segments = typeof value === 'string' ? [seg(value)] : Array.isArray(value) ? value : [value];
	const used = lineWidth(segments);
	if (used > width) return fitLine(segments, width);
	const pad = seg(' '.repeat(width - used));
	return align === 'right' ? [pad, ...segments] : [...segments, pad];
}
