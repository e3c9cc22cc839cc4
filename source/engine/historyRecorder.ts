/**
 * Gives each event of one execution its id and previousEventId and hands it to a
 * sink. STANDARD executions persist through the batching writer; EXPRESS ones keep
 * only a count, as AWS keeps no history for them.
 */
import type {Frame} from './execution.js';
import type {HistoryEvent, HistoryEventType} from './historyEvent.js';

export interface HistorySink {
	append(event: HistoryEvent): void;
}

export class HistoryRecorder {
	private lastId = 0;

	constructor(
		private readonly sink: HistorySink | undefined,
		private readonly now: () => number,
		startAfter = 0,
	) {
		this.lastId = startAfter;
	}

	get lastEventId(): number {
		return this.lastId;
	}

	record(frame: Frame | undefined, type: HistoryEventType, details?: Record<string, unknown>): number {
		const id = ++this.lastId;
		const previousEventId = frame ? frame.previousEventId : id - 1;
		if (frame) frame.previousEventId = id;
		this.sink?.append({id, previousEventId, type, timestamp: this.now(), details});
		return id;
	}
}

/** Collects events in memory: `stratus run --history` of an EXPRESS machine, and tests. */
export class MemoryHistory implements HistorySink {
	readonly events: HistoryEvent[] = [];

	append(event: HistoryEvent): void {
		this.events.push(event);
	}
}
