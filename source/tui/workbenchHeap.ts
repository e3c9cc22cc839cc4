/**
 * The workbench's garbage is short-lived (a frame's strings and cells), yet V8 grows
 * the young generation up to 16 MB per semi-space as if it were a throughput server:
 * with 10,000 executions loaded that growth alone put the process above 200 MB RSS.
 * Keeping the young generation at its initial size costs a few more scavenges, each
 * cheap because almost nothing in it survives. Only the workbench does this: the
 * engine's own throughput (stratus run, serve) wants the default.
 */
import v8 from 'node:v8';

export function keepYoungGenerationSmall(): void {
	// Read by V8 each time it considers growing the new space, so it applies after start-up too.
	v8.setFlagsFromString('--semi-space-growth-factor=1');
}
