/**
 * Order within layers to reduce edge crossings: alternate downward and upward
 * sweeps, each sorting a layer by the barycenter of its neighbours' positions in the
 * layer just placed, then swap neighbours wherever that alone removes crossings
 * (transposition), and keep the ordering with the fewest crossings seen.
 *
 * Refinements for state machines:
 * - Port bias: edges leaving one node from different points (Choice rules in rule
 *   order, a Catch from the right of the box) pull their targets to slightly
 *   different positions, so rule order reads left to right and catches go right.
 * - Attached items (where a loop leaves or enters a state's side) stay next to their
 *   state, so the short connector to them never crosses another item.
 * - Each loop runs up the right side of its two states unless running it up the left
 *   side crosses fewer lines (a loop body that is the leftmost branch).
 */

export interface OrderLink {
	upper: number;
	lower: number;
	/** Offset in position units (|bias| < 0.5) of where the link leaves the upper item. */
	upperBias: number;
	/** Offset of where the link enters the lower item. */
	lowerBias: number;
}

export const Side = {Left: 'left', Right: 'right'} as const;
export type Side = (typeof Side)[keyof typeof Side];

/** An item that hangs beside another one in its layer. */
export interface Attachment {
	anchor: number;
	side: Side;
}

/** The two attached items of one loop: they change sides together. */
export type LoopPair = readonly [number, number];

export interface Ordering {
	layers: number[][];
	sides: Side[];
}

/**
 * `initial[l]` lists the items of layer l in a starting order (free items; attached
 * items are placed by their anchors); `attachments[item]` is set for attached items;
 * `loops` pairs the attached items of each loop, whose side may be flipped.
 * `loopsMayFlip` false keeps every loop on the side given.
 */
export function orderLayers(
	initial: readonly (readonly number[])[],
	attachments: readonly (Attachment | undefined)[],
	links: readonly OrderLink[],
	loops: readonly LoopPair[] = [],
	canFlip: (pair: LoopPair) => boolean = () => true,
): Ordering {
	let sides = attachments.map(a => a?.side ?? Side.Right);
	const big = attachments.length > 1500;
	let best = orderWithSides(initial, attachments, sides, links, big ? 8 : 24);
	// Each side tried is another ordering: only for graphs of a size people draw by hand.
	const tries = attachments.length > 400 ? 0 : 16;
	for (const pair of loops.slice(0, tries)) {
		if (best.crossings === 0) break;
		if (!canFlip(pair)) continue;
		const flipped = [...sides];
		for (const item of pair) flipped[item] = sides[item] === Side.Right ? Side.Left : Side.Right;
		// Starting from the best order so far, a few sweeps settle the loop's new side.
		const attempt = orderWithSides(best.layers, attachments, flipped, links, 8);
		if (attempt.crossings < best.crossings) {
			best = attempt;
			sides = flipped;
		}
	}
	return {layers: best.layers, sides};
}

