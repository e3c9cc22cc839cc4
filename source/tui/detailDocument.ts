/**
 * The step detail pane's content as one scrollable document: the selected state's
 * (or, with none selected, the execution's) status, input, output, error and cause
 * as pretty JSON, then the event history as the console lists it (id, type,
 * timestamp, elapsed since the start), grouped by state or raw in order.
 */
import type {ExecutionDetail, HistoryEvent} from './backend.js';
import {executionLook, formatClock, formatDateTime, formatDuration, jsonSegments, prettyJson, stateLook, fit, fitRight} from './format.js';
import type {ExecutionProgress, StateVisit} from './executionProgress.js';
import {StatusKind} from './graph/types.js';
import {sanitize, seg, type Line} from './lines.js';
import {UiToken} from './theme.js';

export interface DetailDocument {
	lines: Line[];
	/** What `y` copies: the output JSON when there is one, else the input. */
	copyText?: string;
}

export function detailDocument(options: {
	execution?: ExecutionDetail;
	events: readonly HistoryEvent[];
	progress?: ExecutionProgress;
	selectedPath?: string;
	grouped: boolean;
	now: number;
	/** Columns available: the type column gives way first. */
	width: number;
}): DetailDocument {
	const {execution, events, progress, selectedPath, grouped, now} = options;
	// Narrow panes drop the wall-clock column before they cut event types short.
	const showClock = options.width >= 62;
	const typeWidth = Math.max(14, Math.min(32, options.width - (showClock ? 31 : 18)));
	if (!execution) return {lines: [[seg('Select an execution to see its steps.', UiToken.Dim)]]};
	const lines: Line[] = [];
	let copyText: string | undefined;
	const visits = selectedPath !== undefined ? progress?.visits.get(selectedPath) : undefined;
	const visit = visits?.[visits.length - 1];
	if (selectedPath !== undefined) {
		const status = progress?.statuses[selectedPath] ?? {kind: StatusKind.NotRun};
		const look = stateLook(status);
		lines.push([seg('State ', UiToken.Dim), seg(selectedPath, UiToken.Title, {bold: true})]);
		if (!visit) {
			lines.push([seg(`${look.glyph} ${look.label}`, look.token), seg(' · not entered in this execution', UiToken.Dim)]);
		} else {
			lines.push(visitSummary(visit, look, visits!.length, now));
			section(lines, 'Input', visit.input);
			section(lines, 'Output', visit.output);
			if (visit.error) section(lines, 'Error', JSON.stringify(visit.error));
			if (visit.cause) section(lines, 'Cause', visit.cause);
			copyText = visit.output ?? visit.input;
		}
	} else {
		const look = executionLook(execution.status);
		lines.push([seg('Execution ', UiToken.Dim), seg(execution.name, UiToken.Title, {bold: true})]);
		lines.push([
			seg(`${look.glyph} ${look.label}`, look.token),
			seg(` · started ${formatDateTime(execution.startDate)} · ${formatDuration((execution.stopDate ?? now) - execution.startDate)}`, UiToken.Dim),
		]);
		section(lines, 'Input', execution.input);
		section(lines, 'Output', execution.output);
		if (execution.error) section(lines, 'Error', JSON.stringify(execution.error));
		if (execution.cause) section(lines, 'Cause', execution.cause);
		copyText = execution.output ?? execution.input ?? undefined;
	}
	lines.push([]);
	lines.push([seg(`── Events · ${events.length} · ${grouped ? 'grouped by state' : 'raw'} `, UiToken.Accent), seg('(r toggles)', UiToken.Dim)]);
	lines.push([seg(`${fitRight('ID', 5)}  ${fit('Type', typeWidth)} ${showClock ? `${fit('Timestamp', 12)} ` : ''}${fitRight('Elapsed', 9)}`, UiToken.Dim, {bold: true})]);
	const start = events[0]?.timestamp ?? execution.startDate;
	const row = (event: HistoryEvent, indent: string): Line => [
		seg(`${fitRight(String(event.id), 5)}  `, UiToken.Dim),
		seg(fit(indent + event.type, typeWidth), eventToken(event.type)),
		seg(showClock ? ` ${fit(formatClock(event.timestamp, true), 12)} ` : ' ', UiToken.Dim),
		seg(fitRight(`+${formatDuration(event.timestamp - start)}`, 9), UiToken.Dim),
	];
	if (!grouped || !progress) {
		for (const event of events) lines.push(row(event, ''));
	} else {
		const groups = new Map<string, HistoryEvent[]>();
		for (const event of events) {
			const key = progress.eventPaths.get(event.id) ?? '';
			let list = groups.get(key);
			if (!list) groups.set(key, (list = []));
			list.push(event);
		}
		for (const [path, list] of groups) {
			const mine = path === selectedPath;
			const status = path === '' ? undefined : progress.statuses[path];
			const look = status ? stateLook(status) : undefined;
			lines.push([
				seg(mine ? '▸ ' : '  ', UiToken.Accent),
				...(look ? [seg(`${look.glyph} `, look.token)] : []),
				seg(path === '' ? 'Execution' : path, mine ? UiToken.Accent : UiToken.Title, {bold: true}),
				seg(` · ${list.length} event${list.length === 1 ? '' : 's'}`, UiToken.Dim),
			]);
			for (const event of list) lines.push(row(event, '  '));
		}
	}
	return {lines, copyText};
}

function visitSummary(visit: StateVisit, look: ReturnType<typeof stateLook>, count: number, now: number): Line {
	const took = (visit.exited ?? now) - visit.entered;
	const parts = [
		`${visit.stateType}`,
		`entered ${formatClock(visit.entered, true)}`,
		`${visit.exited === undefined ? 'running for' : 'took'} ${formatDuration(took)}`,
	];
	if (visit.failures > 0) parts.push(`${visit.failures} failure${visit.failures === 1 ? '' : 's'}`);
	if (count > 1) parts.push(`visit ${count} of ${count}`);
	if (visit.thread) parts.push(`in ${visit.thread.slice(1)}`);
	return [seg(`${look.glyph} ${look.label}`, look.token), seg(` · ${parts.join(' · ')}`, UiToken.Dim)];
}

function section(lines: Line[], title: string, json: string | null | undefined): void {
	lines.push([seg(`── ${title} `, UiToken.Accent)]);
	if (json === null || json === undefined) {
		lines.push([seg('  —', UiToken.Dim)]);
		return;
	}
	for (const text of prettyJson(json)) lines.push(jsonSegments(sanitize(text)));
}

function eventToken(type: string) {
	if (/Failed$|TimedOut$|Aborted$/.test(type)) return UiToken.Error;
	if (/Succeeded$/.test(type)) return UiToken.Success;
	if (type.endsWith('Entered') || type.endsWith('Exited')) return UiToken.Text;
	return UiToken.Info;
}
