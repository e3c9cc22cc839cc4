/**
 * The wildcard patterns of the Choice state's StringMatches operator.
 *
 * `*` matches any run of characters, including none; nothing else is special.
 * A literal asterisk is written `\*` and a literal backslash `\\` (in the JSON
 * text of a definition: `"\\*"` and `"\\\\"`). A backslash before any other
 * character, or at the very end, stands for itself: the ASL spec defines only
 * those two escapes.
 *
 * Matching splits the pattern into its literal pieces and places them left to
 * right, each as early as possible, which is exact for `*`-only globs and linear
 * in the subject's length (a regular expression built from user input could
 * backtrack exponentially on patterns like `*a*a*a*a*b`).
 */

interface CompiledPattern {
	/** The literal pieces between unescaped `*`; a pattern without `*` has one. */
	readonly pieces: readonly string[];
}

const cache = new Map<string, CompiledPattern>();
const CACHE_LIMIT = 1000;

function compile(pattern: string): CompiledPattern {
	const pieces: string[] = [];
	let current = '';
	for (let i = 0; i < pattern.length; i++) {
		const c = pattern[i];
		if (c === '\\' && (pattern[i + 1] === '*' || pattern[i + 1] === '\\')) {
			current += pattern[i + 1];
			i++;
		} else if (c === '*') {
			pieces.push(current);
			current = '';
		} else {
			current += c;
		}
	}
	pieces.push(current);
	return {pieces};
}

function compiled(pattern: string): CompiledPattern {
	let result = cache.get(pattern);
	if (!result) {
		result = compile(pattern);
		// Patterns come from definitions, a bounded set; the limit only guards against
		// a pathological stream of distinct ones.
		if (cache.size >= CACHE_LIMIT) cache.clear();
		cache.set(pattern, result);
	}
	return result;
}

export function matchesWildcard(subject: string, pattern: string): boolean {
	const {pieces} = compiled(pattern);
	if (pieces.length === 1) return subject === pieces[0];
	const first = pieces[0];
	const last = pieces[pieces.length - 1];
	if (subject.length < first.length + last.length) return false;
	if (!subject.startsWith(first) || !subject.endsWith(last)) return false;
	let position = first.length;
	const end = subject.length - last.length;
	for (let i = 1; i < pieces.length - 1; i++) {
		const piece = pieces[i];
		const found = subject.indexOf(piece, position);
		if (found < 0 || found + piece.length > end) return false;
		position = found + piece.length;
	}
	return true;
}
