/**
 * How the workbench is handed to Ink, shared by `startWorkbench` and the bench so
 * the bench measures what users run.
 *
 * - exitOnCtrlC off: Ctrl-C is a key the App handles (it restores the terminal).
 * - incremental rendering off: Ink 6.8's line-diffing renderer misplaces rows in a
 *   real terminal once a pane's content shifts (rows written twice, panes drawn over
 *   each other, seen in tmux), so every frame is drawn whole; coalescing and
 *   memoised panes keep that cheap.
 * - 60 frames a second at most: a held key repeats ~30 times a second and each
 *   repeat should show; bursts of engine writes are coalesced before this anyway.
 */
import {createRequire} from 'node:module';

export const WORKBENCH_RENDER_OPTIONS = {
	exitOnCtrlC: false,
	incrementalRendering: false,
	patchConsole: true,
	maxFps: 60,
} as const;

/**
 * React's production build, unless the environment says otherwise: the development
 * build checks every render and is several times slower. React and its reconciler
 * each pick their build when first loaded, so this only acts while neither is: a
 * production reconciler over an already loaded development React renders nothing,
 * silently. (Functions do not see it: they run with Lambda's environment, not ours.)
 */
export function preferProductionReact(env: NodeJS.ProcessEnv = process.env): void {
	if (env.NODE_ENV !== undefined) return;
	const loaded = Object.keys(createRequire(import.meta.url).cache);
	if (loaded.some(path => /[\\/]node_modules[\\/]react(-reconciler)?[\\/]/.test(path))) return;
	env.NODE_ENV = 'production';
}