function orderWithSides(
	initial: readonly (readonly number[])[],
	attachments: readonly (Attachment | undefined)[],
	sides: readonly Side[],
	links: readonly OrderLink[],
	maxSweeps = 24,
): {layers: number[][]; crossings: number} {
	const itemCount = attachments.length;
	const above: OrderLink[][] = Array.from({length: itemCount}, () => []);
	const below: OrderLink[][] = Array.from({length: itemCount}, () => []);
	for (const link of links) {
		above[link.lower]!.push(link);
		below[link.upper]!.push(link);
	}
	const attachedLeft: number[][] = Array.from({length: itemCount}, () => []);
	const attachedRight: number[][] = Array.from({length: itemCount}, () => []);
	attachments.forEach((attachment, item) => {
		if (attachment === undefined) return;
		(sides[item] === Side.Left ? attachedLeft : attachedRight)[attachment.anchor]!.push(item);
	});
	const free = (item: number) => attachments[item] === undefined;
	// Each free item with what hangs on it: the unit the ordering moves.
	const groupOf: number[][] = Array.from({length: itemCount}, (_, item) => [...attachedLeft[item]!, item, ...attachedRight[item]!]);

	const position = new Float64Array(itemCount);
	const barycenter = new Float64Array(itemCount);
	const setPositions = (layer: readonly number[]) => layer.forEach((item, index) => (position[item] = index));
	const layers = initial.map(layer => layer.filter(free).flatMap(item => groupOf[item]!));
	layers.forEach(setPositions);
	// Big graphs get fewer passes: a readable order soon, rather than the best one late.
	const transposePasses = itemCount > 1500 ? 2 : 8;

	const byLayer = linksByLayer(layers, links, itemCount);
	let best = layers.map(layer => [...layer]);
	let bestCrossings = countCrossings(byLayer, position);
	let stale = 0;

	for (let sweep = 0; sweep < maxSweeps && bestCrossings > 0; sweep++) {
		const down = sweep % 2 === 0;
		if (down) for (let l = 1; l < layers.length; l++) reorder(l, true);
		else for (let l = layers.length - 2; l >= 0; l--) reorder(l, false);
		transpose();
		const crossings = countCrossings(byLayer, position);
		if (crossings < bestCrossings) {
			best = layers.map(layer => [...layer]);
			bestCrossings = crossings;
			stale = 0;
		} else if (++stale >= 6) break;
	}
	return {layers: best, crossings: bestCrossings};

	function reorder(l: number, fromAbove: boolean) {
		const anchors = layers[l]!.filter(free);
		for (const item of anchors) {
			let sum = 0;
			let count = 0;
			for (const member of groupOf[item]!) {
				for (const link of fromAbove ? above[member]! : below[member]!) {
					sum += fromAbove ? position[link.upper]! + link.upperBias : position[link.lower]! + link.lowerBias;
					count++;
				}
			}
			barycenter[item] = count === 0 ? position[item]! : sum / count;
		}
		anchors.sort((a, b) => barycenter[a]! - barycenter[b]! || position[a]! - position[b]!);
		layers[l] = anchors.flatMap(item => groupOf[item]!);
		setPositions(layers[l]!);
	}

	/**
	 * Swaps neighbours (with what hangs on them) wherever that alone removes crossings,
	 * until no swap helps: catches what barycenters miss. Only the crossings between
	 * the two swapped groups' own links change, so only those are counted.
	 */
	function transpose() {
		for (let pass = 0; pass < transposePasses; pass++) {
			let improved = false;
			for (let l = 0; l < layers.length; l++) {
				const groups = layers[l]!.filter(free).map(item => groupOf[item]!);
				let start = 0;
				for (let i = 0; i + 1 < groups.length; i++) {
					const left = groups[i]!;
					const right = groups[i + 1]!;
					if (swapGain(left, right) > 0) {
						groups[i] = right;
						groups[i + 1] = left;
						right.forEach((item, k) => (position[item] = start + k));
						left.forEach((item, k) => (position[item] = start + right.length + k));
						improved = true;
					}
					start += groups[i]!.length;
				}
				layers[l] = groups.flat();
			}
			if (!improved) break;
		}
	}

	/** Crossings removed by putting group `right` before group `left` (negative: added). */
	function swapGain(left: readonly number[], right: readonly number[]): number {
		let gain = 0;
		for (const r of right) {
			for (const rightLink of above[r]!) {
				const b = position[rightLink.upper]! + rightLink.upperBias;
				for (const l of left) {
					for (const leftLink of above[l]!) {
						const a = position[leftLink.upper]! + leftLink.upperBias;
						gain += a > b ? 1 : a < b ? -1 : 0;
					}
				}
			}
			for (const rightLink of below[r]!) {
				const b = position[rightLink.lower]! + rightLink.lowerBias;
				for (const l of left) {
					for (const leftLink of below[l]!) {
						const a = position[leftLink.lower]! + leftLink.lowerBias;
						gain += a > b ? 1 : a < b ? -1 : 0;
					}
				}
			}
		}
		return gain;
	}
}

function linksByLayer(layers: readonly (readonly number[])[], links: readonly OrderLink[], itemCount: number): OrderLink[][] {
	const layerOf = new Int32Array(itemCount);
	layers.forEach((layer, l) => layer.forEach(item => (layerOf[item] = l)));
	const grouped: OrderLink[][] = layers.map(() => []);
	for (const link of links) grouped[layerOf[link.upper]!]!.push(link);
	return grouped;
}

/**
 * Pairs of links between the same two layers whose ends are in opposite order:
 * sorted by upper end, the count of inversions among lower ends (merge sort, so
 * O(m log m) per layer pair).
 */
export function countCrossings(byLayer: readonly (readonly OrderLink[])[], position: ArrayLike<number>): number {
	let crossings = 0;
	for (const links of byLayer) {
		if (links.length < 2) continue;
		const ends = links
			.map(link => [position[link.upper]! + link.upperBias, position[link.lower]! + link.lowerBias] as const)
			.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
		crossings += inversions(ends.map(end => end[1]));
	}
	return crossings;
}

/** Pairs i < j with values[i] > values[j]. */
function inversions(values: number[]): number {
	if (values.length < 2) return 0;
	const middle = values.length >> 1;
	const left = values.slice(0, middle);
	const right = values.slice(middle);
	let count = inversions(left) + inversions(right);
	let i = 0;
	let j = 0;
	let k = 0;
	while (i < left.length && j < right.length) {
		if (right[j]! < left[i]!) {
			count += left.length - i;
			values[k++] = right[j++]!;
		} else values[k++] = left[i++]!;
	}
	while (i < left.length) values[k++] = left[i++]!;
	while (j < right.length) values[k++] = right[j++]!;
	return count;
}
