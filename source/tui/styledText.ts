/**
 * Lines as terminal text: each segment wrapped in the SGR codes of its theme style,
 * the same codes Ink's <Text> gets from chalk for the theme's named colours, bold,
 * dim and inverse. The workbench hands Ink whole blocks of lines already styled
 * (components/TextBlock.tsx) instead of one <Text> per coloured run: Ink's cost per
 * frame grows with the number of text nodes it lays out and measures, and a styled
 * string is one node.
 *
 * Ink styles nothing when chalk finds no colour terminal (a pipe, TERM=dumb,
 * `--no-color` on the command line, FORCE_COLOR=0); this module asks Ink itself once,
 * so a block is styled exactly when a <Text> would be.
 */
import {createElement} from 'react';
import {renderToString, Text} from 'ink';
import type {Line} from './lines.js';
import type {NamedColour, Theme} from './theme.js';

const ESC = '\u001b[';

/** chalk's foreground codes (ansi-styles), closed by 39. */
const foreground: Record<NamedColour, number> = {
	black: 30,
	red: 31,
	green: 32,
	yellow: 33,
	blue: 34,
	magenta: 35,
	cyan: 36,
	white: 37,
	gray: 90,
	grey: 90,
	blackBright: 90,
	redBright: 91,
	greenBright: 92,
	yellowBright: 93,
	blueBright: 94,
	magentaBright: 95,
	cyanBright: 96,
	whiteBright: 97,
};

// Asked when this module loads, never while React renders: a render inside a render draws nothing.
const styles = renderToString(createElement(Text, {bold: true}, 'x')).includes(ESC);

/** Whether Ink's <Text> writes escape codes in this process (chalk's colour level above 0). */
export function inkStylesText(): boolean {
	return styles;
}

interface Sgr {
	colour: number;
	bold: boolean;
	dim: boolean;
	inverse: boolean;
}

const plain: Sgr = {colour: 39, bold: false, dim: false, inverse: false};

/**
 * One line as a string with SGR codes, or plain when `styled` is false.
 *
 * Only changes are written (gray to cyan is one code, not a close and an open), and
 * nothing is closed at the end: Ink reads each line's codes on their own, so what is
 * left open styles no other text. Ink pays per character of escape code as much as per
 * character drawn, and most of a graph row's codes are such transitions.
 */
export function styledLine(line: Line, theme: Theme, styled = inkStylesText()): string {
	let out = '';
	let now = plain;
	for (const segment of line) {
		if (segment.text === '') continue;
		if (!styled) {
			out += segment.text;
			continue;
		}
		const style = theme.style(segment.token);
		const next: Sgr = {
			colour: style.color ? foreground[style.color] : 39,
			bold: segment.bold ?? style.bold ?? false,
			dim: style.dimColor ?? false,
			inverse: segment.inverse || (style.inverse ?? false),
		};
		// Bold and dim end with the same code: turning either off turns both off.
		if ((now.bold && !next.bold) || (now.dim && !next.dim)) {
			out += `${ESC}22m`;
			now = {...now, bold: false, dim: false};
		}
		if (next.bold && !now.bold) out += `${ESC}1m`;
		if (next.dim && !now.dim) out += `${ESC}2m`;
		if (next.colour !== now.colour) out += `${ESC}${next.colour}m`;
		if (next.inverse !== now.inverse) out += next.inverse ? `${ESC}7m` : `${ESC}27m`;
		now = next;
		out += segment.text;
	}
	return out;
}
