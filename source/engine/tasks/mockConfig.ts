/**
 * Mocked service responses in Step Functions Local's format, so teams reuse the
 * mock files they already write for it:
 *
 *   {"StateMachines": {"<machine>": {"TestCases": {"<case>": {"<state>": "<response>"}}}},
 *    "MockedResponses": {"<response>": {"0": {"Return": ...}, "1-2": {"Throw": {"Error", "Cause"}}}}}
 *
 * The n-th call of a state in one execution (retries count) takes the entry whose
 * key or range holds n; past the last entry the last one answers again.
 */
export type MockedResponse = {kind: 'return'; value: unknown} | {kind: 'throw'; error: string; cause?: string};

export interface MockConfig {
	/** The response for the `invocation`-th call (0-based) of a state, or undefined when the state is not mocked. */
	responseFor(machineName: string, testCase: string, stateName: string, invocation: number): MockedResponse | undefined;
	testCases(machineName: string): string[];
}

export class MockConfigError extends Error {}

interface Entry {
	from: number;
	to: number;
	response: MockedResponse;
}

export function parseMockConfig(config: unknown): MockConfig {
	const root = object(config, '');
	const machines = object(root.StateMachines ?? {}, '/StateMachines');
	const responses = object(root.MockedResponses ?? {}, '/MockedResponses');
	const parsed = new Map<string, Entry[]>();
	for (const [name, value] of Object.entries(responses)) {
		const entries = Object.entries(object(value, `/MockedResponses/${name}`)).map(([key, body]) => entry(key, body, `/MockedResponses/${name}/${key}`));
		entries.sort((a, b) => a.from - b.from);
		parsed.set(name, entries);
	}
	const cases = new Map<string, Map<string, Record<string, string>>>();
	for (const [machine, value] of Object.entries(machines)) {
		const testCases = object(object(value, `/StateMachines/${machine}`).TestCases ?? {}, `/StateMachines/${machine}/TestCases`);
		const byCase = new Map<string, Record<string, string>>();
		for (const [testCase, states] of Object.entries(testCases)) {
			const mapping = object(states, `/StateMachines/${machine}/TestCases/${testCase}`);
			for (const [state, response] of Object.entries(mapping)) {
				const at = `/StateMachines/${machine}/TestCases/${testCase}/${state}`;
				if (typeof response !== 'string') throw new MockConfigError(`${at}: must name a mocked response`);
				if (!parsed.has(response)) throw new MockConfigError(`${at}: no MockedResponses entry named '${response}'`);
			}
			byCase.set(testCase, mapping as Record<string, string>);
		}
		cases.set(machine, byCase);
	}
	return {
		responseFor(machineName, testCase, stateName, invocation) {
			const name = cases.get(machineName)?.get(testCase)?.[stateName];
			if (name === undefined) return undefined;
			const entries = parsed.get(name)!;
			return (entries.find(e => invocation >= e.from && invocation <= e.to) ?? entries[entries.length - 1]).response;
		},
		testCases(machineName) {
			return [...(cases.get(machineName)?.keys() ?? [])];
		},
	};
}

function entry(key: string, body: unknown, at: string): Entry {
	const range = /^(\d+)(?:-(\d+))?$/.exec(key);
	if (!range) throw new MockConfigError(`${at}: the key must be an invocation number or a range like "1-2"`);
	const from = Number(range[1]);
	const to = range[2] === undefined ? from : Number(range[2]);
	if (to < from) throw new MockConfigError(`${at}: the range ends before it starts`);
	const value = object(body, at);
	if ('Return' in value === 'Throw' in value) throw new MockConfigError(`${at}: needs exactly one of Return and Throw`);
	if ('Return' in value) return {from, to, response: {kind: 'return', value: value.Return}};
	const thrown = object(value.Throw, `${at}/Throw`);
	if (typeof thrown.Error !== 'string') throw new MockConfigError(`${at}/Throw/Error: must be a string`);
	if (thrown.Cause !== undefined && typeof thrown.Cause !== 'string') throw new MockConfigError(`${at}/Throw/Cause: must be a string`);
	return {from, to, response: {kind: 'throw', error: thrown.Error, cause: thrown.Cause as string | undefined}};
}

function object(value: unknown, at: string): Record<string, unknown> {
	if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new MockConfigError(`${at || '/'}: must be an object`);
	return value as Record<string, unknown>;
}
