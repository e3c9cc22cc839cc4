/**
 * Step detail: the selected state's input, output, error and cause, then the
 * execution's event history (see detailDocument.ts), scrolled by the App. In follow
 * mode the window stays on the newest events as they arrive.
 */
import {memo, useMemo} from 'react';
import {Panel} from '../components/Panel.js';
import type {Line} from '../lines.js';

export interface StepDetailPaneProps {
	number: number;
	width: number;
	height: number;
	focused: boolean;
	lines: readonly Line[];
	/** First line shown. */
	scroll: number;
	follow: boolean;
	grouped: boolean;
}

export const StepDetailPane = memo(function StepDetailPane(props: StepDetailPaneProps) {
	const {lines, scroll, width, height, focused, follow, grouped} = props;
	const rows = height - 2;
	const visible = useMemo(() => lines.slice(scroll, scroll + rows), [lines, scroll, rows]);
	const position = lines.length > rows ? `${Math.min(lines.length, scroll + rows)}/${lines.length}` : '';
	const info = [grouped ? 'grouped' : 'raw', follow ? 'following' : '', position].filter(Boolean).join(' · ');
	return <Panel number={props.number} title="Step detail" info={info} focused={focused} width={width} height={height} lines={visible} />;
});

/** The first line to show: the end when following, else the requested line clamped. */
export function detailScroll(requested: number, follow: boolean, total: number, rows: number): number {
	const last = Math.max(0, total - rows);
	return follow ? last : Math.max(0, Math.min(requested, last));
}
