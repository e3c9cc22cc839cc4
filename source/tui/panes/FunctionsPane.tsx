/**
 * Functions: what the template deploys and how it has behaved. One row per function
 * (runtime, memory/timeout, versions and aliases, last invoke, errors, p50/p95,
 * cost); below, when the pane has room, the selected function's last invoke (from
 * this session: status, response payload) and its log ending in the REPORT line.
 */
import {memo, useMemo, useRef} from 'react';
import type {FunctionStats, FunctionSummary, Invocation, InvokeResult} from '../backend.js';
import {Panel} from '../components/Panel.js';
import {formatCost, formatDuration, prettyJson, relativeTime} from '../format.js';
import {sanitize, seg, type Line} from '../lines.js';
import {Token as GraphToken} from '../graph/types.js';
import {tableLines, type Column} from '../table.js';
import {UiToken} from '../theme.js';
import {filterLine, type PaneFrameProps} from './paneProps.js';

export interface LastInvoke {
	functionName: string;
	payload: string;
	/** Unset while the invoke runs. */
	result?: InvokeResult;
	error?: string;
}

export interface FunctionsPaneProps extends PaneFrameProps {
	functions: readonly FunctionSummary[];
	stats: ReadonlyMap<string, FunctionStats>;
	selected: number;
	/** Newest first, of the selected function. */
	invocations: readonly Invocation[];
	lastInvoke?: LastInvoke;
	now: number;
}

export const FunctionsPane = memo(function FunctionsPane(props: FunctionsPaneProps) {
	const {functions, stats, selected, invocations, lastInvoke, now, width, height, focused, filter, filtering, total} = props;
	const top = useRef(0);
	const lines = useMemo(() => {
		const innerWidth = width - 2;
		const innerHeight = height - 2;
		const out: Line[] = [];
		const filterRow = filterLine(filter, filtering);
		if (filterRow) out.push(filterRow);
		const detailRoom = innerHeight >= 16 && functions.length > 0;
		const tableHeight = detailRoom ? Math.min(functions.length + 1, Math.max(4, Math.floor(innerHeight * 0.45))) : innerHeight - out.length;
		const columns: Column<FunctionSummary>[] = [
			{title: 'Function', width: 'flex', minWidth: 12, priority: 0, cell: f => f.name},
			{title: 'Runtime', width: 11, priority: 5, cell: f => seg(f.runtime, UiToken.Dim)},
			{title: 'Mem/Timeout', width: 12, priority: 4, cell: f => `${f.memorySize}MB/${f.timeout}s`},
			{title: 'Ver/Alias', width: 10, priority: 7, cell: f => versionsText(f)},
			{title: 'Last', width: 8, align: 'right', priority: 2, cell: f => lastText(stats.get(f.name), now)},
			{title: 'Err', width: 4, align: 'right', priority: 1, cell: f => errorsCell(stats.get(f.name))},
			{title: 'p50/p95', width: 13, align: 'right', priority: 3, cell: f => latencyText(stats.get(f.name))},
			{title: 'Cost', width: 11, align: 'right', priority: 6, cell: f => costText(stats.get(f.name))},
		];
		const table = tableLines({columns, items: functions, selected, top: top.current, width: innerWidth, height: tableHeight, focused, empty: 'no functions in the template'});
		top.current = table.top;
		out.push(...table.lines);
		const fn = functions[selected];
		if (detailRoom && fn) {
			out.push([]);
			out.push(...detailLines(fn, invocations, lastInvoke?.functionName === fn.name ? lastInvoke : undefined, innerHeight - out.length));
		}
		return out;
	}, [functions, stats, selected, invocations, lastInvoke, now, width, height, focused, filter, filtering]);
	const info = filter ? `${functions.length}/${total}` : `${functions.length}`;
	return <Panel number={props.number} title="Functions" info={info} focused={focused} width={width} height={height} lines={lines} />;
});

function versionsText(f: FunctionSummary): string {
	const latest = f.versions.length > 0 ? `v${f.versions[f.versions.length - 1]}` : '$LATEST';
	return f.aliases.length > 0 ? `${latest} ${f.aliases.map(a => a.name).join(',')}` : latest;
}

