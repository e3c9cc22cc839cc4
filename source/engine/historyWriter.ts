/**
 * Batches history events of every running execution into one SQLite transaction
 * per event-loop turn (or per thousand events, whichever comes first), so the
 * engine persists every transition at batched-insert speed.
 */
import type {ExecutionBatch, ExecutionStatus, ExecutionStore} from '../store/executions.js';
import type {HistoryEvent} from './historyEvent.js';
import type {HistorySink} from './historyRecorder.js';

const FLUSH_EVERY_EVENTS = 1000;

interface Pending {
	events: ExecutionBatch['events'];
	lastEventId: number;
	checkpoint?: string;
	finish?: ExecutionBatch['finish'];
}

export class HistoryWriter {
	private readonly pending = new Map<number, Pending>();
	private count = 0;
	private scheduled = false;

	constructor(private readonly store: ExecutionStore) {}

	sinkFor(executionId: number): HistorySink {
		return {append: event => this.append(executionId, event)};
	}

	append(executionId: number, event: HistoryEvent): void {
		const entry = this.entry(executionId);
		entry.events.push({
			id: event.id,
			previousEventId: event.previousEventId,
			type: event.type,
			timestamp: event.timestamp,
			details: event.details ? JSON.stringify(event.details) : null,
		});
		entry.lastEventId = event.id;
		if (++this.count >= FLUSH_EVERY_EVENTS) this.flush();
		else this.schedule();
	}

	finish(executionId: number, finish: {status: ExecutionStatus; output: string | null; error: string | null; cause: string | null; stopDate: number}): void {
		this.entry(executionId).finish = finish;
		this.schedule();
	}

	flush(): void {
		if (this.pending.size === 0) return;
		const batch: ExecutionBatch[] = [];
		for (const [executionId, p] of this.pending) batch.push({executionId, ...p});
		this.pending.clear();
		this.count = 0;
		this.store.write(batch);
	}

	private entry(executionId: number): Pending {
		let entry = this.pending.get(executionId);
		if (!entry) {
			entry = {events: [], lastEventId: 0};
			this.pending.set(executionId, entry);
		}
		return entry;
	}

	private schedule(): void {
		if (this.scheduled) return;
		this.scheduled = true;
		setImmediate(() => {
			this.scheduled = false;
			this.flush();
		});
	}
}
