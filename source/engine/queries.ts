/** Read-side queries for the CLI and the TUI: stored rows in AWS's wire shapes. */
import type {ExecutionRow, ExecutionStore} from '../store/executions.js';
import {toAwsEvent, type HistoryEvent} from './historyEvent.js';

export function findExecution(store: ExecutionStore, ref: string): ExecutionRow | undefined {
	return store.get(ref) ?? store.latestByName(ref);
}

export function storedHistory(store: ExecutionStore, ref: string): Array<Record<string, unknown>> | undefined {
	const execution = findExecution(store, ref);
	if (!execution) return undefined;
	return store.history(execution.id).map(e =>
		toAwsEvent({
			id: e.id,
			previousEventId: e.previousEventId,
			type: e.type as HistoryEvent['type'],
			timestamp: e.timestamp,
			details: e.details ? (JSON.parse(e.details) as Record<string, unknown>) : undefined,
		}),
	);
}
