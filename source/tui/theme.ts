/**
 * Colours by meaning. Components ask for a semantic token (`status.failed`,
 * `border.focused`) and the theme says which colour that is, so a theme is one
 * table and `NO_COLOR` / `--no-color` is a theme that maps every token to no colour.
 * Status is never told by colour alone: every status also has a glyph (see `glyphs`).
 *
 * The graph's paint tokens (graph/types.ts `Token`) are part of the same table.
 */
import {Token as GraphToken} from './graph/types.js';

export const UiToken = {
	Text: 'text',
	Dim: 'dim',
	Accent: 'accent',
	Title: 'title',
	Border: 'border',
	BorderFocused: 'border.focused',
	Key: 'key',
	Error: 'error',
	Warning: 'warning',
	Success: 'success',
	Info: 'info',
	/** The selected row of a list: drawn inverse, so it shows without colour too. */
	Selection: 'selection',
	JsonKey: 'json.key',
	JsonString: 'json.string',
	JsonNumber: 'json.number',
	JsonLiteral: 'json.literal',
} as const;
export type UiToken = (typeof UiToken)[keyof typeof UiToken];

export type ThemeToken = UiToken | GraphToken;

/** The terminal's sixteen colours, by the names Ink's <Text color> takes. */
export type NamedColour =
	| 'black'
	| 'red'
	| 'green'
	| 'yellow'
	| 'blue'
	| 'magenta'
	| 'cyan'
	| 'white'
	| 'gray'
	| 'grey'
	| 'blackBright'
	| 'redBright'
	| 'greenBright'
	| 'yellowBright'
	| 'blueBright'
	| 'magentaBright'
	| 'cyanBright'
	| 'whiteBright';

export interface TokenStyle {
	color?: NamedColour;
	bold?: boolean;
	dimColor?: boolean;
	inverse?: boolean;
}

export interface Theme {
	name: string;
	colour: boolean;
	style(token: ThemeToken): TokenStyle;
}

const dark: Record<ThemeToken, TokenStyle> = {
	[UiToken.Text]: {},
	[UiToken.Dim]: {color: 'gray'},
	[UiToken.Accent]: {color: 'cyan'},
	[UiToken.Title]: {color: 'white', bold: true},
	[UiToken.Border]: {color: 'gray'},
	[UiToken.BorderFocused]: {color: 'cyan'},
	[UiToken.Key]: {color: 'yellow', bold: true},
	[UiToken.Error]: {color: 'red'},
	[UiToken.Warning]: {color: 'yellow'},
	[UiToken.Success]: {color: 'green'},
	[UiToken.Info]: {color: 'blue'},
	[UiToken.Selection]: {inverse: true},
	[UiToken.JsonKey]: {color: 'cyan'},
	[UiToken.JsonString]: {color: 'green'},
	[UiToken.JsonNumber]: {color: 'magenta'},
	[UiToken.JsonLiteral]: {color: 'yellow'},
	[GraphToken.Blank]: {},
	[GraphToken.StatusNotRun]: {color: 'gray'},
	[GraphToken.StatusInProgress]: {color: 'blue', bold: true},
	[GraphToken.StatusSucceeded]: {color: 'green'},
	[GraphToken.StatusFailed]: {color: 'red', bold: true},
	[GraphToken.StatusCaught]: {color: 'yellow'},
	[GraphToken.StatusCancelled]: {color: 'gray'},
	[GraphToken.StatusWaiting]: {color: 'magenta', bold: true},
	[GraphToken.StatusRetrying]: {color: 'yellow', bold: true},
	[GraphToken.NodeTitle]: {bold: true},
	[GraphToken.NodeSubtitle]: {color: 'gray'},
	[GraphToken.Terminal]: {color: 'gray'},
	[GraphToken.EdgeNext]: {color: 'gray'},
	[GraphToken.EdgeChoice]: {color: 'cyan'},
	[GraphToken.EdgeDefault]: {color: 'cyan', dimColor: true},
	[GraphToken.EdgeCatch]: {color: 'red', dimColor: true},
	[GraphToken.LabelChoice]: {color: 'cyan'},
	[GraphToken.LabelDefault]: {color: 'cyan', dimColor: true},
	[GraphToken.LabelCatch]: {color: 'red', dimColor: true},
};

/** Without colour, emphasis stays: bold and inverse are attributes every terminal has. */
function monochrome(style: TokenStyle): TokenStyle {
	const out: TokenStyle = {};
	if (style.bold) out.bold = true;
	if (style.inverse) out.inverse = true;
	return out;
}

export function createTheme(options: {colour: boolean}): Theme {
	const table = options.colour ? dark : (Object.fromEntries(Object.entries(dark).map(([k, v]) => [k, monochrome(v)])) as typeof dark);
	return {name: options.colour ? 'dark' : 'no-color', colour: options.colour, style: token => table[token] ?? {}};
}

/** `NO_COLOR` (any non-empty value, per no-color.org) or `--no-color` turn colour off. */
export function wantsColour(options: {noColor?: boolean; env?: NodeJS.ProcessEnv} = {}): boolean {
	const env = options.env ?? process.env;
	if (options.noColor) return false;
	return !(env.NO_COLOR !== undefined && env.NO_COLOR !== '');
}
