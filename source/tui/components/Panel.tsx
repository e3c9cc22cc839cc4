/**
 * A pane's frame: a rounded border drawn as text with the pane's number and title
 * in the top edge (`╭─ 2 Executions · 40 ───╮`), brighter when focused, around
 * content lines fitted to the inner size.
 */
import {memo, useMemo} from 'react';
import {fitBlock, fitLine, lineWidth, seg, type Line} from '../lines.js';
import {UiToken} from '../theme.js';
import {Lines} from './LineView.js';

export interface PanelProps {
	number?: number;
	title: string;
	/** After the title: counts, the filter, a mode. */
	info?: string;
	focused: boolean;
	width: number;
	height: number;
	lines: readonly Line[];
}

export const Panel = memo(function Panel({number, title, info, focused, width, height, lines}: PanelProps) {
	const rows = useMemo(() => frame({number, title, info, focused, width, height, lines}), [number, title, info, focused, width, height, lines]);
	return <Lines lines={rows} width={width} height={height} />;
});

export function frame({number, title, info, focused, width, height, lines}: PanelProps): Line[] {
	const border = focused ? UiToken.BorderFocused : UiToken.Border;
	const innerWidth = Math.max(0, width - 2);
	const innerHeight = Math.max(0, height - 2);
	const label: Line = [seg('─ ', border)];
	if (number !== undefined) label.push(seg(`${number} `, focused ? UiToken.Key : UiToken.Dim));
	label.push(seg(title, focused ? UiToken.Accent : UiToken.Title, {bold: true}));
	if (info) label.push(seg(` · ${info}`, UiToken.Dim));
	label.push(seg(' ', border));
	const labelWidth = lineWidth(label);
	const edge = labelWidth > innerWidth ? fitLine(label, innerWidth) : [...label, seg('─'.repeat(innerWidth - labelWidth), border)];
	// The focused pane's frame is heavy, so focus shows without colour too.
	const [h, v, tl, tr, bl, br] = focused ? ['━', '┃', '┏', '┓', '┗', '┛'] : ['─', '│', '╭', '╮', '╰', '╯'];
	const top: Line = [seg(tl, border), ...edge.map(s => (s.token === border ? {...s, text: s.text.replace(/─/g, h)} : s)), seg(tr, border)];
	const out: Line[] = [top];
	for (const line of fitBlock(lines, innerWidth, innerHeight)) out.push([seg(v, border), ...line, seg(v, border)]);
	out.push([seg(bl + h.repeat(innerWidth) + br, border)]);
	return out;
}
