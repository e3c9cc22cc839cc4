/**
 * A block of fitted lines (see lines.ts) drawn as one Ink text node.
 *
 * Ink lays out, measures and draws every text node on every frame, and measures with
 * string-width, which walks anything but printable ASCII grapheme by grapheme (a few
 * microseconds per box-drawing character). One <Text> per coloured run put some 900
 * nodes on a 160×50 screen; a block is one. Ink lays it out as a blank rectangle of
 * the block's size (measured once: the blank text is the same every frame) and
 * <Transform> swaps each blank row for the styled line (styledText.ts) as Ink writes
 * the frame. The swap keeps the layout true: lines are clipped to the block's width,
 * and a shorter line leaves the rest of its row blank, as Ink's frame starts blank.
 *
 * A screen reader (Ink's screen-reader mode) is given the lines' plain text instead.
 */
import {Box, Transform, useIsScreenReaderEnabled} from 'ink';
import {memo, useCallback, useMemo} from 'react';
import {clipLine, lineText, type Line} from '../lines.js';
import {styledLine} from '../styledText.js';
import {useTheme} from '../themeContext.js';

const blanks = new Map<string, string>();

/** `rows` rows of `width` spaces: what Ink lays out and measures in place of the lines. */
function blankBlock(width: number, rows: number): string {
	const key = `${width}x${rows}`;
	let block = blanks.get(key);
	if (block === undefined) {
		block = Array.from({length: rows}, () => ' '.repeat(width)).join('\n');
		blanks.set(key, block);
	}
	return block;
}

export interface TextBlockProps {
	lines: readonly Line[];
	width: number;
	/** Rows of the block (default: one per line); lines past it are not drawn. */
	height?: number;
}

/** The lines inside a box the parent sized: nothing but the text node. */
export const TextBlock = memo(function TextBlock({lines, width, height}: TextBlockProps) {
	const theme = useTheme();
	const reader = useIsScreenReaderEnabled();
	const rows = height ?? lines.length;
	const styled = useMemo(() => lines.slice(0, rows).map(line => styledLine(clipLine(line, width), theme)), [lines, rows, width, theme]);
	const transform = useCallback((_blank: string, index: number) => styled[index] ?? '', [styled]);
	if (rows <= 0 || width <= 0) return null;
	return (
		<Transform transform={transform} accessibilityLabel={reader ? lines.slice(0, rows).map(lineText).join('\n') : undefined}>
			{blankBlock(width, rows)}
		</Transform>
	);
});

/** A block in a box of exactly its size, for lines laid out among other boxes (header, footer, sheets). */
export function Lines({lines, width, height}: TextBlockProps) {
	const rows = height ?? lines.length;
	return (
		<Box flexDirection="column" width={width} height={rows} flexShrink={0}>
			<TextBlock lines={lines} width={width} height={rows} />
		</Box>
	);
}
