/**
 * How the workbench is handed to Ink, shared by `startWorkbench` and the bench so
 * the bench measures what users run.
 *
 * - exitOnCtrlC off: Ctrl-C is a key the App handles (it restores the terminal).
 * - incremental rendering off: Ink 6.8's line-diffing renderer moves the cursor up
 *   one row too few before each frame that ends in a newline, and every frame shorter
 *   than the terminal does (ours is one row shorter, see screenLayout.ts), so each
 *   frame lands a row lower than the last (seen in tmux 160×48: the header scrolls
 *   away, old rows stay). A frame as tall as the terminal would not help: Ink then
 *   clears the screen and redraws it whole every frame. So frames are drawn whole;
 *   coalescing and one text node per block (components/TextBlock.tsx) keep that cheap.
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
