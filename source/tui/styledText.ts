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

/** One line as a string with SGR codes, or plain when `styled` is false. */
export function styledLine(line: Line, theme: Theme, styled = inkStylesText()): string {
	let out = '';
	for (const segment of line) {
		if (segment.text === '') continue;
		if (!styled) {
			out += segment.text;
			continue;
		}
		const style = theme.style(segment.token);
		let open = '';
		let close = '';
		// Nested as Ink's <Text> nests them: dim, colour, bold, inverse (innermost first).
		if (style.dimColor) {
			open = `${ESC}2m${open}`;
			close += `${ESC}22m`;
		}
		if (style.color) {
			open = `${ESC}${foreground[style.color]}m${open}`;
			close += `${ESC}39m`;
		}
		if (segment.bold ?? style.bold) {
			open = `${ESC}1m${open}`;
			close += `${ESC}22m`;
		}
		if (segment.inverse || style.inverse) {
			open = `${ESC}7m${open}`;
			close += `${ESC}27m`;
		}
		out += open + segment.text + close;
	}
	return out;
}
