/**
 * Terminal column widths of text, so boxes fit names written in any script: East
 * Asian wide and fullwidth characters and emoji take two columns, combining marks
 * and zero-width joiners none. Covers the ranges terminals agree on; ambiguous-width
 * characters (box drawing, ●, ○, …) count as one, as in a Western locale.
 */

const wideRanges: [number, number][] = [
	[0x1100, 0x115f],
	[0x231a, 0x231b],
	[0x2329, 0x232a],
	[0x23e9, 0x23ec],
	[0x23f0, 0x23f0],
	[0x23f3, 0x23f3],
	[0x25fd, 0x25fe],
	[0x2614, 0x2615],
	[0x2648, 0x2653],
	[0x267f, 0x267f],
	[0x2693, 0x2693],
	[0x26a1, 0x26a1],
	[0x26aa, 0x26ab],
	[0x26bd, 0x26be],
	[0x26c4, 0x26c5],
	[0x26ce, 0x26ce],
	[0x26d4, 0x26d4],
	[0x26ea, 0x26ea],
	[0x26f2, 0x26f3],
	[0x26f5, 0x26f5],
	[0x26fa, 0x26fa],
	[0x26fd, 0x26fd],
	[0x2705, 0x2705],
	[0x270a, 0x270b],
	[0x2728, 0x2728],
	[0x274c, 0x274c],
	[0x274e, 0x274e],
	[0x2753, 0x2755],
	[0x2757, 0x2757],
	[0x2795, 0x2797],
	[0x27b0, 0x27b0],
	[0x27bf, 0x27bf],
	[0x2b1b, 0x2b1c],
	[0x2b50, 0x2b50],
	[0x2b55, 0x2b55],
	[0x2e80, 0x303e],
	[0x3041, 0x33ff],
	[0x3400, 0x4dbf],
	[0x4e00, 0x9fff],
	[0xa000, 0xa4cf],
	[0xa960, 0xa97f],
	[0xac00, 0xd7a3],
	[0xf900, 0xfaff],
	[0xfe10, 0xfe19],
	[0xfe30, 0xfe6f],
	[0xff00, 0xff60],
	[0xffe0, 0xffe6],
	[0x16fe0, 0x16fe4],
	[0x17000, 0x18cff],
	[0x1b000, 0x1b2ff],
	[0x1f004, 0x1f004],
	[0x1f0cf, 0x1f0cf],
	[0x1f18e, 0x1f18e],
	[0x1f191, 0x1f19a],
	[0x1f200, 0x1f2ff],
	[0x1f300, 0x1f64f],
	[0x1f680, 0x1f6ff],
	[0x1f7e0, 0x1f7eb],
	[0x1f90c, 0x1f9ff],
	[0x1fa70, 0x1faff],
	[0x20000, 0x3fffd],
];

const zeroWidth = /^[\p{Mn}\p{Me}\u200b-\u200f\u2060\ufe00-\ufe0f]$/u;

export function charWidth(char: string): number {
	const code = char.codePointAt(0) ?? 0;
	if (code < 0x20 || (code >= 0x7f && code < 0xa0)) return 0;
	if (code < 0x300) return 1;
	if (zeroWidth.test(char)) return 0;
	let low = 0;
	let high = wideRanges.length - 1;
	while (low <= high) {
		const mid = (low + high) >> 1;
		const [from, to] = wideRanges[mid]!;
		if (code < from) high = mid - 1;
		else if (code > to) low = mid + 1;
		else return 2;
	}
	return 1;
}

export function textWidth(text: string): number {
	let width = 0;
	for (const char of text) width += charWidth(char);
	return width;
}

/** `text` cut to at most `max` columns, ending in `…` when something was cut. */
export function truncate(text: string, max: number): string {
	if (textWidth(text) <= max) return text;
	if (max <= 0) return '';
	let out = '';
	let width = 0;
	for (const char of text) {
		const w = charWidth(char);
		if (width + w > max - 1) break;
		out += char;
		width += w;
	}
	return `${out}…`;
}

/**
 * `text` broken into at most `maxLines` lines of at most `max` columns, at spaces
 * where possible; the last line is truncated if the text does not fit.
 */
export function wrap(text: string, max: number, maxLines: number): string[] {
	const lines: string[] = [];
	let rest = text.trim();
	while (rest !== '' && lines.length < maxLines) {
		if (lines.length === maxLines - 1 || textWidth(rest) <= max) {
			lines.push(truncate(rest, max));
			break;
		}
		// The longest prefix that fits, cut at the last space in it if there is one.
		let fit = '';
		for (const char of rest) {
			if (textWidth(fit + char) > max) break;
			fit += char;
		}
		const space = fit.lastIndexOf(' ');
		const line = space > 0 ? fit.slice(0, space) : fit;
		lines.push(line.trimEnd());
		rest = rest.slice(line.length).trimStart();
	}
	return lines;
}
