/**
 * Horizontal positions for ordered layers, after Brandes and Köpf ("Fast and Simple
 * Horizontal Coordinate Assignment", 2001), extended with ports: a link joins a port
 * column of its upper item to one of its lower item, and "straight" means those two
 * columns are equal.
 *
 * Four passes (align with the neighbour above or below, packing to the left or to
 * the right) each group items into vertical blocks, every item aligned with the
 * median of its neighbours on one side unless that would cross an earlier alignment
 * or a long edge (dummy-to-dummy links win conflicts, so long edges stay straight),
 * then pack the blocks as tightly as the order and gaps allow. The four results and
 * their balanced combination are scored by how many links stay straight; the best
 * is returned. In a terminal one column of offset is a visible jog, so straightness
 * is the measure.
 */

export interface PlacementLink {
	upper: number;
	lower: number;
	/** Column of the link's port relative to the item's x. */
	upperPort: number;
	lowerPort: number;
	/** How much a bend in this link costs: more for links between dummies. */
	weight: number;
	/** Both ends are pieces of edges (not states): such links win alignment conflicts. */
	inner: boolean;
}

export interface PlacementInput {
	layers: readonly (readonly number[])[];
	widths: readonly number[];
	/** Empty columns required between two neighbours, left then right. */
	separation: (left: number, right: number) => number;
	links: readonly PlacementLink[];
}

/** The x of every item, integers, the leftmost item at 0. */
export function placeLayers(input: PlacementInput): number[] {
	const {layers, widths, separation, links} = input;
	const itemCount = widths.length;
	const conflicts = markConflicts(layers, links, itemCount);
	const variants: number[][] = [];
	for (const downward of [true, false]) for (const leftward of [true, false]) variants.push(placeVariant(input, conflicts, downward, leftward));

	// Align the four to the narrowest, the left-packed ones by their left edge and the
	// right-packed ones by their right edge, then take the mean of the two medians.
	const extent = (x: number[]) => {
		let min = Infinity;
		let max = -Infinity;
		for (let i = 0; i < itemCount; i++) {
			min = Math.min(min, x[i]!);
			max = Math.max(max, x[i]! + widths[i]!);
		}
		return {min, max};
	};
	const extents = variants.map(extent);
	const narrowest = extents.reduce((best, e, i) => (e.max - e.min < extents[best]!.max - extents[best]!.min ? i : best), 0);
	const aligned = variants.map((x, v) => {
		const leftward = v % 2 === 0;
		const delta = leftward ? extents[narrowest]!.min - extents[v]!.min : extents[narrowest]!.max - extents[v]!.max;
		return x.map(value => value + delta);
	});
	const balanced = Array.from({length: itemCount}, (_, i) => {
		const values = aligned.map(x => x[i]!).sort((a, b) => a - b);
		return Math.round((values[1]! + values[2]!) / 2);
	});

	const fans = findFans(links);
	const score = (x: readonly number[]) => {
		const {min, max} = extent(x as number[]);
		return bendCost(x, links, fans) * 1000 + asymmetry(x, links, fans) * 4 + (max - min);
	};
	let best: number[] = [];
	let bestScore = Infinity;
	for (const candidate of [balanced, ...aligned]) {
		const legal = enforceGaps(candidate, layers, widths, separation);
		const candidateScore = score(legal);
		if (candidateScore < bestScore) {
			best = legal;
			bestScore = candidateScore;
		}
	}
	best = centreFans(best, input, fans, score);
	const {min} = extent(best);
	return best.map(value => value - (Number.isFinite(min) ? min : 0));
}

/** Links sharing a port: a fan-out (several links below one port) or a fan-in. */
interface Fan {
	/** The item and port column the links share. */
	hub: number;
	hubPort: number;
	/** True when the hub is the links' upper end. */
	hubAbove: boolean;
	links: number[];
}

interface Fans {
	all: Fan[];
	/** Per link: neither of its ports is shared with another link. */
	oneToOne: boolean[];
}

function findFans(links: readonly PlacementLink[]): Fans {
	const groups = new Map<string, Fan>();
	const add = (key: string, hub: number, hubPort: number, hubAbove: boolean, link: number) => {
		const fan = groups.get(key) ?? {hub, hubPort, hubAbove, links: []};
		fan.links.push(link);
		groups.set(key, fan);
	};
	links.forEach((link, i) => {
		add(`u${link.upper}:${link.upperPort}`, link.upper, link.upperPort, true, i);
		add(`l${link.lower}:${link.lowerPort}`, link.lower, link.lowerPort, false, i);
	});
	const oneToOne = links.map(() => true);
	const all: Fan[] = [];
	for (const fan of groups.values()) {
		if (fan.links.length < 2) continue;
		all.push(fan);
		for (const link of fan.links) oneToOne[link] = false;
	}
	return {all, oneToOne};
}

