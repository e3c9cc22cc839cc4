/**
 * Batches history events of every running execution into one SQLite transaction
 * per event-loop turn. Each batch carries the execution's checkpoint taken at the
 * same instant, so the stored history and the stored position always agree:
 * a restart resumes exactly after the last persisted transition.
 *
 * Flushes happen only between macrotasks (never inside `append`), because the
 * interpreter updates a thread's position in the same synchronous step as the
 * event that moves it; the interpreter yields every thousand transitions so a
 * hot loop still flushes.
 */
import type {ExecutionBatch, ExecutionStatus, ExecutionStore} from '../store/executions.js';
import type {HistoryEvent} from './historyEvent.js';
import type {HistorySink} from './historyRecorder.js';

interface Pending {
	events: ExecutionBatch['events'];
	lastEventId: number;
	checkpoint?: () => string | undefined;
	finish?: ExecutionBatch['finish'];
}

export class HistoryWriter {
	private readonly pending = new Map<number, Pending>();
	private scheduled = false;

	constructor(private readonly store: ExecutionStore) {}

	sinkFor(executionId: number, checkpoint?: () => string | undefined): HistorySink {
		return {
			append: event => {
				const entry = this.entry(executionId);
				entry.checkpoint = checkpoint;
				this.append(entry, event);
			},
		};
	}

	finish(executionId: number, finish: {status: ExecutionStatus; output: string | null; error: string | null; cause: string | null; stopDate: number}): void {
		const entry = this.entry(executionId);
		entry.finish = finish;
		entry.checkpoint = undefined;
		this.schedule();
	}

	flush(): void {
		if (this.pending.size === 0) return;
		const batch: ExecutionBatch[] = [];
		for (const [executionId, p] of this.pending) {
			batch.push({executionId, events: p.events, lastEventId: p.lastEventId, checkpoint: p.finish ? undefined : p.checkpoint?.(), finish: p.finish});
		}
		this.pending.clear();
		this.store.write(batch);
	}

	private append(entry: Pending, event: HistoryEvent): void {
		entry.events.push({
			id: event.id,
			previousEventId: event.previousEventId,
			type: event.type,
			timestamp: event.timestamp,
			details: event.details ? JSON.stringify(event.details) : null,
		});
		entry.lastEventId = event.id;
		this.schedule();
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
