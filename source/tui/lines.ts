/**
 * Pane content as lines of coloured segments, fitted to the exact width of the
 * pane before Ink sees them. Ink wraps text that is too long, which would push a
 * pane's rows around; fitting here keeps every frame exactly the layout's size, and
 * keeps what is on screen a plain function of data (what tests and the bench read).
 */
import {charWidth, textWidth} from './graph/textWidth.js';
import {UiToken, type ThemeToken} from './theme.js';

export interface Segment {
	text: string;
	token: ThemeToken;
	/** Drawn inverse on top of the token's style: the selected row, the text cursor. */
	inverse?: boolean;
	bold?: boolean;
}

export type Line = Segment[];

export function seg(text: string, token: ThemeToken = UiToken.Text, extra?: {inverse?: boolean; bold?: boolean}): Segment {
	return extra ? {text, token, ...extra} : {text, token};
}

// ANSI escape sequences and C0/C1 controls other than tab.
const controls = /\u001b\[[0-9;?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)|[\u0000-\u0008\u000a-\u001f\u007f-\u009f]/g;

/** Text safe to draw: escapes and controls removed, tabs as two spaces. */
export function sanitize(text: string): string {
	return text.replace(controls, '').replace(/\t/g, '  ');
}

export function lineWidth(line: Line): number {
	let width = 0;
	for (const segment of line) width += textWidth(segment.text);
	return width;
}

/** Exactly `width` columns: cut with `…` when longer, padded with spaces when shorter. */
export function fitLine(line: Line, width: number, pad: Segment = seg('')): Line {
	if (width <= 0) return [];
	const total = lineWidth(line);
	if (total <= width) {
		if (total === width) return line;
		return [...line, {...pad, text: ' '.repeat(width - total)}];
	}
	const out: Line = [];
	let used = 0;
	const room = width - 1;
	for (const segment of line) {
		if (used >= room) break;
		let text = '';
		for (const char of segment.text) {
			const w = charWidth(char);
			if (used + w > room) break;
			text += char;
			used += w;
		}
		if (text !== '') out.push({...segment, text});
		if (text.length < segment.text.length) break;
	}
	const last = out[out.length - 1];
	out.push({...(last ?? pad), text: '…'});
	used += 1;
	if (used < width) out.push({...pad, text: ' '.repeat(width - used)});
	return out;
}

/**
 * At most `width` columns, without the trailing blanks: what is drawn where the
 * frame already blank (Ink starts every frame from a blank screen and pays per
 * character written). Inverse blanks stay: they are the selection bar.
 */
export function clipLine(line: Line, width: number): Line {
	const fitted = lineWidth(line) > width ? fitLine(line, width) : line;
	let end = fitted.length;
	while (end > 0 && !fitted[end - 1].inverse && fitted[end - 1].text.trimEnd() === '') end--;
	if (end === 0) return [];
	const last = fitted[end - 1];
	const trimmed = last.inverse ? last : {...last, text: last.text.trimEnd()};
	return end === fitted.length && trimmed === last ? fitted : [...fitted.slice(0, end - 1), trimmed];
}

/** Exactly `height` lines of exactly `width` columns. */
export function fitBlock(lines: readonly Line[], width: number, height: number): Line[] {
	const out: Line[] = [];
	for (let i = 0; i < height; i++) out.push(fitLine(lines[i] ?? [], width));
	return out;
}

/** The same line drawn as the selection (inverse), padded first so the bar spans the row. */
export function selected(line: Line, width: number): Line {
	return fitLine(line, width).map(s => ({...s, inverse: true}));
}

/** Plain text of a line (tests, copying). */
export function lineText(line: Line): string {
	return line.map(s => s.text).join('');
}

/** The window of `count` rows starting near `top` that keeps `index` in view. */
export function scrollWindow(index: number, top: number, count: number, total: number): number {
	if (count <= 0) return 0;
	let next = top;
	if (index < next) next = index;
	if (index >= next + count) next = index - count + 1;
	return Math.max(0, Math.min(next, Math.max(0, total - count)));
}
