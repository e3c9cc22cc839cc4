/**
 * How one intrinsic function rejects its arguments, and the checks they share.
 *
 * A function throws FunctionFailure with the sentence AWS puts after its
 * "There was an error while evaluating the intrinsic function: ..." prefix
 * (`evaluate.ts` adds the prefix and turns it into an EvaluationError). AWS
 * words nearly every argument problem the same way: "Invalid arguments in
 * States.X", without saying which argument.
 */
export class FunctionFailure extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'FunctionFailure';
	}
}

export function invalidArguments(functionName: string, detail?: string): FunctionFailure {
	return new FunctionFailure(`Invalid arguments in ${functionName}${detail ? `: ${detail}` : ''}`);
}

export const INT32_MIN = -2147483648;
export const INT32_MAX = 2147483647;

export function isInt32(n: number): boolean {
	return Number.isInteger(n) && n >= INT32_MIN && n <= INT32_MAX;
}

export function isJsonObject(value: unknown): value is Record<string, unknown> {
	return value !== null && typeof value === 'object' && !Array.isArray(value);
}

export function isFiniteNumber(value: unknown): value is number {
	return typeof value === 'number' && Number.isFinite(value);
}

/**
 * AWS takes the integer part of a fractional count, index or bound (Java's
 * `intValue()`): ArrayPartition(a, 2.6) makes chunks of 2, MathRandom(1.6, 5.4)
 * can return 1. MathAdd is the exception and rounds (see math.ts).
 */
export function truncated(value: number): number {
	return Math.trunc(value) + 0;
}
