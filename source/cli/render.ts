/** Plain-text renderings for people (the --json forms are for scripts). */
export function renderExecutionResult(result: Record<string, unknown>): string {
	const lines = [`${result.status}  ${result.executionArn}`];
	if (result.status === 'SUCCEEDED') lines.push(JSON.stringify(result.output, null, 2));
	else {
		if (result.error) lines.push(`error: ${result.error}`);
		if (result.cause) lines.push(`cause: ${result.cause}`);
	}
	const events = result.events as Array<Record<string, unknown>> | undefined;
	if (events) {
		lines.push('', renderHistory(events));
	}
	return lines.join('\n') + '\n';
}

export function renderHistory(events: Array<Record<string, unknown>>): string {
	if (events.length === 0) return '(no events)';
	const start = Date.parse(String(events[0].timestamp));
	return events
		.map(e => {
			const elapsed = `+${((Date.parse(String(e.timestamp)) - start) / 1000).toFixed(3)}s`;
			const details = Object.entries(e).find(([k]) => k.endsWith('EventDetails'))?.[1] as Record<string, unknown> | undefined;
			const name = details && typeof details.name === 'string' ? ` ${details.name}` : '';
			return `${String(e.id).padStart(4)}  ${elapsed.padStart(10)}  ${e.type}${name}`;
		})
		.join('\n');
}

export function renderTable(rows: Array<Record<string, unknown>>, columns: string[]): string {
	if (rows.length === 0) return '(none)\n';
	const widths = columns.map(c => Math.max(c.length, ...rows.map(r => String(r[c] ?? '').length)));
	const line = (values: string[]) => values.map((v, i) => v.padEnd(widths[i])).join('  ').trimEnd();
	return [line(columns), ...rows.map(r => line(columns.map(c => String(r[c] ?? ''))))].join('\n') + '\n';
}
