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

/** A price list as a user writes it (`--prices gbSecond=…,gbSecondArm=…,request=…`): every name known, every value a finite number ≥ 0. */
export function parsePrices(text: string): Partial<Prices> {
	const names: Record<string, keyof Prices> = {gbSecond: 'perGbSecond', gbSecondArm: 'perGbSecondArm', request: 'perRequest'};
	const prices: Partial<Prices> = {};
	for (const pair of text.split(',').map(part => part.trim()).filter(Boolean)) {
		const eq = pair.indexOf('=');
		const name = eq < 0 ? pair : pair.slice(0, eq);
		const key = names[name];
		if (!key) throw new RangeError(`'${name}' is not a price: use ${Object.keys(names).join(', ')} (USD)`);
		const raw = eq < 0 ? '' : pair.slice(eq + 1);
		const value = raw.trim() === '' ? NaN : Number(raw);
		if (!Number.isFinite(value) || value < 0) throw new RangeError(`${name} must be a number of USD, 0 or more (got '${raw}')`);
		prices[key] = value;
	}
	return prices;
}

/** USD for `requests` invocations that billed `gbSeconds` between them. */
export function cost(prices: Prices, gbSeconds: number, requests: number, arm: boolean): number {
	return gbSeconds * (arm ? prices.perGbSecondArm : prices.perGbSecond) + requests * prices.perRequest;
}

export function invocationCost(prices: Prices, memorySizeMb: number, billedDurationMs: number, arm = false): number {
	return cost(prices, (memorySizeMb / 1024) * (billedDurationMs / 1000), 1, arm);
}
