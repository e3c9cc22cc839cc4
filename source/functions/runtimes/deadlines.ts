/**
 * One timer for every running invocation in the process, armed for the earliest
 * deadline, instead of a setTimeout/clearTimeout pair per invocation: a warm invoke
 * takes tens of microseconds, and a timer per invoke (a Timeout object, a timer list
 * created and dropped each time one empties) was a visible share of that.
 *
 * Most invocations end long before their deadline: ending one only unlinks it from
 * a list (no hashing, no allocation). The timer fires at the earliest deadline known
 * when it was armed; what is due by then expires, and it is armed again for the
 * earliest one left. While anything is tracked the timer keeps the process alive (an
 * invocation in flight must be able to finish or time out); with nothing tracked it
 * does not.
 */

/** Something that expires at `at` unless removed first; the list links live on it. */
export abstract class Deadline {
	/** performance.now() milliseconds. */
	abstract at: number;
	/** Called once, when `at` has passed, unless the entry was removed first. */
	abstract expire(): void;
	/** @internal */ previousDeadline: Deadline | undefined = undefined;
	/** @internal */ nextDeadline: Deadline | undefined = undefined;
	/** @internal */ tracked = false;
}

/** libuv timers count whole milliseconds, so a timer may fire up to one early. */
const SLACK_MS = 1;

class Deadlines {
	private first: Deadline | undefined;
	private last: Deadline | undefined;
	private count = 0;
	private timer: NodeJS.Timeout | undefined;
	private armedAt = Infinity;

	add(entry: Deadline): void {
		if (entry.tracked) return;
		entry.tracked = true;
		entry.previousDeadline = this.last;
		entry.nextDeadline = undefined;
		if (this.last) this.last.nextDeadline = entry;
		else this.first = entry;
		this.last = entry;
		if (++this.count === 1) this.timer?.ref();
		if (entry.at < this.armedAt) this.arm(entry.at);
	}

	delete(entry: Deadline): void {
		if (!entry.tracked) return;
		entry.tracked = false;
		const {previousDeadline: previous, nextDeadline: next} = entry;
		if (previous) previous.nextDeadline = next;
		else this.first = next;
		if (next) next.previousDeadline = previous;
		else this.last = previous;
		entry.previousDeadline = entry.nextDeadline = undefined;
		if (--this.count === 0) this.timer?.unref();
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
		for (let entry = this.first; entry; entry = entry.nextDeadline) {
			if (entry.at <= now) due.push(entry);
			else if (entry.at < next) next = entry.at;
		}
		for (const entry of due) this.delete(entry);
		if (next < Infinity) this.arm(next);
		// After re-arming: an expiry may add a new entry (a memory check's next poll).
		for (const entry of due) entry.expire();
	}
}

export const deadlines = new Deadlines();
