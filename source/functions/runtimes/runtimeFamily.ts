/**
 * Which machinery runs a Lambda runtime identifier: Node handlers run in worker
 * threads; Python and OS-only (`provided*`) runtimes run as processes behind the
 * Lambda Runtime API.
 */
export const RuntimeFamily = {
	Node: 'node',
	Python: 'python',
	Provided: 'provided',
} as const;
export type RuntimeFamily = (typeof RuntimeFamily)[keyof typeof RuntimeFamily];

export function runtimeFamily(runtime: string): RuntimeFamily | undefined {
	if (/^nodejs\d+\.x$/.test(runtime)) return RuntimeFamily.Node;
	if (/^python3\.\d+$/.test(runtime)) return RuntimeFamily.Python;
	if (runtime === 'provided' || /^provided\.al\d+$/.test(runtime)) return RuntimeFamily.Provided;
	return undefined;
}

/** `AWS_EXECUTION_ENV`; OS-only runtimes have none. */
export function executionEnv(runtime: string): string | undefined {
	return runtimeFamily(runtime) === RuntimeFamily.Provided ? undefined : `AWS_Lambda_${runtime}`;
}
