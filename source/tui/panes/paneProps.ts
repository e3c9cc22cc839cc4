/** What every pane is given by the App, and the filter row list panes share. */
import {seg, type Line} from '../lines.js';
import {UiToken} from '../theme.js';

export interface PaneFrameProps {
	/** The number key that jumps to it. */
	number: number;
	width: number;
	height: number;
	focused: boolean;
	/** The list filter, '' for none. */
	filter: string;
	/** The filter is being typed. */
	filtering: boolean;
	/** Items before filtering. */
	total: number;
}

/** `/ text▏` while typing, `/ text` once kept, nothing without a filter. */
export function filterLine(filter: string, filtering: boolean): Line | undefined {
	if (!filtering && filter === '') return undefined;
	const line: Line = [seg('/', UiToken.Key), seg(' '), seg(filter, UiToken.Accent)];
	if (filtering) line.push(seg(' ', UiToken.Accent, {inverse: true}));
	else line.push(seg('  (Esc clears)', UiToken.Dim));
	return line;
}
