/**
 * One timer for every running invocation in the process, armed for the earliest
 * deadline, instead of a setTimeout/clearTimeout pair per invocation: a warm invoke
 * takes tens of microseconds, and a timer per invoke (a Timeout object, a timer list
 * created and dropped each time one empties) was a visible share of that.
 *
 * Most invocations end long before their deadline: ending one only forgets it. The
 * timer fires at the earliest deadline known when it was armed; what is due by then
 * expires, and it is armed again for the earliest one left. While anything is
 * tracked the timer keeps the process alive (an invocation in flight must be able to
 * finish or time out); with nothing tracked it does not.
 */

export interface Deadline {
	/** performance.now() milliseconds. */
	at: number;
	/** Called once, when `at` has passed, unless the entry was removed first. */
	expire(): void;
}

/** libuv timers count whole milliseconds, so a timer may fire up to one early. */
const SLACK_MS = 1;

class Deadlines {
	private readonly entries = new Set<Deadline>();
	private timer: NodeJS.Timeout | undefined;
	private armedAt = Infinity;

	add(entry: Deadline): void {
		this.entries.add(entry);
		if (this.entries.size === 1) this.timer?.ref();
		if (entry.at < this.armedAt) this.arm(entry.at);
	}

	delete(entry: Deadline): void {
		if (this.entries.delete(entry) && this.entries.size === 0) this.timer?.unref();
	}

	private arm(at: number): void {
		clearTimeout(this.timer);
		this.armedAt = at;
		this.timer = setTimeout(() => this.fire(), Math.max(1, Math.ceil(at - performance.now())));
	}

	private fire(): void {
		this.timer = undefined;
		this.armedAt = Infinity;
		const now = performance.now() + SLACK_MS;
		const due: Deadline[] = [];
		let next = Infinity;
		for (const entry of this.entries) {
			if (entry.at <= now) due.push(entry);
			else if (entry.at < next) next = entry.at;
		}
		for (const entry of due) this.entries.delete(entry);
		if (next < Infinity) this.arm(next);
		// After re-arming: an expiry may add a new entry (a memory check's next poll).
		for (const entry of due) entry.expire();
	}
}

export const deadlines = new Deadlines();
