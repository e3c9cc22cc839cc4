/**
 * Draws fitted lines (see lines.ts) with the theme's colours. One Ink <Text> per
 * line, one nested <Text> per segment: no layout work for Yoga beyond a column of rows.
 */
import {Box, Text} from 'ink';
import {memo} from 'react';
import type {Line} from '../lines.js';
import {useTheme} from '../theme.js';

export const LineView = memo(function LineView({line}: {line: Line}) {
	const theme = useTheme();
	if (line.length === 0) return <Text> </Text>;
	return (
		<Text wrap="truncate-end">
			{line.map((segment, index) => {
				const style = theme.style(segment.token);
				return (
					<Text
						key={index}
						color={style.color}
						bold={segment.bold ?? style.bold}
						dimColor={style.dimColor}
						inverse={segment.inverse || style.inverse}
					>
						{segment.text}
					</Text>
				);
			})}
		</Text>
	);
});

export function Lines({lines, width, height}: {lines: readonly Line[]; width: number; height?: number}) {
	return (
		<Box flexDirection="column" width={width} height={height ?? lines.length} flexShrink={0}>
			{lines.map((line, index) => (
				<LineView key={index} line={line} />
			))}
		</Box>
	);
}