/** Where a fan's hub is and the span of its other ends. */
function fanSpan(x: readonly number[], links: readonly PlacementLink[], fan: Fan): {hub: number; min: number; max: number} {
	let min = Infinity;
	let max = -Infinity;
	for (const index of fan.links) {
		const link = links[index]!;
		const other = fan.hubAbove ? x[link.lower]! + link.lowerPort : x[link.upper]! + link.upperPort;
		min = Math.min(min, other);
		max = Math.max(max, other);
	}
	return {hub: x[fan.hub]! + fan.hubPort, min, max};
}

/**
 * Local improvement: slide each straight run of items (a block: items joined by
 * one-to-one links already in one column) sideways so that a fan it ends in is
 * centred, where the neighbours leave room and the whole drawing scores better.
 * This is what puts a state that several branches join centred under them.
 */
function centreFans(
	start: number[],
	{layers, widths, separation, links}: PlacementInput,
	fans: Fans,
	score: (x: readonly number[]) => number,
): number[] {
	const itemCount = widths.length;
	let x = [...start];
	let current = score(x);
	const layerOf = new Int32Array(itemCount);
	const position = new Int32Array(itemCount);
	layers.forEach((layer, l) =>
		layer.forEach((item, i) => {
			layerOf[item] = l;
			position[item] = i;
		}),
	);
	const fansAt = new Map<number, Fan[]>();
	for (const fan of fans.all) fansAt.set(fan.hub, [...(fansAt.get(fan.hub) ?? []), fan]);

	for (let round = 0; round < 4; round++) {
		let improved = false;
		// Blocks: union of items joined by straight one-to-one links.
		const parent = Array.from({length: itemCount}, (_, i) => i);
		const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i]!)));
		links.forEach((link, i) => {
			if (fans.oneToOne[i] && x[link.upper]! + link.upperPort === x[link.lower]! + link.lowerPort) parent[find(link.upper)] = find(link.lower);
		});
		const members = new Map<number, number[]>();
		for (let i = 0; i < itemCount; i++) {
			const root = find(i);
			const list = members.get(root);
			if (list === undefined) members.set(root, [i]);
			else list.push(i);
		}

		for (const block of members.values()) {
			// Candidate moves: centre each fan whose hub is in the block.
			const deltas = new Set<number>();
			for (const item of block) {
				for (const fan of fansAt.get(item) ?? []) {
					const span = fanSpan(x, links, fan);
					const centre = (span.min + span.max) / 2;
					deltas.add(Math.floor(centre) - span.hub);
					deltas.add(Math.ceil(centre) - span.hub);
				}
			}
			deltas.delete(0);
			if (deltas.size === 0) continue;
			// Room to move: neighbours outside the block stay where they are.
			const inBlock = new Set(block);
			let minDelta = -Infinity;
			let maxDelta = Infinity;
			for (const item of block) {
				const layer = layers[layerOf[item]!]!;
				const left = layer[position[item]! - 1];
				const right = layer[position[item]! + 1];
				if (left !== undefined && !inBlock.has(left)) minDelta = Math.max(minDelta, x[left]! + widths[left]! + separation(left, item) - x[item]!);
				if (right !== undefined && !inBlock.has(right)) maxDelta = Math.min(maxDelta, x[right]! - separation(item, right) - widths[item]! - x[item]!);
			}
			for (const wanted of deltas) {
				const delta = Math.max(minDelta, Math.min(maxDelta, wanted));
				if (delta === 0 || !Number.isFinite(delta)) continue;
				const moved = [...x];
				for (const item of block) moved[item] = moved[item]! + delta;
				const movedScore = score(moved);
				if (movedScore < current) {
					x = moved;
					current = movedScore;
					improved = true;
					break;
				}
			}
		}
		if (!improved) break;
	}
	return x;
}

/**
 * Sum of the weights of one-to-one links whose two ports are not in one column.
 * Links of a fan (two or more sharing a port) need a bar across the gap anyway, so
 * where they bend costs nothing; symmetry decides there.
 */
function bendCost(x: readonly number[], links: readonly PlacementLink[], fans: Fans): number {
	let cost = 0;
	links.forEach((link, i) => {
		if (fans.oneToOne[i] && x[link.upper]! + link.upperPort !== x[link.lower]! + link.lowerPort) cost += link.weight;
	});
	return cost;
}

/**
 * How far fans are from centred: for each, the distance from its hub to the middle
 * of the span of its other ends. Among equally straight layouts, a Choice above the
 * middle of its rules reads best.
 */
function asymmetry(x: readonly number[], links: readonly PlacementLink[], fans: Fans): number {
	let total = 0;
	for (const fan of fans.all) {
		const span = fanSpan(x, links, fan);
		total += Math.abs(span.hub - (span.min + span.max) / 2);
	}
	return total;
}

/** Pushes items right, layer by layer, wherever a gap is narrower than required. */
function enforceGaps(
	x: readonly number[],
	layers: readonly (readonly number[])[],
	widths: readonly number[],
	separation: (left: number, right: number) => number,
): number[] {
	const out = [...x];
	for (const layer of layers) {
		for (let i = 1; i < layer.length; i++) {
			const left = layer[i - 1]!;
			const right = layer[i]!;
			out[right] = Math.max(out[right]!, out[left]! + widths[left]! + separation(left, right));
		}
	}
	return out;
}