function lastText(s: FunctionStats | undefined, now: number): string {
	return s?.lastInvokedAt ? relativeTime(s.lastInvokedAt, now) : '—';
}

function errorsCell(s: FunctionStats | undefined) {
	if (!s) return seg('—', UiToken.Dim);
	return seg(String(s.errors), s.errors > 0 ? UiToken.Error : UiToken.Dim);
}

function latencyText(s: FunctionStats | undefined): string {
	return s ? `${formatDuration(s.p50DurationMs)}/${formatDuration(s.p95DurationMs)}` : '—';
}

function costText(s: FunctionStats | undefined): string {
	return s ? formatCost(s.cost) : '—';
}

/** The function's header, its last invoke and the tail of its log that fits in `room` rows (REPORT stays). */
function detailLines(fn: FunctionSummary, invocations: readonly Invocation[], last: LastInvoke | undefined, room: number): Line[] {
	const tail = (logs: readonly string[], used: number) => logLines(logs.slice(-Math.max(1, room - used)));
	const out: Line[] = [];
	const aliases = fn.aliases.map(a => `${a.name}→${a.functionVersion}`).join(' ');
	out.push([
		seg(fn.name, UiToken.Title, {bold: true}),
		seg(`  ${fn.handler} · ${fn.runtime} · ${fn.memorySize} MB · ${fn.timeout}s`, UiToken.Dim),
		...(fn.versions.length ? [seg(` · versions ${fn.versions.join(',')}`, UiToken.Dim)] : []),
		...(aliases ? [seg(` · ${aliases}`, UiToken.Dim)] : []),
	]);
	if (last) {
		if (!last.result && !last.error) out.push([seg('● invoking…', GraphToken.StatusInProgress)]);
		else if (last.error) out.push([seg('✗ ', GraphToken.StatusFailed), seg(sanitize(last.error), UiToken.Error)]);
		else if (last.result) {
			const r = last.result;
			const failed = r.functionError !== undefined;
			out.push([
				seg(failed ? '✗ ' : '✓ ', failed ? GraphToken.StatusFailed : GraphToken.StatusSucceeded),
				seg(`StatusCode ${r.statusCode}`, failed ? UiToken.Error : UiToken.Success),
				...(failed ? [seg(` FunctionError ${r.functionError}`, UiToken.Error)] : []),
				seg(` · ${r.executedVersion}`, UiToken.Dim),
			]);
			for (const line of prettyJson(r.payload).slice(0, Math.max(1, Math.min(8, room - out.length - 3)))) out.push([seg('  '), seg(sanitize(line))]);
			out.push(...tail(r.logs, out.length));
		}
		return out;
	}
	const latest = invocations[0];
	if (!latest) {
		out.push([seg('not invoked yet: ⏎ to invoke', UiToken.Dim)]);
		return out;
	}
	const failed = latest.status !== 'SUCCEEDED';
	out.push([
		seg(failed ? '✗ ' : '✓ ', failed ? GraphToken.StatusFailed : GraphToken.StatusSucceeded),
		seg(`last invoke ${latest.status}${latest.errorType ? ` ${latest.errorType}` : ''}`, failed ? UiToken.Error : UiToken.Success),
		seg(` · ${formatDuration(latest.durationMs)} · ${latest.requestId}`, UiToken.Dim),
	]);
	out.push(...tail(latest.logs, out.length));
	return out;
}

/** Log lines as CloudWatch shows them, less the request id the header already gives. */
function logLines(logs: readonly string[]): Line[] {
	return logs.map(line => {
		const text = sanitize(line).replace(/^(START|END|REPORT) RequestId: \S+\s*/, '$1 ');
		if (text.startsWith('REPORT')) return [seg(text, UiToken.Accent)];
		if (text.startsWith('START') || text.startsWith('END')) return [seg(text, UiToken.Dim)];
		if (/\bERROR\b/.test(text)) return [seg(text, UiToken.Error)];
		return [seg(text)];
	});
}
