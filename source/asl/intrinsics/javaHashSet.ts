/**
 * Distinct values in the order a `java.util.HashSet` holds them.
 *
 * States.ArrayUnique on AWS does not keep first-seen order: `[true, false, true]`
 * comes back as `[false, true]`, `[[1,2],[1,2],[2,1]]` as `[[2,1],[1,2]]`,
 * `[null, null, 1]` as `[null, 1]`. Those are exactly the iteration orders of a
 * HashSet filled with the plain Java values (Boolean, Integer, List, String,
 * null): values sit in buckets by `hashCode`, spread and masked by the table
 * size; within a bucket they keep insertion order; the table starts at 16 and
 * doubles when it is more than three quarters full. Reproducing that keeps
 * users' outputs identical to AWS instead of merely equivalent.
 */
export function javaHashSetDistinct(values: readonly unknown[]): unknown[] {
	const distinct: unknown[] = [];
	const byHash = new Map<number, unknown[]>();
	const hashes: number[] = [];
	for (const value of values) {
		const hash = javaHashCode(value);
		const sameHash = byHash.get(hash);
		if (sameHash?.some(other => javaEquals(other, value))) continue;
		if (sameHash) sameHash.push(value);
		else byHash.set(hash, [value]);
		distinct.push(value);
		hashes.push(hash);
	}
	let capacity = 16;
	while (distinct.length > capacity * 0.75) capacity *= 2;
	const bucket = (hash: number): number => (hash ^ (hash >>> 16)) & (capacity - 1);
	const order = distinct.map((_, i) => i);
	// Array.prototype.sort is stable, so ties keep insertion order as a bucket's chain does.
	order.sort((a, b) => bucket(hashes[a]) - bucket(hashes[b]));
	return order.map(i => distinct[i]);
}

/** `Object.hashCode()` of the Java value a JSON value parses to. */
export function javaHashCode(value: unknown): number {
	if (value === null || value === undefined) return 0;
	if (typeof value === 'boolean') return value ? 1231 : 1237;
	if (typeof value === 'string') return stringHash(value);
	if (typeof value === 'number') return numberHash(value);
	if (Array.isArray(value)) {
		let h = 1;
		for (const item of value) h = (Math.imul(31, h) + javaHashCode(item)) | 0;
		return h;
	}
	let h = 0;
	for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
		h = (h + (stringHash(key) ^ javaHashCode(item))) | 0;
	}
	return h;
}

function stringHash(s: string): number {
	let h = 0;
	for (let i = 0; i < s.length; i++) h = (Math.imul(31, h) + s.charCodeAt(i)) | 0;
	return h;
}

/** Integer for int-sized values, Long for larger integers, Double otherwise. */
function numberHash(n: number): number {
	if (Number.isInteger(n) && n >= -2147483648 && n <= 2147483647) return n | 0;
	let bits: bigint;
	if (Number.isSafeInteger(n)) bits = BigInt(n);
	else {
		const view = new DataView(new ArrayBuffer(8));
		view.setFloat64(0, n === 0 ? 0 : n);
		bits = view.getBigInt64(0);
	}
	return Number(BigInt.asIntN(32, bits ^ (bits >> 32n)));
}

/** `equals` of the Java values: lists by position, maps regardless of key order. */
export function javaEquals(a: unknown, b: unknown): boolean {
	if (a === b) return true;
	if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
	if (Array.isArray(a) || Array.isArray(b)) {
		if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
		return a.every((item, i) => javaEquals(item, b[i]));
	}
	const left = a as Record<string, unknown>;
	const right = b as Record<string, unknown>;
	const keys = Object.keys(left);
	if (keys.length !== Object.keys(right).length) return false;
	return keys.every(key => Object.hasOwn(right, key) && javaEquals(left[key], right[key]));
}
