/**
 * `java.util.Random`'s linear congruential generator, for States.MathRandom with
 * a seed. AWS documents only that a seed makes the result repeatable; its
 * runtime is Java, so a seeded call here follows the same generator a Java
 * implementation would use (`new Random(seed).nextInt(end - start) + start`).
 */
const MULTIPLIER = 0x5deece66dn;
const ADDEND = 0xbn;
const MASK = (1n << 48n) - 1n;

export class JavaRandom {
	private seed: bigint;

	constructor(seed: bigint) {
		this.seed = (seed ^ MULTIPLIER) & MASK;
	}

	private next(bits: number): number {
		this.seed = (this.seed * MULTIPLIER + ADDEND) & MASK;
		return Number(BigInt.asIntN(32, this.seed >> BigInt(48 - bits)));
	}

	nextInt(): number {
		return this.next(32);
	}

	/** Uniform in [0, bound); bound must be a positive int. */
	nextIntBelow(bound: number): number {
		let r = this.next(31);
		const m = bound - 1;
		if ((bound & m) === 0) return Number((BigInt(bound) * BigInt(r)) >> 31n);
		// Java rejects draws from the incomplete last stripe; the test relies on int overflow.
		for (let u = r; ((u - (r = u % bound) + m) | 0) < 0; u = this.next(31));
		return r;
	}
}
