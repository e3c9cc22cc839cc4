/**
 * A page of one execution's history: the events of one writer batch packed into
 * a single row. One row per event capped a STANDARD execution near SQLite's row
 * rate (two rows per transition); a page is one row per execution per batch,
 * small enough to stay inside its B-tree leaf for short executions, and stores
 * each distinct string once: a payload passed unchanged through a hundred states
 * is written once, not two hundred times.
 *
 * Body: `JSON([strings, kinds]) + "\n" + codes`. Ids in a page are contiguous. A
 * kind is `[type, keys]` (keys null: no details). `codes` is a run of integers
 * (see `CodeWriter`): the first timestamp, then per event `kind × 4 + flags`,
 * Δtimestamp if flag 1, `id - previousEventId` if flag 2 (else 1), and one value
 * reference per key: `n × 3` is strings[n], `n × 3 + 1` the JSON text strings[n]
 * of any other value, `n × 3 + 2` the n-th state name of the execution's
 * definition (`stateNames`). Pages migrated from per-event rows hold
 * `[[id, previousEventId, type, timestamp, detailsText], ...]`.
 */

/** An event as the engine records it, details still an object. */
export interface PageEvent {
	id: number;
	previousEventId: number;
	type: string;
	timestamp: number;
	details?: Record<string, unknown>;
}

/** An event as read back: details as JSON text, the way GetExecutionHistory nests them. */
export interface StoredEvent {
	executionId: number;
	id: number;
	previousEventId: number;
	type: string;
	timestamp: number;
	details: string | null;
}

interface Kind {
	keys: string[] | null;
	ref: number;
}

/** Packs contiguous events (ascending ids) into a page body. */
export function encodePage(events: readonly PageEvent[], names?: ReadonlyMap<string, number>): string {
	const builder = new PageBuilder(names);
	for (const event of events) builder.add(event);
	return builder.finish();
}

/**
 * Builds a page as events arrive. The writer keeps one per execution with events
 * waiting, so an event is packed the moment it is recorded and its objects die
 * young: events held until their batch was written lived long enough for V8 to
 * promote them, and old-space collections became a fifth of a transition's cost.
 */
export class PageBuilder {
	private strings: string[] = [];
	private readonly stringRefs = new Map<string, number>();
	// Identity first: the same payload object (or the shared `{truncated: false}`) is serialised once.
	private readonly jsonRefs = new Map<unknown, number>();
	private kinds: Array<[string, string[] | null]> = [];
	// The last kind of each type: most types always carry the same keys.
	private readonly kindsByType = new Map<string, Kind>();
	private readonly codes = new CodeWriter();
	private readonly refs: number[] = [];
	private lastTimestamp = 0;
	/** Id of the first event in the page, 0 while empty. */
	firstId = 0;
	lastId = 0;

	constructor(private names?: ReadonlyMap<string, number>) {}

	/** Empties the builder for another page (and another execution's names). */
	reset(names?: ReadonlyMap<string, number>): void {
		this.strings = [];
		this.kinds = [];
		this.stringRefs.clear();
		this.jsonRefs.clear();
		this.kindsByType.clear();
		this.codes.reset();
		this.names = names;
		this.firstId = 0;
		this.lastId = 0;
	}

	add(event: PageEvent): void {
		const {codes, refs} = this;
		if (this.firstId === 0) {
			this.firstId = event.id;
			this.lastTimestamp = event.timestamp;
			codes.write(event.timestamp);
		}
		this.lastId = event.id;
		const known = this.kindsByType.get(event.type);
		const details = event.details;
		// One pass over the details: collect value references and check the keys against the known kind.
		let same = known !== undefined && (details === undefined) === (known.keys === null);
		// A count, not refs.length = 0: the length setter showed up in profiles.
		let count = 0;
		if (details !== undefined) {
			const keys = known?.keys;
			for (const key in details) {
				const value = details[key];
				// As JSON.stringify would: a key whose value is undefined is no key at all.
				if (value === undefined) continue;
				if (same && keys![count] !== key) same = false;
				refs[count++] = this.reference(value);
			}
			if (same && count !== keys!.length) same = false;
		}
		const kind = same ? known!.ref : this.newKind(event.type, details);
		const dt = event.timestamp - this.lastTimestamp;
		const back = event.id - event.previousEventId;
		codes.write(kind * 4 + (dt === 0 ? 0 : 1) + (back === 1 ? 0 : 2));
		if (dt !== 0) codes.writeSigned(dt);
		if (back !== 1) codes.writeSigned(back);
		this.lastTimestamp = event.timestamp;
		for (let i = 0; i < count; i++) codes.write(refs[i]);
	}

	finish(): string {
		return JSON.stringify([this.strings, this.kinds]) + '\n' + this.codes.text();
	}

	private newKind(type: string, details: Record<string, unknown> | undefined): number {
		const keys = details === undefined ? null : Object.keys(details).filter(key => details[key] !== undefined);
		const ref = this.kinds.push([type, keys]) - 1;
		this.kindsByType.set(type, {keys, ref});
		return ref;
	}

