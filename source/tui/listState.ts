/**
 * Selection and filtering of a list pane. The selection follows its item (by key)
 * when rows arrive above it, as new executions do at the top of a newest-first list,
 * and falls back to the same position when the item is gone.
 */
export interface ListState {
	/** Key of the selected item. */
	key?: string;
	/** Where it was: used when the key is gone. */
	index: number;
	filter: string;
}

export const emptyList: ListState = {index: 0, filter: ''};

/** The selected index in `items` (-1 when empty). */
export function resolveIndex<T>(items: readonly T[], keyOf: (item: T) => string, state: ListState): number {
	if (items.length === 0) return -1;
	if (state.key !== undefined) {
		// The common case is a selection that has not moved: check its old slot before searching.
		const at = state.index;
		if (at >= 0 && at < items.length && keyOf(items[at]) === state.key) return at;
		const found = items.findIndex(item => keyOf(item) === state.key);
		if (found >= 0) return found;
	}
	return Math.max(0, Math.min(state.index, items.length - 1));
}

/** The state after moving the selection to `index` (clamped). */
export function selectIndex<T>(items: readonly T[], keyOf: (item: T) => string, state: ListState, index: number): ListState {
	if (items.length === 0) return {...state, key: undefined, index: 0};
	const clamped = Math.max(0, Math.min(index, items.length - 1));
	return {...state, key: keyOf(items[clamped]), index: clamped};
}

/** Every whitespace-separated word of the filter appears in the text, ignoring case. */
export function matchesFilter(text: string, filter: string): boolean {
	const words = filter.toLowerCase().split(/\s+/).filter(Boolean);
	if (words.length === 0) return true;
	const haystack = text.toLowerCase();
	return words.every(word => haystack.includes(word));
}

export function filterItems<T>(items: readonly T[], filter: string, textOf: (item: T) => string): readonly T[] {
	if (filter.trim() === '') return items;
	return items.filter(item => matchesFilter(textOf(item), filter));
}