/**
 * Links that cross an inner link (dummy to dummy) between the same two layers: they
 * give way, so a long edge is never bent to straighten a short one.
 */
function markConflicts(layers: readonly (readonly number[])[], links: readonly PlacementLink[], itemCount: number): Set<PlacementLink> {
	const position = new Int32Array(itemCount);
	const layerOf = new Int32Array(itemCount);
	layers.forEach((layer, l) =>
		layer.forEach((item, i) => {
			position[item] = i;
			layerOf[item] = l;
		}),
	);
	const byGap = new Map<number, PlacementLink[]>();
	for (const link of links) {
		const l = layerOf[link.upper]!;
		byGap.set(l, [...(byGap.get(l) ?? []), link]);
	}
	const marked = new Set<PlacementLink>();
	for (const gap of byGap.values()) {
		const inner = gap.filter(link => link.inner);
		for (const link of gap) {
			if (link.inner) continue;
			for (const other of inner) {
				const du = position[link.upper]! - position[other.upper]!;
				const dl = position[link.lower]! - position[other.lower]!;
				if (du * dl < 0) {
					marked.add(link);
					break;
				}
			}
		}
	}
	return marked;
}

/**
 * One of the four passes. `downward`: align each item with a neighbour above (else
 * below); `leftward`: sweep and pack from the left (else mirrored from the right).
 */
function placeVariant(
	{layers, widths, separation, links}: PlacementInput,
	conflicts: ReadonlySet<PlacementLink>,
	downward: boolean,
	leftward: boolean,
): number[] {
	const itemCount = widths.length;
	// Work in a frame where the pass always goes top-down and left-to-right; mirror back at the end.
	const ordered = (downward ? layers : [...layers].reverse()).map(layer => (leftward ? [...layer] : [...layer].reverse()));
	const mirrorPort = (item: number, port: number) => (leftward ? port : widths[item]! - 1 - port);
	const position = new Int32Array(itemCount);
	for (const layer of ordered) layer.forEach((item, i) => (position[item] = i));

	interface Neighbour {
		item: number;
		ownPort: number;
		theirPort: number;
		link: PlacementLink;
	}
	const previous: Neighbour[][] = Array.from({length: itemCount}, () => []);
	for (const link of links) {
		const [own, their, ownPort, theirPort] = downward
			? [link.lower, link.upper, link.lowerPort, link.upperPort]
			: [link.upper, link.lower, link.upperPort, link.lowerPort];
		previous[own]!.push({item: their, ownPort: mirrorPort(own, ownPort), theirPort: mirrorPort(their, theirPort), link});
	}

	// 1. Vertical alignment into blocks.
	const root = Array.from({length: itemCount}, (_, i) => i);
	const shift = new Float64Array(itemCount);
	const alignedBelow = new Uint8Array(itemCount);
	for (let l = 1; l < ordered.length; l++) {
		let taken = -1;
		for (const v of ordered[l]!) {
			const neighbours = previous[v]!.sort((a, b) => position[a.item]! - position[b.item]! || a.theirPort - b.theirPort);
			const d = neighbours.length;
			if (d === 0) continue;
			for (const m of new Set([Math.floor((d - 1) / 2), Math.ceil((d - 1) / 2)])) {
				const n = neighbours[m]!;
				if (root[v] !== v || conflicts.has(n.link) || taken >= position[n.item]! || alignedBelow[n.item]) continue;
				alignedBelow[n.item] = 1;
				root[v] = root[n.item]!;
				shift[v] = shift[n.item]! + n.theirPort - n.ownPort;
				taken = position[n.item]!;
			}
		}
	}

	// 2. Pack blocks: each as far left as its left neighbours in every layer allow (longest path).
	const constraints = new Map<number, {to: number; delta: number}[]>();
	const incoming = new Int32Array(itemCount);
	for (const layer of ordered) {
		for (let i = 1; i < layer.length; i++) {
			const w = layer[i - 1]!;
			const v = layer[i]!;
			const sep = leftward ? separation(w, v) : separation(v, w);
			const delta = shift[w]! + widths[w]! + sep - shift[v]!;
			const from = root[w]!;
			const list = constraints.get(from) ?? [];
			list.push({to: root[v]!, delta});
			constraints.set(from, list);
			incoming[root[v]!]!++;
		}
	}
	const blockX = new Float64Array(itemCount);
	const ready: number[] = [];
	for (let i = 0; i < itemCount; i++) if (root[i] === i && incoming[i] === 0) ready.push(i);
	while (ready.length > 0) {
		const block = ready.pop()!;
		for (const {to, delta} of constraints.get(block) ?? []) {
			blockX[to] = Math.max(blockX[to]!, blockX[block]! + delta);
			if (--incoming[to]! === 0) ready.push(to);
		}
	}
	const x = new Array<number>(itemCount);
	for (let i = 0; i < itemCount; i++) {
		const left = blockX[root[i]!]! + shift[i]!;
		x[i] = leftward ? left : -(left + widths[i]! - 1);
	}
	return x;
}
