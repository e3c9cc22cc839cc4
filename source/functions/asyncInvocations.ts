/**
 * Asynchronous (`Event`) invocations: a queue in SQLite that any stratus process may
 * fill and whichever process runs the dispatcher drains. Each event is tried, retried
 * after a back-off when the function fails (twice by default, after 1 and 2 minutes
 * as on AWS; the delays are injectable so tests never sleep), dropped once older than
 * MaximumEventAgeInSeconds, and finally routed to its on-success or on-failure
 * destination with Lambda's destination record, plus a dead-letter record.
 *
 * A claimed event carries a lease: if its process dies mid-invoke, the event becomes
 * due again when the lease runs out (at-least-once, as on AWS).
 */
import {AsyncEventStatus, type AsyncEventRow, type FunctionStore} from '../store/functionsStore.js';
import {LambdaErrorCode, LambdaServiceError} from './lambdaServiceError.js';

export interface AttemptResult {
	ok: boolean;
	payload: Buffer;
	executedVersion: string;
	errorType?: string;
}

export interface EventConfig {
	functionArn: string;
	maximumRetryAttempts: number;
	maximumEventAgeInSeconds: number;
	onSuccess?: string;
	onFailure?: string;
	deadLetterTarget?: string;
	/** Longest a single attempt may run: the lease must outlast it. */
	timeoutSeconds: number;
}

export interface AsyncRunner {
	/** Runs one attempt; throws LambdaServiceError (TooManyRequests) when throttled. */
	attempt(event: AsyncEventRow): Promise<AttemptResult>;
	config(event: AsyncEventRow): EventConfig | undefined;
	/** Sends a destination record on (to a function of this project: an async invoke). */
	deliver(destination: string, record: string): void;
}

export const DestinationKind = {
	OnSuccess: 'OnSuccess',
	OnFailure: 'OnFailure',
	DeadLetter: 'DeadLetter',
} as const;
export type DestinationKind = (typeof DestinationKind)[keyof typeof DestinationKind];

export const DestinationCondition = {
	Success: 'Success',
	RetriesExhausted: 'RetriesExhausted',
	EventAgeExceeded: 'EventAgeExceeded',
} as const;
export type DestinationCondition = (typeof DestinationCondition)[keyof typeof DestinationCondition];

export interface AsyncQueueOptions {
	/** Back-off before each retry; the last value repeats. AWS: one minute, then two. */
	retryDelaysMs?: number[];
	/** Wait before retrying a throttled event (throttles do not count as attempts). */
	throttleDelayMs?: number;
	/** How often to look for events queued by other processes. */
	pollMs?: number;
	/** How many events this process runs at once. */
	maxInFlight?: number;
	now?: () => number;
}

export class AsyncQueue {
	private readonly retryDelaysMs: number[];
	private readonly throttleDelayMs: number;
	private readonly maxInFlight: number;
	private readonly now: () => number;
	private timer: NodeJS.Timeout | undefined;
	private timerAt = Infinity;
	private readonly poller: NodeJS.Timeout | undefined;
	private scheduled = false;
	private inFlight = 0;
	private closed = false;
	private drainWaiters: Array<() => void> = [];

	constructor(
		private readonly store: FunctionStore,
		private readonly runner: AsyncRunner,
		options: AsyncQueueOptions & {dispatch: boolean},
	) {
		this.retryDelaysMs = options.retryDelaysMs ?? [60_000, 120_000];
		this.throttleDelayMs = options.throttleDelayMs ?? 1_000;
		this.maxInFlight = options.maxInFlight ?? 64;
		this.now = options.now ?? Date.now;
		if (options.dispatch) {
			this.poller = setInterval(() => this.schedule(), options.pollMs ?? 1_000);
			this.poller.unref();
			this.schedule();
		} else this.closed = true;
	}

	enqueue(event: {requestId: string; functionName: string; qualifier: string | null; payload: Buffer; clientContext: string | null}): void {
		this.store.enqueue({...event, now: this.now()});
		this.schedule();
	}

