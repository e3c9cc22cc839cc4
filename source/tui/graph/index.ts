/**
 * The execution graph, pure: definition -> graph -> layout -> painted cells. The
 * TUI holds a layout per (definition, collapsed set, width) and repaints it with
 * fresh statuses as the execution runs; nothing here does I/O or knows about React.
 */
export {buildGraph, containerPaths, statesByPath} from './buildGraph.js';
export {describeChoiceRule} from './choiceLabel.js';
export {layoutGraph} from './layoutGraph.js';
export {paintGraph} from './paintGraph.js';
export {gridToString, scrollTo, viewport} from './grid.js';
export type {ViewportWindow} from './grid.js';
export {asciiTheme, legend, statusDetail, statusGlyph, statusToken, unicodeTheme} from './theme.js';
export type {GraphTheme, LegendEntry, LineSet} from './theme.js';
export {childScope, statePath} from './statePath.js';
export {charWidth, textWidth, truncate} from './textWidth.js';
export * from './types.js';
