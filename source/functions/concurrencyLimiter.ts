/**
 * Lambda's concurrency accounting: functions with reserved concurrency get exactly
 * that many concurrent executions; all others share what is left of the account
 * limit. Past either, Invoke is throttled with the matching reason.
 */
import {throttled, ThrottleReason, invalidParameter} from './lambdaServiceError.js';

/** AWS keeps at least this much of the account limit unreserved. */
const MIN_UNRESERVED = 100;

export class ConcurrencyLimiter {
	private readonly inFlight = new Map<string, number>();
	private unreservedInFlight = 0;
	private readonly unreservedLimit: number;

	constructor(
		accountLimit: number,
		private readonly reserved: ReadonlyMap<string, number>,
	) {
		let total = 0;
		for (const value of reserved.values()) total += value;
		this.unreservedLimit = accountLimit - total;
		if (reserved.size > 0 && this.unreservedLimit < Math.min(MIN_UNRESERVED, accountLimit)) {
			throw invalidParameter(
				`Specified ReservedConcurrentExecutions for function decreases account's UnreservedConcurrentExecution below its minimum value of [${Math.min(MIN_UNRESERVED, accountLimit)}].`,
			);
		}
	}

	/** Takes a slot or throws TooManyRequestsException. */
	acquire(functionName: string): void {
		const reserved = this.reserved.get(functionName);
		const current = this.inFlight.get(functionName) ?? 0;
		if (reserved !== undefined) {
			if (current >= reserved) throw throttled(ThrottleReason.Reserved);
		} else {
			if (this.unreservedInFlight >= this.unreservedLimit) throw throttled(ThrottleReason.Account);
			this.unreservedInFlight++;
		}
		this.inFlight.set(functionName, current + 1);
	}

	release(functionName: string): void {
		this.inFlight.set(functionName, (this.inFlight.get(functionName) ?? 1) - 1);
		if (!this.reserved.has(functionName)) this.unreservedInFlight--;
	}

	running(functionName?: string): number {
		if (functionName !== undefined) return this.inFlight.get(functionName) ?? 0;
		let total = 0;
		for (const value of this.inFlight.values()) total += value;
		return total;
	}
}
