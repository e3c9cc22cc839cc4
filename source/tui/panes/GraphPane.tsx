/**
 * The selected execution's state machine as a graph (source/tui/graph), each state
 * painted with its status from the history: entered, succeeded, failed, caught,
 * retrying `2/3`, waiting for an approval, Map/Parallel `7/10 ✗1`. The selected
 * state's name is drawn inverse; the window scrolls to keep it in view.
 */
import {memo, useMemo} from 'react';
import type {ExecutionDetail} from '../backend.js';
import {Panel} from '../components/Panel.js';
import {executionLook, formatDuration, stateLook} from '../format.js';
import {statusDetail} from '../graph/theme.js';
import {charWidth} from '../graph/textWidth.js';
import type {Cell, Layout, NodeStatus} from '../graph/types.js';
import {seg, type Line} from '../lines.js';
import {UiToken} from '../theme.js';

export interface GraphWindow {
	top: number;
	left: number;
}

export interface GraphPaneProps {
	number: number;
	width: number;
	height: number;
	focused: boolean;
	machineName?: string;
	execution?: ExecutionDetail;
	layout?: Layout;
	/** The painted window: row 0 is the drawing's row `window.top`, column 0 its column `window.left`. */
	cells?: readonly (readonly Cell[])[];
	selectedPath?: string;
	selectedStatus?: NodeStatus;
	window: GraphWindow;
	now: number;
}

/** Rows above the drawing: the execution line and the selected state line. */
export const GRAPH_HEADER_ROWS = 2;

export const GraphPane = memo(function GraphPane(props: GraphPaneProps) {
	const {width, height, focused, machineName, execution, layout, cells, selectedPath, selectedStatus, window, now} = props;
	const lines = useMemo(() => {
		const innerWidth = width - 2;
		const rows = height - 2 - GRAPH_HEADER_ROWS;
		const out: Line[] = [];
		if (execution) {
			const look = executionLook(execution.status);
			out.push([
				seg(`${look.glyph} `, look.token),
				seg(execution.name, UiToken.Title, {bold: true}),
				seg(` · ${look.label}`, look.token),
				seg(` · ${formatDuration((execution.stopDate ?? now) - execution.startDate)}`, UiToken.Dim),
			]);
		} else out.push([seg(machineName ? `${machineName}: no execution selected` : 'no state machine', UiToken.Dim)]);
		const node = selectedPath !== undefined ? layout?.nodes.find(n => n.path === selectedPath) : undefined;
		if (node && selectedStatus) {
			const look = stateLook(selectedStatus);
			const detail = statusDetail(selectedStatus);
			out.push([
				seg('▸ ', UiToken.Accent),
				seg(selectedPath!, UiToken.Text, {bold: true}),
				seg(` ${node.stateType ?? ''} `, UiToken.Dim),
				seg(`${look.glyph} ${look.label}`, look.token),
				...(detail.count ? [seg(` ${detail.count}${detail.failed ? ` ${detail.failed}` : ''}`, look.token)] : []),
			]);
		} else out.push([seg('j/k select a state · ⏎ step detail · space collapse', UiToken.Dim)]);
		if (!layout || !cells) return out;
		// The selected state's name row, in the window's columns.
		const highlight = node ? {y: node.y + 1 - window.top, from: node.x + 1 - window.left, to: node.x + node.width - 2 - window.left} : undefined;
		for (let r = 0; r < rows; r++) {
			const row = cells[r];
			if (!row) {
				out.push([]);
				continue;
			}
			out.push(cellLine(row, 0, innerWidth, highlight && highlight.y === r ? highlight : undefined));
		}
		return out;
	}, [width, height, focused, machineName, execution, layout, cells, selectedPath, selectedStatus, window.top, window.left, now]);
	const info = machineName ?? '';
	return <Panel number={props.number} title="Graph" info={info} focused={focused} width={width} height={height} lines={lines} />;
});

/** One row of painted cells from column `left`, runs of one token joined into one segment. */
function cellLine(row: readonly Cell[], left: number, width: number, highlight?: {from: number; to: number}): Line {
	const out: Line = [];
	let text = '';
	let token: Cell['token'] | undefined;
	let inverse = false;
	const flush = () => {
		if (text !== '' && token !== undefined) out.push(inverse ? {text, token, inverse: true} : {text, token});
		text = '';
	};
	const end = Math.min(row.length, left + width);
	for (let x = Math.max(0, left); x < end; x++) {
		const cell = row[x];
		// A wide character cut by either edge of the window shows as a blank.
		if (cell.char === '' && x !== left) continue;
		const char = cell.char === '' || (x === end - 1 && charWidth(cell.char) > 1) ? ' ' : cell.char;
		const lit = highlight !== undefined && x >= highlight.from && x <= highlight.to;
		if (cell.token !== token || lit !== inverse) {
			flush();
			token = cell.token;
			inverse = lit;
		}
		text += char;
	}
	flush();
	return out;
}
