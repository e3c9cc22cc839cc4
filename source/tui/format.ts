/**
 * How the workbench writes times, durations, money, JSON and statuses. One place, so
 * every pane says "3m ago" and "1.2s" the same way, and every status has a glyph
 * that reads without colour.
 */
import type {ExecutionStatus} from '../store/executions.js';
import {statusGlyph, statusToken} from './graph/theme.js';
import {StatusKind, Token as GraphToken, type NodeStatus} from './graph/types.js';
import {textWidth, truncate} from './graph/textWidth.js';
import type {Segment} from './lines.js';
import {UiToken, type ThemeToken} from './theme.js';

export {textWidth, truncate};

/** `850ms`, `12.3s`, `4m 05s`, `2h 03m`, `3d 04h`. */
export function formatDuration(ms: number): string {
	if (!Number.isFinite(ms) || ms < 0) return '—';
	if (ms < 1000) return `${Math.round(ms)}ms`;
	const seconds = ms / 1000;
	if (seconds < 60) return `${seconds < 10 ? seconds.toFixed(2) : seconds.toFixed(1)}s`;
	const s = Math.floor(seconds);
	if (s < 3600) return `${Math.floor(s / 60)}m ${String(s % 60).padStart(2, '0')}s`;
	if (s < 86_400) return `${Math.floor(s / 3600)}h ${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
	return `${Math.floor(s / 86_400)}d ${String(Math.floor((s % 86_400) / 3600)).padStart(2, '0')}h`;
}

/** `in 4m`, `3m ago`, `now`: the coarsest unit that is at least one. */
export function relativeTime(at: number, now: number): string {
	const delta = at - now;
	const abs = Math.abs(delta);
	if (abs < 1000) return 'now';
	const units: Array<[number, string]> = [
		[86_400_000, 'd'],
		[3_600_000, 'h'],
		[60_000, 'm'],
		[1000, 's'],
	];
	const [size, unit] = units.find(([size]) => abs >= size)!;
	const amount = `${Math.floor(abs / size)}${unit}`;
	return delta > 0 ? `in ${amount}` : `${amount} ago`;
}

const pad2 = (n: number) => String(n).padStart(2, '0');

/** Local wall time `2025-01-16 10:00:05`, as the console shows dates. */
export function formatDateTime(at: number): string {
	const d = new Date(at);
	return `${d.getFullYear()}-${pad2(d.getMonth() + 1)}-${pad2(d.getDate())} ${formatClock(at)}`;
}

/** Local `10:00:05.123` without the date, for event rows. */
export function formatClock(at: number, millis = false): string {
	const d = new Date(at);
	const base = `${pad2(d.getHours())}:${pad2(d.getMinutes())}:${pad2(d.getSeconds())}`;
	return millis ? `${base}.${String(d.getMilliseconds()).padStart(3, '0')}` : base;
}

/** USD with enough digits that a single Lambda invoke is not `$0.00`. */
export function formatCost(usd: number): string {
	if (usd === 0) return '$0';
	if (usd >= 1) return `$${usd.toFixed(2)}`;
	if (usd >= 0.01) return `$${usd.toFixed(4)}`;
	// Two significant digits, never in exponent notation: a request costs $0.00000020.
	return `$${usd.toFixed(Math.min(20, 1 - Math.floor(Math.log10(usd))))}`;
}

/** The part of an ARN after the resource type: `...:execution:Orders:run-1` -> `Orders:run-1`. */
export function shortArn(arn: string): string {
	const match = /:(?:execution|express|stateMachine|function|activity):(.*)$/.exec(arn);
	return match ? match[1] : arn;
}

/** Long opaque tokens as `AbCdEf12…9xYz`. */
export function shortToken(token: string, keep = 8): string {
	return token.length <= keep * 2 + 1 ? token : `${token.slice(0, keep)}…${token.slice(-4)}`;
}

/** Left-aligned in exactly `width` columns: truncated with `…`, padded with spaces. */
export function fit(text: string, width: number): string {
	if (width <= 0) return '';
	const cut = truncate(text, width);
	return cut + ' '.repeat(Math.max(0, width - textWidth(cut)));
}

/** Right-aligned in exactly `width` columns. */
export function fitRight(text: string, width: number): string {
	if (width <= 0) return '';
	const cut = truncate(text, width);
	return ' '.repeat(Math.max(0, width - textWidth(cut))) + cut;
}

// ---------------------------------------------------------------------------
// Statuses: a glyph and a colour token each

export interface StatusLook {
	glyph: string;
	token: ThemeToken;
	label: string;
}

const executionLooks: Record<ExecutionStatus, StatusLook> = {
	RUNNING: {glyph: '●', token: GraphToken.StatusInProgress, label: 'Running'},
	SUCCEEDED: {glyph: '✓', token: GraphToken.StatusSucceeded, label: 'Succeeded'},
	FAILED: {glyph: '✗', token: GraphToken.StatusFailed, label: 'Failed'},
	TIMED_OUT: {glyph: '◷', token: GraphToken.StatusFailed, label: 'Timed out'},
	ABORTED: {glyph: '⊘', token: GraphToken.StatusCancelled, label: 'Aborted'},
	PENDING_REDRIVE: {glyph: '↻', token: GraphToken.StatusRetrying, label: 'Pending redrive'},
};

export function executionLook(status: ExecutionStatus): StatusLook {
	return executionLooks[status] ?? {glyph: '?', token: UiToken.Dim, label: status};
}

const stateLabels: Record<StatusKind, string> = {
	[StatusKind.NotRun]: 'Not run',
	[StatusKind.InProgress]: 'In progress',
	[StatusKind.Succeeded]: 'Succeeded',
	[StatusKind.Failed]: 'Failed',
	[StatusKind.Caught]: 'Caught',
	[StatusKind.Cancelled]: 'Cancelled',
	[StatusKind.Waiting]: 'Waiting',
	[StatusKind.Retrying]: 'Retrying',
	[StatusKind.Iterations]: 'Running',
};

/** A graph status as the graph draws it (same glyph), for lists and headers. */
export function stateLook(status: NodeStatus): StatusLook {
	return {glyph: statusGlyph(status), token: statusToken(status), label: stateLabels[status.kind]};
}

// ---------------------------------------------------------------------------
// JSON

/** JSON text pretty-printed; anything that is not JSON comes back as its own lines. */
export function prettyJson(text: string | null | undefined): string[] {
	if (text === null || text === undefined) return [];
	try {
		return JSON.stringify(JSON.parse(text), null, 2).split('\n');
	} catch {
		return text.split('\n');
	}
}

const jsonToken = /("(?:[^"\\]|\\.)*")(\s*:)?|(-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)|\b(true|false|null)\b/g;

/** One pretty-printed line cut into coloured segments (keys, strings, numbers, literals). */
export function jsonSegments(line: string): Segment[] {
	const out: Segment[] = [];
	let last = 0;
	for (const match of line.matchAll(jsonToken)) {
		const at = match.index ?? 0;
		if (at > last) out.push({text: line.slice(last, at), token: UiToken.Text});
		if (match[1] !== undefined) {
			out.push({text: match[1], token: match[2] !== undefined ? UiToken.JsonKey : UiToken.JsonString});
			if (match[2] !== undefined) out.push({text: match[2], token: UiToken.Text});
		} else if (match[3] !== undefined) out.push({text: match[3], token: UiToken.JsonNumber});
		else out.push({text: match[4]!, token: UiToken.JsonLiteral});
		last = at + match[0].length;
	}
	if (last < line.length) out.push({text: line.slice(last), token: UiToken.Text});
	return out;
}

/** Parses JSON typed by the user; the message names what is wrong. */
export function parseUserJson(text: string, fallback: string): {ok: true; json: string} | {ok: false; message: string} {
	const source = text.trim() === '' ? fallback : text;
	try {
		return {ok: true, json: JSON.stringify(JSON.parse(source))};
	} catch (e) {
		return {ok: false, message: `not valid JSON: ${(e as Error).message}`};
	}
}