	/** Dispatch on the next turn (many enqueues in one turn make one pass). */
	schedule(): void {
		if (this.scheduled || this.closed) return;
		this.scheduled = true;
		setImmediate(() => {
			this.scheduled = false;
			this.dispatch();
		});
	}

	private dispatch(): void {
		if (this.closed) return;
		const now = this.now();
		const room = this.maxInFlight - this.inFlight;
		if (room > 0) {
			for (const event of this.store.dueEvents(now, room)) {
				const config = this.runner.config(event);
				const lease = now + ((config?.timeoutSeconds ?? 900) + 60) * 1000;
				if (!this.store.claim(event.id, now, lease)) continue;
				this.inFlight++;
				void this.run(event, config).finally(() => {
					this.inFlight--;
					this.schedule();
				});
			}
		}
		this.armTimer();
		this.checkDrained();
	}

	private armTimer(): void {
		const next = this.store.nextDue();
		if (next === undefined || this.closed) return;
		if (this.timer && this.timerAt <= next) return;
		clearTimeout(this.timer);
		this.timerAt = next;
		this.timer = setTimeout(() => {
			this.timer = undefined;
			this.timerAt = Infinity;
			this.schedule();
		}, Math.max(0, next - this.now()));
		this.timer.unref();
	}

	private async run(event: AsyncEventRow, config: EventConfig | undefined): Promise<void> {
		const now = this.now();
		if (!config) {
			// The function is gone from the template: nothing can ever run this event.
			this.store.finishEvent(event.id, {status: AsyncEventStatus.Failed, attempts: event.attempts, executedVersion: null, errorType: LambdaErrorCode.ResourceNotFound, response: null, now});
			return;
		}
		if (now - event.enqueuedAt > config.maximumEventAgeInSeconds * 1000) {
			this.store.finishEvent(event.id, {status: AsyncEventStatus.Expired, attempts: event.attempts, executedVersion: event.executedVersion, errorType: event.lastErrorType, response: event.lastResponse, now});
			this.failed(event, config, DestinationCondition.EventAgeExceeded, undefined);
			return;
		}
		let result: AttemptResult;
		try {
			result = await this.runner.attempt(event);
		} catch (error) {
			if (error instanceof LambdaServiceError && error.code === LambdaErrorCode.TooManyRequests) {
				this.store.requeueEvent(event.id, {
					attempts: event.attempts,
					nextAttemptAt: this.now() + this.throttleDelayMs,
					executedVersion: event.executedVersion,
					errorType: error.code,
					response: event.lastResponse,
					now: this.now(),
				});
				return;
			}
			result = {
				ok: false,
				payload: Buffer.from(JSON.stringify({errorMessage: (error as Error).message, errorType: (error as LambdaServiceError).code ?? 'ServiceException'})),
				executedVersion: event.executedVersion ?? '$LATEST',
				errorType: (error as LambdaServiceError).code ?? 'ServiceException',
			};
		}
		const attempts = event.attempts + 1;
		const after = this.now();
		if (result.ok) {
			this.store.finishEvent(event.id, {status: AsyncEventStatus.Succeeded, attempts, executedVersion: result.executedVersion, errorType: null, response: result.payload, now: after});
			if (config.onSuccess) this.route(DestinationKind.OnSuccess, config.onSuccess, event, config, DestinationCondition.Success, attempts, result);
			return;
		}
		if (attempts <= config.maximumRetryAttempts) {
			const delay = this.retryDelaysMs[Math.min(attempts - 1, this.retryDelaysMs.length - 1)] ?? 0;
			this.store.requeueEvent(event.id, {attempts, nextAttemptAt: after + delay, executedVersion: result.executedVersion, errorType: result.errorType ?? 'Unhandled', response: result.payload, now: after});
			return;
		}
		this.store.finishEvent(event.id, {status: AsyncEventStatus.Failed, attempts, executedVersion: result.executedVersion, errorType: result.errorType ?? 'Unhandled', response: result.payload, now: after});
		this.failed({...event, attempts}, config, DestinationCondition.RetriesExhausted, result);
	}

