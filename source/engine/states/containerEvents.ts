/**
 * How AWS chains the end of a Map or Parallel: its *StateSucceeded follows the last
 * event any of its threads recorded and does not advance the chain, so the state's
 * Exited event chains to that same last event.
 */
import type {Frame} from '../execution.js';

export function recordSucceeded(frame: Frame, type: 'MapStateSucceeded' | 'ParallelStateSucceeded'): void {
	const last = frame.run.history.lastEventId;
	frame.run.history.record(frame, type, undefined, {previousEventId: last, advance: false});
	if (!frame.muted) frame.previousEventId = last;
}
