/**
 * Channel routing for the rows between two layers. Every edge crossing the gap is
 * part of a net: the edges leaving one port (a Choice's fan-out) or entering one
 * port (a fan-in) share their horizontal bar; any other edge is a net of its own.
 * A net whose ends are not all in one column needs one row (a track) for its bar.
 *
 * Tracks are assigned by the constrained left-edge algorithm: fill the top track
 * left to right with nets whose bars do not touch, then the next. A net that enters
 * the gap from above in column c must lie above a net that leaves it downward in c,
 * or the two would run along the same cells; nets with such a constraint pending
 * wait for a later track. (A cycle of constraints, which layouts here do not
 * produce, is broken by taking the leftmost net.)
 */

export interface GapNet {
	id: string;
	/** Columns where the net's lines come in from the layer above. */
	upper: readonly number[];
	/** Columns where they go on to the layer below. */
	lower: readonly number[];
}

export interface TrackAssignment {
	/** Rows the gap needs. */
	count: number;
	/** Track (0 = top row of the gap) of every net that needs one. */
	track: Map<string, number>;
}

export function assignTracks(nets: readonly GapNet[]): TrackAssignment {
	interface Span {
		net: GapNet;
		start: number;
		end: number;
	}
	const remaining: Span[] = [];
	for (const net of nets) {
		const columns = [...net.upper, ...net.lower];
		const start = Math.min(...columns);
		const end = Math.max(...columns);
		if (end > start) remaining.push({net, start, end});
	}
	remaining.sort((a, b) => a.start - b.start || a.end - b.end);

	const track = new Map<string, number>();
	let count = 0;
	while (remaining.length > 0) {
		const upperColumns = new Map<number, Span>();
		for (const span of remaining) for (const c of span.net.upper) upperColumns.set(c, span);
		// A net may take this track only if no other waiting net must be above it.
		const mustWait = (span: Span) =>
			span.net.lower.some(c => {
				const above = upperColumns.get(c);
				return above !== undefined && above !== span;
			});
		let available = remaining.filter(span => !mustWait(span));
		if (available.length === 0) available = [remaining[0]!];
		let lastEnd = -Infinity;
		for (const span of available) {
			// One blank column between bars on a row, so `┐┌` never reads as one line.
			if (span.start <= lastEnd + 1) continue;
			track.set(span.net.id, count);
			lastEnd = span.end;
			remaining.splice(remaining.indexOf(span), 1);
		}
		count++;
	}
	return {count, track};
}
