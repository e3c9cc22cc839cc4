/**
 * State paths: one string naming a state across nesting levels, the key of the
 * statuses the TUI paints. State names are only unique within their scope (a Map's
 * processor may reuse a top-level name), so the path spells the way in:
 *
 *   `Name`                      a top-level state
 *   `MapName/Name`              a state of a Map's item processor (or legacy Iterator)
 *   `ParallelName/i/Name`       a state of the Parallel's branch `i` (0-based, as in `Branches`)
 *
 * applied recursively: `Fan/1/PerItem/Resize`. Names are joined as they are, without
 * escaping; a name that itself contains `/` could in theory spell another state's
 * path, which no real definition does.
 */

/** The scope prefix of a Map's processor or a Parallel's branch `branch`. */
export function childScope(containerPath: string, branch?: number): string {
	return branch === undefined ? containerPath : `${containerPath}/${branch}`;
}

/** The path of state `name` in `scope` (`''` for the top level). */
export function statePath(scope: string, name: string): string {
	return scope === '' ? name : `${scope}/${name}`;
}
