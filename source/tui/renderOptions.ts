/**
 * How the workbench is handed to Ink, shared by `startWorkbench` and the bench so
 * the bench measures what users run.
 *
 * - exitOnCtrlC off: Ctrl-C is a key the App handles (it restores the terminal).
 * - incremental rendering: only changed lines are rewritten, so moving a selection
 *   redraws two rows instead of the screen.
 * - 60 frames a second at most: a held key repeats ~30 times a second and each
 *   repeat should show; bursts of engine writes are coalesced before this anyway.
 */
export const WORKBENCH_RENDER_OPTIONS = {
	exitOnCtrlC: false,
	incrementalRendering: true,
	patchConsole: true,
	maxFps: 60,
} as const;

/**
 * React's production build, unless the environment asks otherwise: the development
 * build checks every render and is several times slower. Only effective before
 * React is first imported, which is why the workbench imports it lazily.
 */
export function preferProductionReact(env: NodeJS.ProcessEnv = process.env): void {
	env.NODE_ENV ??= 'production';
}
