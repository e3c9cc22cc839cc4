/**
 * The machines both engines run in the throughput bench, with how many states
 * each execution enters. "Transitions" means states entered, on both sides:
 * every state of the top-level machine, every state inside a Map iteration or a
 * Parallel branch, and the Map or Parallel state itself. The counts are derived
 * from the shape of each definition here, and the bench checks them once against
 * what each engine reports before it times anything.
 */

export interface BenchMachine {
	key: string;
	title: string;
	definition: Record<string, unknown>;
	input: unknown;
	/** States entered by one execution. */
	transitions: number;
}

/** A 100-state Pass chain. */
export function passChain(length = 100): BenchMachine {
	const name = (i: number) => `Step${String(i).padStart(3, '0')}`;
	const states: Record<string, unknown> = {};
	for (let i = 0; i < length; i++) states[name(i)] = i === length - 1 ? {Type: 'Pass', End: true} : {Type: 'Pass', Next: name(i + 1)};
	return {
		key: 'chain',
		title: `Pass chain ×${length}`,
		definition: {Comment: 'bench: Pass chain', StartAt: name(0), States: states},
		input: {order: 42, items: ['a', 'b', 'c']},
		transitions: length,
	};
}

/** An inline Map over `count` items, one Pass per iteration, no concurrency limit. */
export function mapOverItems(count = 1000): BenchMachine {
	return {
		key: 'map',
		title: `Map ×${count} items`,
		definition: {
			Comment: 'bench: Map',
			StartAt: 'EachItem',
			States: {
				EachItem: {
					Type: 'Map',
					ItemsPath: '$.items',
					ItemProcessor: {ProcessorConfig: {Mode: 'INLINE'}, StartAt: 'Touch', States: {Touch: {Type: 'Pass', End: true}}},
					End: true,
				},
			},
		},
		input: {items: Array.from({length: count}, (_, i) => ({n: i}))},
		// The Map state, then one Pass per item.
		transitions: 1 + count,
	};
}

/**
 * A Choice loop counting to `limit`: Increment (Pass, States.MathAdd) and Check
 * (Choice) alternate `limit` times, then Done (Succeed): 2 × limit + 1 states.
 */
export function choiceLoop(limit = 10_000): BenchMachine {
	return {
		key: 'loop',
		title: `Choice loop to ${limit.toLocaleString('en-US')}`,
		definition: {
			Comment: 'bench: Choice loop',
			StartAt: 'Increment',
			States: {
				Increment: {Type: 'Pass', Parameters: {'count.$': 'States.MathAdd($.count, 1)'}, Next: 'Check'},
				Check: {Type: 'Choice', Choices: [{Variable: '$.count', NumericLessThan: limit, Next: 'Increment'}], Default: 'Done'},
				Done: {Type: 'Succeed'},
			},
		},
		input: {count: 0},
		transitions: 2 * limit + 1,
	};
}

/** A Parallel of `branches` branches, each a chain of `length` Pass states. */
export function parallelBranches(branches = 10, length = 10): BenchMachine {
	const branch = (b: number) => {
		const states: Record<string, unknown> = {};
		const name = (i: number) => `B${b}S${i}`;
		for (let i = 0; i < length; i++) states[name(i)] = i === length - 1 ? {Type: 'Pass', End: true} : {Type: 'Pass', Next: name(i + 1)};
		return {StartAt: name(0), States: states};
	};
	return {
		key: 'parallel',
		title: `Parallel ${branches}×${length} Pass`,
		definition: {
			Comment: 'bench: Parallel',
			StartAt: 'FanOut',
			States: {FanOut: {Type: 'Parallel', Branches: Array.from({length: branches}, (_, b) => branch(b)), End: true}},
		},
		input: {order: 42},
		transitions: 1 + branches * length,
	};
}

export function benchMachines(): BenchMachine[] {
	return [passChain(), mapOverItems(), choiceLoop(), parallelBranches()];
}
