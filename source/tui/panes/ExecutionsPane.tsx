/**
 * Executions of one state machine (or all), newest first: status glyph and colour,
 * name, start time and duration (running ones count up). `h`/`l` switch machines,
 * `/` filters, `n` starts one, `s` stops the selected one, Enter opens it in the graph.
 */
import {memo, useMemo, useRef} from 'react';
import type {ExecutionSummary, MachineSummary} from '../backend.js';
import {Panel} from '../components/Panel.js';
import {executionLook, formatClock, formatDuration, relativeTime} from '../format.js';
import {seg, type Line} from '../lines.js';
import {tableLines, type Column} from '../table.js';
import {UiToken} from '../theme.js';
import {filterLine, type PaneFrameProps} from './paneProps.js';

export interface ExecutionsPaneProps extends PaneFrameProps {
	machines: readonly MachineSummary[];
	/** The machine shown; undefined for all of them. */
	machine?: MachineSummary;
	executions: readonly ExecutionSummary[];
	selected: number;
	now: number;
}

export const ExecutionsPane = memo(function ExecutionsPane(props: ExecutionsPaneProps) {
	const {machines, machine, executions, selected, now, width, height, focused, filter, filtering, total} = props;
	const top = useRef(0);
	const lines = useMemo(() => {
		const innerWidth = width - 2;
		const innerHeight = height - 2;
		const out: Line[] = [machineLine(machines, machine)];
		const filterRow = filterLine(filter, filtering);
		if (filterRow) out.push(filterRow);
		const columns: Column<ExecutionSummary>[] = [
			{title: '', width: 1, priority: 0, cell: e => seg(executionLook(e.status).glyph, executionLook(e.status).token)},
			{title: 'Status', width: 9, priority: 6, cell: e => seg(executionLook(e.status).label, executionLook(e.status).token)},
			{title: 'Name', width: 'flex', minWidth: 22, priority: 1, cell: e => e.name},
			...(machine ? [] : [{title: 'Machine', width: 16, priority: 5, cell: (e: ExecutionSummary) => seg(e.machineName, UiToken.Dim)}]),
			{title: 'Started', width: 8, align: 'right', priority: 4, cell: e => startedText(e.startDate, now)},
			{title: 'Duration', width: 8, align: 'right', priority: 3, cell: e => formatDuration((e.stopDate ?? now) - e.startDate)},
		];
		const table = tableLines({
			columns,
			items: executions,
			selected,
			top: top.current,
			width: innerWidth,
			height: innerHeight - out.length,
			focused,
			empty: filter ? 'no execution matches the filter' : 'no executions yet: n starts one',
		});
		top.current = table.top;
		out.push(...table.lines);
		return out;
	}, [machines, machine, executions, selected, now, width, height, focused, filter, filtering]);
	const info = filter ? `${executions.length}/${total}` : `${executions.length}`;
	return <Panel number={props.number} title="Executions" info={info} focused={focused} width={width} height={height} lines={lines} />;
});

function machineLine(machines: readonly MachineSummary[], machine: MachineSummary | undefined): Line {
	const index = machine ? machines.indexOf(machine) + 1 : machines.length + 1;
	return [
		seg('◂ ', UiToken.Dim),
		seg(machine ? machine.name : 'All state machines', UiToken.Title, {bold: true}),
		seg(' ▸', UiToken.Dim),
		seg(`  ${index}/${machines.length + 1}`, UiToken.Dim),
		...(machine ? [seg(` · ${machine.type}`, UiToken.Dim)] : []),
	];
}

/** Today's starts by clock time, older ones relative. */
function startedText(at: number, now: number): string {
	if (now - at < 12 * 3_600_000) return formatClock(at);
	return relativeTime(at, now);
}
