/**
 * The scheduler's "now". In a workspace it is the engine's clock, so under
 * `--time-skip` schedules follow virtual time.
 *
 * `STRATUS_CLOCK_OFFSET_MS` (test only, not a user setting) shifts the scheduler's
 * now by that many milliseconds, and nothing else: executions, Lambda and history
 * timestamps keep the engine's time. It lets a test put real `stratus serve`
 * processes just before or after a due time of a daily cron without waiting a day.
 */
export const CLOCK_OFFSET_VARIABLE = 'STRATUS_CLOCK_OFFSET_MS';

export function clockOffsetMs(env: NodeJS.ProcessEnv = process.env): number {
	const raw = env[CLOCK_OFFSET_VARIABLE];
	if (raw === undefined || raw === '') return 0;
	const offset = Number(raw);
	if (!Number.isSafeInteger(offset)) throw new RangeError(`${CLOCK_OFFSET_VARIABLE} must be a whole number of milliseconds, not '${raw}'`);
	return offset;
}

/** `base` shifted by the test offset, if one is set. */
export function schedulerNow(base: () => number, env: NodeJS.ProcessEnv = process.env): () => number {
	const offset = clockOffsetMs(env);
	return offset === 0 ? base : () => base() + offset;
}