	private intern(text: string): number {
		let ref = this.stringRefs.get(text);
		if (ref === undefined) {
			ref = this.strings.push(text) - 1;
			this.stringRefs.set(text, ref);
		}
		return ref;
	}

	private reference(value: unknown): number {
		if (typeof value === 'string') {
			const name = this.names?.get(value);
			return name === undefined ? this.intern(value) * 3 : name * 3 + 2;
		}
		let ref = this.jsonRefs.get(value);
		if (ref === undefined) {
			ref = this.intern(JSON.stringify(value) ?? 'null') * 3 + 1;
			if (typeof value === 'object' && value !== null) this.jsonRefs.set(value, ref);
		}
		return ref;
	}
}

/** Unpacks a page body whose first event has id `firstId`; `names` is `stateNames` of the execution's definition. */
export function decodePage(executionId: number, firstId: number, body: string, names: readonly string[]): StoredEvent[] {
	const split = body.indexOf('\n');
	if (split === -1) return decodeMigrated(executionId, body);
	const [strings, kinds] = JSON.parse(body.slice(0, split)) as [string[], Array<[string, string[] | null]>];
	const codes = new CodeReader(body, split + 1);
	const value = (ref: number): unknown => {
		const n = Math.floor(ref / 3);
		const kind = ref % 3;
		if (kind === 0) return strings[n];
		if (kind === 1) return JSON.parse(strings[n]);
		return names[n];
	};
	const events: StoredEvent[] = [];
	let timestamp = codes.read();
	for (let id = firstId; !codes.done(); id++) {
		const head = codes.read();
		const [type, keys] = kinds[head >> 2];
		if (head & 1) timestamp += codes.readSigned();
		const previousEventId = id - (head & 2 ? codes.readSigned() : 1);
		let details: string | null = null;
		if (keys) {
			const object: Record<string, unknown> = {};
			for (const key of keys) object[key] = value(codes.read());
			details = JSON.stringify(object);
		}
		events.push({executionId, id, previousEventId, type, timestamp, details});
	}
	return events;
}

function decodeMigrated(executionId: number, body: string): StoredEvent[] {
	return (JSON.parse(body) as Array<[number, number, string, number, string | null]>).map(([id, previousEventId, type, timestamp, details]) => ({
		executionId,
		id,
		previousEventId,
		type,
		timestamp,
		details,
	}));
}

/**
 * Every state name of a definition, nested branches and item processors included,
 * in the order the definition lists them: pages refer to names by this index.
 */
export function stateNames(definition: unknown): string[] {
	const names: string[] = [];
	const walk = (machine: unknown): void => {
		const states = (machine as {States?: Record<string, unknown>} | undefined)?.States;
		if (!states || typeof states !== 'object') return;
		for (const [name, state] of Object.entries(states)) {
			names.push(name);
			const s = state as {Branches?: unknown[]; ItemProcessor?: unknown; Iterator?: unknown};
			if (Array.isArray(s.Branches)) s.Branches.forEach(walk);
			walk(s.ItemProcessor);
			walk(s.Iterator);
		}
	};
	walk(definition);
	return names;
}

// Integers as printable ASCII: base 47, low digits first; '!'..'O' end a number, 'P'..'~' continue it.
const BASE = 47;
const LAST = 33;
const MORE = LAST + BASE;

class CodeWriter {
	private bytes = new Uint8Array(1024);
	private length = 0;

	write(n: number): void {
		if (this.length + 8 > this.bytes.length) this.grow();
		while (n >= BASE) {
			const digit = n % BASE;
			this.bytes[this.length++] = MORE + digit;
			n = (n - digit) / BASE;
			if (this.length + 1 > this.bytes.length) this.grow();
		}
		this.bytes[this.length++] = LAST + n;
	}

	/** Zigzag: small negative numbers stay short. */
	writeSigned(n: number): void {
		this.write(n < 0 ? -n * 2 - 1 : n * 2);
	}

	text(): string {
		return Buffer.from(this.bytes.buffer, 0, this.length).toString('latin1');
	}

	reset(): void {
		this.length = 0;
	}

	private grow(): void {
		const bigger = new Uint8Array(this.bytes.length * 2);
		bigger.set(this.bytes.subarray(0, this.length));
		this.bytes = bigger;
	}
}

class CodeReader {
	constructor(
		private readonly text: string,
		private at: number,
	) {}

	done(): boolean {
		return this.at >= this.text.length;
	}

	read(): number {
		let n = 0;
		let scale = 1;
		for (;;) {
			const c = this.text.charCodeAt(this.at++);
			if (Number.isNaN(c)) throw new Error('history page: truncated number');
			if (c >= MORE) {
				n += (c - MORE) * scale;
				scale *= BASE;
				continue;
			}
			return n + (c - LAST) * scale;
		}
	}

	readSigned(): number {
		const z = this.read();
		return z % 2 === 1 ? -(z + 1) / 2 : z / 2;
	}
}
