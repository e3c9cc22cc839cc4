/**
 * What an invocation would cost on AWS: GB-seconds of billed duration times the
 * compute price, plus the per-request price. Billed duration is rounded up to the
 * millisecond and includes the init phase (AWS bills init for every runtime since
 * August 2025).
 */
export interface Prices {
	/** USD per GB-second, x86_64. */
	perGbSecond: number;
	/** USD per GB-second, arm64. */
	perGbSecondArm: number;
	/** USD per request. */
	perRequest: number;
}

/** AWS's public on-demand prices (us-east-1, first tier). */
export const defaultPrices: Prices = {
	perGbSecond: 0.0000166667,
	perGbSecondArm: 0.0000133334,
	perRequest: 0.2 / 1_000_000,
};

export function billedDuration(durationMs: number, initDurationMs = 0): number {
	return Math.max(1, Math.ceil(durationMs + initDurationMs));
}

export function invocationCost(prices: Prices, memorySizeMb: number, billedDurationMs: number, arm = false): number {
	const gbSeconds = (memorySizeMb / 1024) * (billedDurationMs / 1000);
	return gbSeconds * (arm ? prices.perGbSecondArm : prices.perGbSecond) + prices.perRequest;
}
