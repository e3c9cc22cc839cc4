/**
 * Draws fitted lines (see lines.ts) with the theme's colours.
 *
 * Each line is a row of Ink <Text> nodes, one per run of printable ASCII or of
 * other characters, not one <Text> for the whole line: Ink measures every text
 * node on every frame with string-width, whose fast path takes printable ASCII only.
 * A single `│` border or `✓` glyph would otherwise send the whole 160-column line
 * through grapheme segmentation; split, only the few non-ASCII characters do. On a
 * full 160×50 screen this roughly halves the time Ink takes per frame.
 */
import {Box, Text} from 'ink';
import {memo} from 'react';
import type {Line, Segment} from '../lines.js';
import type {Theme} from '../theme.js';
import {useTheme} from '../themeContext.js';

const runPattern = /[\u0020-\u007e]+|[^\u0020-\u007e]+/g;

/** Segments cut where printable ASCII starts or stops. */
export function asciiRuns(line: Line): Segment[] {
	const out: Segment[] = [];
	for (const segment of line) {
		if (segment.text === '') continue;
		const pieces = segment.text.match(runPattern);
		if (!pieces || pieces.length === 1) out.push(segment);
		else for (const text of pieces) out.push({...segment, text});
	}
	return out;
}

function run(segment: Segment, index: number, theme: Theme) {
	const style = theme.style(segment.token);
	return (
		<Text key={index} color={style.color} bold={segment.bold ?? style.bold} dimColor={style.dimColor} inverse={segment.inverse || style.inverse}>
			{segment.text}
		</Text>
	);
}

/** Lines are rebuilt on every change of their pane; most come out the same, and React need not touch those. */
function sameLine(a: {line: Line}, b: {line: Line}): boolean {
	if (a.line === b.line) return true;
	if (a.line.length !== b.line.length) return false;
	for (let i = 0; i < a.line.length; i++) {
		const x = a.line[i];
		const y = b.line[i];
		if (x.text !== y.text || x.token !== y.token || x.inverse !== y.inverse || x.bold !== y.bold) return false;
	}
	return true;
}

export const LineView = memo(function LineView({line}: {line: Line}) {
	const theme = useTheme();
	const runs = asciiRuns(line);
	if (runs.length === 0) return <Text> </Text>;
	if (runs.length === 1) return run(runs[0], 0, theme);
	return (
		<Box flexDirection="row" height={1} flexShrink={0}>
			{runs.map((segment, index) => run(segment, index, theme))}
		</Box>
	);
}, sameLine);

export function Lines({lines, width, height}: {lines: readonly Line[]; width: number; height?: number}) {
	return (
		<Box flexDirection="column" width={width} height={height ?? lines.length} flexShrink={0}>
			{lines.map((line, index) => (
				<LineView key={index} line={line} />
			))}
		</Box>
	);
}
