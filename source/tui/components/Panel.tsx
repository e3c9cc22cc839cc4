/**
 * A pane's frame: the top edge carries the pane's number and title
 * (`╭─ 2 Executions · 40 ───╮`) and is drawn as text; the sides and bottom are
 * Ink's own border, heavy when the pane is focused so focus shows without colour.
 * The content is one text block (TextBlock.tsx) clipped to the inner size: Ink draws
 * a border once per side, and blank cells cost nothing.
 */
import {Box} from 'ink';
import {memo, useMemo} from 'react';
import {fitLine, lineWidth, seg, type Line} from '../lines.js';
import {UiToken} from '../theme.js';
import {useTheme} from '../themeContext.js';
import {TextBlock} from './TextBlock.js';

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
	const theme = useTheme();
	const innerWidth = Math.max(0, width - 2);
	const innerHeight = Math.max(0, height - 2);
	const top = useMemo(() => [topEdge({number, title, info, focused, width})], [number, title, info, focused, width]);
	const border = theme.style(focused ? UiToken.BorderFocused : UiToken.Border);
	return (
		<Box flexDirection="column" width={width} height={height} flexShrink={0}>
			<TextBlock lines={top} width={width} />
			{/* Keyed by focus: Ink applies a changed borderStyle with every edge on, ignoring borderTop={false}, so the box is made anew instead. */}
			<Box
				key={focused ? 'focused' : 'idle'}
				flexDirection="column"
				width={width}
				height={height - 1}
				borderStyle={focused ? 'bold' : 'round'}
				borderTop={false}
				borderColor={border.color}
				borderDimColor={border.dimColor}
			>
				<TextBlock lines={lines} width={innerWidth} height={innerHeight} />
			</Box>
		</Box>
	);
});

/** `╭─ 2 Executions · 40 ─────╮`, heavy (`┏━ … ━┓`) when focused. */
export function topEdge({number, title, info, focused, width}: Pick<PanelProps, 'number' | 'title' | 'info' | 'focused' | 'width'>): Line {
	const border = focused ? UiToken.BorderFocused : UiToken.Border;
	const [h, left, right] = focused ? ['━', '┏', '┓'] : ['─', '╭', '╮'];
	const innerWidth = Math.max(0, width - 2);
	const label: Line = [seg(`${h} `, border)];
	if (number !== undefined) label.push(seg(`${number} `, focused ? UiToken.Key : UiToken.Dim));
	label.push(seg(title, focused ? UiToken.Accent : UiToken.Title, {bold: true}));
	if (info) label.push(seg(` · ${info}`, UiToken.Dim));
	label.push(seg(' ', border));
	const labelWidth = lineWidth(label);
	const edge = labelWidth > innerWidth ? fitLine(label, innerWidth) : [...label, seg(h.repeat(innerWidth - labelWidth), border)];
	return [seg(left, border), ...edge, seg(right, border)];
}
