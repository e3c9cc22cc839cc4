/**
 * Schedules: each schedule's expression, time zone, what it means in words, the next
 * fire (relative and absolute, in the schedule's zone as AWS evaluates it, shown in
 * local time), and the last fire with its result; below, the tail of recent fires.
 */
import {memo, useMemo, useRef} from 'react';
import type {ScheduleFire, ScheduleSummary} from '../backend.js';
import {Panel} from '../components/Panel.js';
import {formatDateTime, relativeTime, shortArn} from '../format.js';
import {Token as GraphToken} from '../graph/types.js';
import {sanitize, seg, type Line} from '../lines.js';
import {tableLines, type Column} from '../table.js';
import {UiToken} from '../theme.js';
import {filterLine, type PaneFrameProps} from './paneProps.js';

export interface SchedulesPaneProps extends PaneFrameProps {
	schedules: readonly ScheduleSummary[];
	fires: readonly ScheduleFire[];
	selected: number;
	now: number;
}

export const SchedulesPane = memo(function SchedulesPane(props: SchedulesPaneProps) {
	const {schedules, fires, selected, now, width, height, focused, filter, filtering, total} = props;
	const top = useRef(0);
	const lines = useMemo(() => {
		const innerWidth = width - 2;
		const innerHeight = height - 2;
		const out: Line[] = [];
		const filterRow = filterLine(filter, filtering);
		if (filterRow) out.push(filterRow);
		const tailRoom = innerHeight >= 12;
		const tableHeight = tailRoom ? Math.min(schedules.length + 1, Math.max(3, Math.floor(innerHeight * 0.5))) : innerHeight - out.length;
		const columns: Column<ScheduleSummary>[] = [
			{
				title: 'Schedule',
				width: 'flex',
				minWidth: 12,
				priority: 0,
				cell: s => [seg(s.enabled ? '● ' : '○ ', s.enabled ? UiToken.Success : UiToken.Dim), seg(s.name)],
			},
			{title: 'Expression', width: 26, priority: 2, cell: s => s.expression},
			{title: 'Zone', width: 16, priority: 5, cell: s => seg(s.timezone, UiToken.Dim)},
			{title: 'Next', width: 8, align: 'right', priority: 1, cell: s => (s.nextFire === null ? seg(s.enabled ? 'never' : 'off', UiToken.Dim) : relativeTime(s.nextFire, now))},
			{title: 'At', width: 19, priority: 4, cell: s => seg(s.nextFire === null ? '' : formatDateTime(s.nextFire), UiToken.Dim)},
			{title: 'Last', width: 10, align: 'right', priority: 3, cell: s => lastCell(s.lastFire, now)},
		];
		const table = tableLines({columns, items: schedules, selected, top: top.current, width: innerWidth, height: tableHeight, focused, empty: 'no schedules in the template'});
		top.current = table.top;
		out.push(...table.lines);
		const schedule = schedules[selected];
		if (schedule && out.length < innerHeight) {
			out.push([seg(`  ${schedule.description}`, UiToken.Accent), seg(` → ${shortArn(schedule.target)}`, UiToken.Dim)]);
		}
		if (tailRoom) {
			out.push([seg('── Recent fires ', UiToken.Accent)]);
			if (fires.length === 0) out.push([seg('  none recorded yet', UiToken.Dim)]);
			for (const fire of fires.slice(0, Math.max(0, innerHeight - out.length))) {
				const look = fireLook(fire);
				out.push([
					seg(`${look.glyph} `, look.token),
					seg(`${formatDateTime(fire.time)} `, UiToken.Dim),
					seg(fire.scheduleName),
					seg(fire.detail ? `  ${sanitize(fire.detail)}` : '', UiToken.Dim),
				]);
			}
		}
		return out;
	}, [schedules, fires, selected, now, width, height, focused, filter, filtering]);
	const info = filter ? `${schedules.length}/${total}` : `${schedules.length}`;
	return <Panel number={props.number} title="Schedules" info={info} focused={focused} width={width} height={height} lines={lines} />;
});

function fireLook(fire: ScheduleFire) {
	if (fire.result === 'FAILED') return {glyph: '✗', token: GraphToken.StatusFailed};
	if (fire.result === 'STARTED') return {glyph: '●', token: GraphToken.StatusInProgress};
	return {glyph: '✓', token: GraphToken.StatusSucceeded};
}

function lastCell(fire: ScheduleFire | null, now: number) {
	if (!fire) return seg('—', UiToken.Dim);
	const look = fireLook(fire);
	return [seg(`${look.glyph} `, look.token), seg(relativeTime(fire.time, now))];
}
