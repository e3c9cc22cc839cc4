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
import type {ExecutionBatch, ExecutionStore, NewExecution} from '../store/executions.js';
import {PageBuilder, stateNames} from '../store/historyPage.js';
import {checkpointInBackground} from '../store/walCheckpointer.js';
import type {HistorySink} from './historyRecorder.js';

/** Batches before the WAL is checkpointed off this thread: a short `stratus run` never starts a worker. */
const BUSY_AFTER_BATCHES = 256;
const MAX_SPARE_BUILDERS = 64;

interface Pending {
	insert?: NewExecution;
	/** Events are packed as they come (see PageBuilder). */
	page?: PageBuilder;
	lastEventId: number;
	checkpoint?: () => string | undefined;
	finish?: ExecutionBatch['finish'];
}

export class HistoryWriter {
	private readonly pending = new Map<number, Pending>();
	private readonly arns = new Set<string>();
	private readonly spareBuilders: PageBuilder[] = [];
	private scheduled = false;
	private batches = 0;
	/** Bumped by every flush: entries held by sinks belong to one generation. */
	private generation = 0;

	constructor(private readonly store: ExecutionStore) {}

	sinkFor(executionId: number, definition: object, checkpoint?: () => string | undefined): HistorySink {
		const names = stateNameIndex(definition);
		// The execution's pending entry stays valid until the next flush: no map lookup per event.
		let entry: Pending | undefined;
		let generation = -1;
		return {
			append: event => {
				if (entry === undefined || generation !== this.generation) {
					entry = this.entry(executionId);
					generation = this.generation;
				}
				let page = entry.page;
				if (!page) {
					page = entry.page = this.spareBuilders.pop() ?? new PageBuilder();
					page.reset(names);
					entry.checkpoint = checkpoint;
				}
				page.add(event);
				entry.lastEventId = event.id;
			},
		};
	}

	/**
	 * A new execution's row, written with its first batch: one commit for the row and
	 * its first events instead of two. Until then only this writer knows the ARN.
	 */
	insert(executionId: number, row: NewExecution): void {
		this.entry(executionId).insert = row;
		this.arns.add(row.arn);
	}

	/** Whether a row for this ARN waits for the next batch. */
	isPending(arn: string): boolean {
		return this.arns.has(arn);
	}

	finish(executionId: number, finish: NonNullable<ExecutionBatch['finish']>): void {
		const entry = this.entry(executionId);
		entry.finish = finish;
		entry.checkpoint = undefined;
	}

	flush(): void {
		if (this.pending.size === 0) return;
		const batch: ExecutionBatch[] = [];
		for (const [executionId, p] of this.pending) {
			const builder = p.page;
			batch.push({
				executionId,
				insert: p.insert,
				page: builder && {firstId: builder.firstId, lastId: builder.lastId, body: builder.finish()},
				lastEventId: p.lastEventId,
				checkpoint: p.finish ? undefined : p.checkpoint?.(),
				finish: p.finish,
			});
			// Emptied now, so a spare holds no payloads; a few spares cover the executions of a busy turn.
			if (builder && this.spareBuilders.length < MAX_SPARE_BUILDERS) {
				builder.reset();
				this.spareBuilders.push(builder);
			}
		}
		this.pending.clear();
		this.arns.clear();
		this.generation++;
		this.store.write(batch);
		if (++this.batches === BUSY_AFTER_BATCHES) checkpointInBackground(this.store.db);
	}

	/** An execution's entry for this batch; the first entry of a batch schedules its flush. */
	private entry(executionId: number): Pending {
		let entry = this.pending.get(executionId);
		if (!entry) {
			entry = {lastEventId: 0};
			this.pending.set(executionId, entry);
			this.schedule();
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

const nameIndexes = new WeakMap<object, ReadonlyMap<string, number>>();

/** Pages refer to state names by their index in the definition: computed once per definition. */
function stateNameIndex(definition: object): ReadonlyMap<string, number> {
	let index = nameIndexes.get(definition);
	if (!index) {
		const map = new Map<string, number>();
		stateNames(definition).forEach((name, i) => {
			if (!map.has(name)) map.set(name, i);
		});
		index = map;
		nameIndexes.set(definition, index);
	}
	return index;
}
