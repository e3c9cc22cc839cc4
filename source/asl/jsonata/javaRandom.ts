/**
 * The seeded draw behind Step Functions' `$random(seed)`.
 *
 * AWS draws a seeded random number from `java.util.Random`, so the same seed gives
 * the same number there and here only if we run the same generator: a 48-bit linear
 * congruential generator whose `nextDouble()` joins a 26-bit and a 27-bit draw.
 * `$random(42)` is 0.7275636800328681 on AWS and must stay so.
 */

const MULTIPLIER = 0x5deece66dn;
const INCREMENT = 0xbn;
const MASK_48 = (1n << 48n) - 1n;
const LONG_MIN = -(1n << 63n);
const LONG_MAX = (1n << 63n) - 1n;

/** What Java's `(long) aDouble` makes of a number: truncation, NaN as 0, saturation at the ends. */
export function toJavaLong(value: number): bigint {
	if (Number.isNaN(value)) return 0n;
	if (value === Infinity) return LONG_MAX;
	if (value === -Infinity) return LONG_MIN;
	const truncated = BigInt(Math.trunc(value));
	if (truncated > LONG_MAX) return LONG_MAX;
	if (truncated < LONG_MIN) return LONG_MIN;
	return truncated;
}

/** `new java.util.Random(seed).nextDouble()`. */
export function seededRandomDouble(seed: bigint): number {
	// BigInt bitwise operators work on an infinite two's complement, so a negative
	// seed keeps exactly the low 48 bits Java's long arithmetic would.
	let state = (seed ^ MULTIPLIER) & MASK_48;
	const next = (bits: number): number => {
		state = (state * MULTIPLIER + INCREMENT) & MASK_48;
		return Number(state >> BigInt(48 - bits));
	};
	const high = next(26);
	const low = next(27);
	return (high * 2 ** 27 + low) * 2 ** -53;
}