	private failed(event: AsyncEventRow, config: EventConfig, condition: DestinationCondition, result: AttemptResult | undefined): void {
		const last = result ?? (event.lastResponse ? {ok: false, payload: event.lastResponse, executedVersion: event.executedVersion ?? '$LATEST', errorType: event.lastErrorType ?? undefined} : undefined);
		if (config.onFailure) this.route(DestinationKind.OnFailure, config.onFailure, event, config, condition, event.attempts, last);
		if (config.deadLetterTarget) {
			// A dead-letter queue gets the original event, with the failure in its message attributes.
			const record = JSON.stringify({
				payload: parseMaybe(event.payload),
				attributes: {
					RequestID: event.requestId,
					ErrorCode: '200',
					ErrorMessage: errorMessageOf(last?.payload).slice(0, 1024),
				},
			});
			this.store.insertDestinationRecord({
				requestId: event.requestId,
				functionName: event.functionName,
				kind: DestinationKind.DeadLetter,
				destination: config.deadLetterTarget,
				condition,
				record,
				createdAt: this.now(),
			});
			this.runner.deliver(config.deadLetterTarget, record);
		}
	}

	/** Lambda's destination record, delivered and kept. */
	private route(
		kind: DestinationKind,
		destination: string,
		event: AsyncEventRow,
		config: EventConfig,
		condition: DestinationCondition,
		attempts: number,
		result: AttemptResult | undefined,
	): void {
		const executedVersion = result?.executedVersion ?? event.executedVersion ?? '$LATEST';
		const record = JSON.stringify({
			version: '1.0',
			timestamp: new Date(this.now()).toISOString(),
			requestContext: {
				requestId: event.requestId,
				functionArn: `${config.functionArn}:${event.qualifier ?? '$LATEST'}`,
				condition,
				approximateInvokeCount: attempts,
			},
			requestPayload: parseMaybe(event.payload),
			responseContext: result
				? {statusCode: 200, executedVersion, ...(result.ok ? {} : {functionError: 'Unhandled'})}
				: {statusCode: 200, executedVersion},
			responsePayload: result ? parseMaybe(result.payload) : null,
		});
		this.store.insertDestinationRecord({requestId: event.requestId, functionName: event.functionName, kind, destination, condition, record, createdAt: this.now()});
		this.runner.deliver(destination, record);
	}

	private checkDrained(): void {
		if (this.drainWaiters.length === 0 || this.inFlight > 0 || this.store.pendingEvents() > 0) return;
		const waiters = this.drainWaiters;
		this.drainWaiters = [];
		for (const resolve of waiters) resolve();
	}

	/** Resolves when no event is queued or running (retries included). */
	drain(): Promise<void> {
		return new Promise(resolve => {
			// Timers here are unref'd; this keeps the process alive for whoever awaits the drain.
			const keepAlive = setInterval(() => this.schedule(), 50);
			this.drainWaiters.push(() => {
				clearInterval(keepAlive);
				resolve();
			});
			this.schedule();
		});
	}

	close(): void {
		this.closed = true;
		clearTimeout(this.timer);
		clearInterval(this.poller);
	}
}

function parseMaybe(payload: Buffer | null | undefined): unknown {
	if (!payload || payload.length === 0) return null;
	const text = payload.toString('utf8');
	try {
		return JSON.parse(text);
	} catch {
		return text;
	}
}

function errorMessageOf(payload: Buffer | undefined): string {
	const parsed = parseMaybe(payload);
	if (parsed && typeof parsed === 'object' && 'errorMessage' in parsed) return String((parsed as {errorMessage: unknown}).errorMessage);
	return typeof parsed === 'string' ? parsed : '';
}
