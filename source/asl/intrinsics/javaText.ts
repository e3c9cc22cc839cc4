/**
 * Values rendered as text the way Step Functions' Java runtime does when an
 * intrinsic needs a string of something that is not one: `String.valueOf` of a
 * plain Java value. Strings are raw, objects read `{Arg1=1, Arg2=[]}`, arrays
 * `[a, b]`, null is `null`; fractional numbers follow `Double.toString`
 * (`1.0E-4`, `1.23456789E7`). The conformance recordings show this for
 * States.Format (`fst={Arg1=1, Arg2=[]}`, `snd={Id=arn:..., Name=...}`).
 */
export function javaToString(value: unknown): string {
	if (typeof value === 'string') return value;
	if (value === null || value === undefined) return 'null';
	if (typeof value === 'boolean') return String(value);
	if (typeof value === 'number') return javaNumberToString(value);
	if (Array.isArray(value)) return `[${value.map(javaToString).join(', ')}]`;
	const entries = Object.entries(value as Record<string, unknown>).map(([k, v]) => `${k}=${javaToString(v)}`);
	return `{${entries.join(', ')}}`;
}

/**
 * JSON integers arrive in Java as Integer/Long and print as digits; everything
 * else is a Double. JavaScript cannot tell `1.0` from `1`, so integral values
 * print as integers.
 */
export function javaNumberToString(n: number): string {
	if (Number.isSafeInteger(n)) return String(n);
	if (!Number.isFinite(n)) return Number.isNaN(n) ? 'NaN' : n > 0 ? 'Infinity' : '-Infinity';
	const magnitude = Math.abs(n);
	if (magnitude >= 1e-3 && magnitude < 1e7) {
		const plain = String(n);
		return plain.includes('.') ? plain : `${plain}.0`;
	}
	// Java writes the shortest digits as d.dddE±n; JavaScript's toExponential()
	// without an argument yields the same shortest digits.
	const [mantissa, exponent] = n.toExponential().split('e');
	const digits = mantissa.includes('.') ? mantissa : `${mantissa}.0`;
	return `${digits}E${exponent.replace('+', '')}`;
}
