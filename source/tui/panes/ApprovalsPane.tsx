/**
 * Approvals: activity tasks and `.waitForTaskToken` callbacks waiting for an answer,
 * oldest first, with their execution, state, age and heartbeat deadline; below, the
 * selected task's input. `a` approves (SendTaskSuccess) and `r` rejects
 * (SendTaskFailure), each after a confirmation naming the task.
 */
import {memo, useMemo, useRef} from 'react';
import type {PendingTask} from '../backend.js';
import {Panel} from '../components/Panel.js';
import {formatDuration, jsonSegments, prettyJson, relativeTime, shortArn, shortToken} from '../format.js';
import {Token as GraphToken} from '../graph/types.js';
import {sanitize, seg, type Line} from '../lines.js';
import {tableLines, type Column} from '../table.js';
import {UiToken} from '../theme.js';
import {filterLine, type PaneFrameProps} from './paneProps.js';

export interface ApprovalsPaneProps extends PaneFrameProps {
	tasks: readonly PendingTask[];
	selected: number;
	now: number;
	readOnly: boolean;
}

export const ApprovalsPane = memo(function ApprovalsPane(props: ApprovalsPaneProps) {
	const {tasks, selected, now, width, height, focused, filter, filtering, total, readOnly} = props;
	const top = useRef(0);
	const lines = useMemo(() => {
		const innerWidth = width - 2;
		const innerHeight = height - 2;
		const out: Line[] = [];
		const filterRow = filterLine(filter, filtering);
		if (filterRow) out.push(filterRow);
		const inputRoom = innerHeight >= 12 && tasks.length > 0;
		const tableHeight = inputRoom ? Math.min(tasks.length + 1, Math.max(3, Math.floor(innerHeight * 0.5))) : innerHeight - out.length;
		const columns: Column<PendingTask>[] = [
			{title: 'Age', width: 7, align: 'right', priority: 1, cell: t => formatDuration(now - t.createdAt).replace(/\.\d+s$/, 's')},
			{
				title: 'Kind',
				width: 10,
				priority: 4,
				cell: t => seg(`⧗ ${t.kind === 'activity' ? (t.started ? 'worker' : 'activity') : 'callback'}`, GraphToken.StatusWaiting),
			},
			{title: 'Execution', width: 'flex', minWidth: 10, priority: 0, cell: t => shortArn(t.executionArn).replace(/^[^:]*:/, '')},
			{title: 'State', width: 16, priority: 2, cell: t => t.stateName},
			{title: 'Heartbeat', width: 9, align: 'right', priority: 3, cell: t => heartbeatCell(t, now)},
		];
		const table = tableLines({
			columns,
			items: tasks,
			selected,
			top: top.current,
			width: innerWidth,
			height: tableHeight,
			focused,
			empty: filter ? 'no task matches the filter' : 'nothing waiting for approval',
		});
		top.current = table.top;
		out.push(...table.lines);
		const task = tasks[selected];
		if (inputRoom && task) {
			out.push([]);
			out.push([seg('token ', UiToken.Dim), seg(shortToken(task.taskToken, 16), UiToken.Accent), seg(`  ${readOnly ? 'read-only' : 'a approve · r reject'}`, UiToken.Dim)]);
			out.push([seg('── Input ', UiToken.Accent)]);
			for (const text of prettyJson(task.input)) out.push(jsonSegments(sanitize(text)));
		}
		return out;
	}, [tasks, selected, now, width, height, focused, filter, filtering, readOnly]);
	const info = filter ? `${tasks.length}/${total}` : `${tasks.length} waiting`;
	return <Panel number={props.number} title="Approvals" info={info} focused={focused} width={width} height={height} lines={lines} />;
});

function heartbeatCell(task: PendingTask, now: number) {
	const deadline = task.heartbeatDeadline ?? task.timeoutDeadline;
	if (deadline === null) return seg('—', UiToken.Dim);
	return seg(relativeTime(deadline, now), deadline - now < 60_000 ? UiToken.Warning : UiToken.Dim);
}
