/**
 * All engine time goes through a Clock. The real clock sleeps; the virtual clock
 * (`--time-skip`) jumps over idle time: a Wait of a day returns at once while
 * `now()` moves a day forward, so history timestamps read as if the time had passed.
 */
export interface Clock {
	now(): number;
	/** Resolves at `until` (epoch ms), or rejects with the signal's reason when aborted first. */
	sleepUntil(until: number, signal?: AbortSignal): Promise<void>;
	/** Marks real work (a Lambda invoke, a callback) in flight: virtual time must not jump past it. */
	track<T>(work: Promise<T>): Promise<T>;
	readonly virtual: boolean;
}

/** setTimeout's ceiling (about 24.8 days); longer sleeps re-arm until due. */
const MAX_TIMER_MS = 2 ** 31 - 1;

export class RealClock implements Clock {
	readonly virtual = false;
	private cached: number | undefined;
	private readonly forget = () => {
		this.cached = undefined;
	};

	/**
	 * Read once per synchronous step: a step records two events per state it runs
	 * and reading the system clock for each was a measurable share of a transition.
	 * A step yields within a few milliseconds, so timestamps stay true to the
	 * millisecond they are stored with.
	 */
	now(): number {
		if (this.cached === undefined) {
			this.cached = Date.now();
			queueMicrotask(this.forget);
		}
		return this.cached;
	}

	sleepUntil(until: number, signal?: AbortSignal): Promise<void> {
		return new Promise((resolve, reject) => {
			if (signal?.aborted) return reject(signal.reason);
			let timer = arm();
			function arm() {
				return setTimeout(done, Math.min(MAX_TIMER_MS, Math.max(0, until - Date.now())));
			}
			function done() {
				if (Date.now() < until) {
					timer = arm();
					return;
				}
				signal?.removeEventListener('abort', abort);
				resolve();
			}
			function abort() {
				clearTimeout(timer);
				reject(signal!.reason);
			}
			signal?.addEventListener('abort', abort, {once: true});
		});
	}

	track<T>(work: Promise<T>): Promise<T> {
		return work;
	}
}

interface Sleeper {
	until: number;
	wake: () => void;
	timer?: NodeJS.Timeout;
}

/**
 * Virtual time = real time + the idle time skipped so far. When nothing runnable
 * is left and no tracked real work is in flight, the clock jumps to the earliest
 * sleeper's deadline; while real work runs, sleepers wait in real time, so a
 * TimeoutSeconds still fires on a slow Lambda.
 */
export class VirtualClock implements Clock {
	readonly virtual = true;
	private skipped = 0;
	private busy = 0;
	private readonly sleepers: Sleeper[] = [];
	private checkScheduled = false;

	now(): number {
		return Date.now() + this.skipped;
	}

	sleepUntil(until: number, signal?: AbortSignal): Promise<void> {
		if (until <= this.now()) return Promise.resolve();
		return new Promise((resolve, reject) => {
			if (signal?.aborted) return reject(signal.reason);
			const sleeper: Sleeper = {
				until,
				wake: () => {
					this.remove(sleeper);
					signal?.removeEventListener('abort', abort);
					resolve();
				},
			};
			const abort = () => {
				this.remove(sleeper);
				reject(signal!.reason);
			};
			signal?.addEventListener('abort', abort, {once: true});
			this.sleepers.push(sleeper);
			this.arm(sleeper);
			this.scheduleCheck();
		});
	}

	track<T>(work: Promise<T>): Promise<T> {
		this.busy++;
		const done = () => {
			this.busy--;
			this.rearmAll();
			this.scheduleCheck();
		};
		work.then(done, done);
		return work;
	}

	private arm(sleeper: Sleeper): void {
		if (sleeper.timer) clearTimeout(sleeper.timer);
		sleeper.timer = setTimeout(() => (this.now() >= sleeper.until ? sleeper.wake() : this.arm(sleeper)), Math.min(MAX_TIMER_MS, Math.max(0, sleeper.until - this.now())));
	}

	private rearmAll(): void {
		for (const s of this.sleepers) this.arm(s);
	}

	private remove(sleeper: Sleeper): void {
		if (sleeper.timer) clearTimeout(sleeper.timer);
		const i = this.sleepers.indexOf(sleeper);
		if (i >= 0) this.sleepers.splice(i, 1);
	}

	/** setImmediate runs once pending promise jobs are done, i.e. when everything runnable has run. */
	private scheduleCheck(): void {
		if (this.checkScheduled) return;
		this.checkScheduled = true;
		setImmediate(() => {
			this.checkScheduled = false;
			if (this.busy > 0 || this.sleepers.length === 0) return;
			let earliest = this.sleepers[0];
			for (const s of this.sleepers) if (s.until < earliest.until) earliest = s;
			const gap = earliest.until - this.now();
			if (gap > 0) this.skipped += gap;
			earliest.wake();
			// Other sleepers' real timers now point too far ahead; keep them aligned.
			this.rearmAll();
			if (this.sleepers.length > 0) this.scheduleCheck();
		});
	}
}
