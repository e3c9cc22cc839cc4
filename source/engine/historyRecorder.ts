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

	/**
	 * Whether an event of this thread would be kept anywhere. EXPRESS executions
	 * without --history keep none, so callers skip serialising payloads for them.
	 */
	keeps(frame: Frame | undefined): boolean {
		return this.sink !== undefined && !frame?.muted;
	}

	/**
	 * Records an event of a thread. It chains to the thread's last event unless
	 * `previousEventId` is given, and becomes the thread's last event unless
	 * `advance` is false (AWS's MapIteration*, Map/ParallelStateSucceeded). A muted
	 * thread (a distributed map's child) records nothing.
	 */
	record(frame: Frame | undefined, type: HistoryEventType, details?: Record<string, unknown>, options?: {previousEventId?: number; advance?: boolean}): number {
		if (frame?.muted) return 0;
		const id = ++this.lastId;
		const previousEventId = options?.previousEventId ?? (frame ? frame.previousEventId : id - 1);
		if (frame && options?.advance !== false) frame.previousEventId = id;
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
