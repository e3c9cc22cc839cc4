/**
 * A workspace: the project loaded from its template, the database, and an engine
 * wired to both. Every command and the TUI open one; it is the composition root,
 * so the rooms below never reach for each other's singletons.
 */
import {existsSync, readFileSync} from 'node:fs';
import {dirname, resolve} from 'node:path';
import {RealClock, VirtualClock, type Clock} from '../engine/clock.js';
import {Engine} from '../engine/engine.js';
import {DEFAULT_ACCOUNT_ID, DEFAULT_REGION, type FunctionConfig, type Project} from '../project/model.js';
import {loadProject, TemplateError} from '../project/loadProject.js';
import {openDatabase, type Db} from '../store/database.js';
import {ExecutionStore} from '../store/executions.js';
import {TaskTokenStore} from '../store/taskTokens.js';
import {FunctionService, LambdaServiceError, type Prices} from '../functions/index.js';
import {BadInput} from './badInput.js';
import {lambdaInvokerFor} from './lambdaInvoker.js';
import {MockConfigError, parseMockConfig, type MockConfig} from '../engine/tasks/mockConfig.js';
import {resolvePaths, type WorkspacePaths} from './paths.js';

export interface WorkspaceOptions {
	template?: string;
	db?: string;
	timeSkip?: boolean;
	/** A JSON manifest of functions `[{name, arn, runtime, handler, timeout, dir}]` (conformance runs). */
	functions?: string;
	parameterOverrides?: Record<string, string>;
	/** Commands that only make sense on a template (not a definition file) require it. */
	requireTemplate?: boolean;
	/** Whether this process runs queued asynchronous invocations (false for one-shot commands). */
	asyncDispatch?: boolean;
	/** A Step Functions Local mock config file (default: $SFN_MOCK_CONFIG, as Step Functions Local reads it). */
	mockConfig?: string;
	/** Lambda's account concurrency quota (default 1,000). */
	accountConcurrency?: number;
	/** Lambda prices for the cost estimates (default AWS's public us-east-1 prices). */
	prices?: Partial<Prices>;
}

export interface Workspace {
	paths: WorkspacePaths;
	project: Project;
	db: Db;
	store: ExecutionStore;
	tokens: TaskTokenStore;
	engine: Engine;
	clock: Clock;
	/** The project's Lambda functions, started on first use. */
	functions(): FunctionService;
	close(): Promise<void>;
}

export function emptyProject(root: string): Project {
	return {
		root,
		region: DEFAULT_REGION,
		accountId: DEFAULT_ACCOUNT_ID,
		stackName: 'stratus',
		functions: [],
		versions: [],
		aliases: [],
		layers: [],
		stateMachines: [],
		activities: [],
		schedules: [],
		notices: [],
	};
}

export function loadWorkspaceProject(options: WorkspaceOptions): {paths: WorkspacePaths; project: Project} {
	const paths = resolvePaths(options, options.requireTemplate ?? false);
	let project: Project;
	if (paths.template) {
		// Said here, naming the flag: the loader would report the file by its base name only.
		if (!existsSync(paths.template)) throw new BadInput(`--template: no such file ${paths.template}`);
		try {
			project = loadProject(paths.template, {parameterOverrides: options.parameterOverrides});
		} catch (e) {
			if (e instanceof TemplateError) {
				const first = e.problems[0];
				throw new BadInput(first ? `${paths.template}: ${first.path}: ${first.message}` : e.message, {cause: e});
			}
			throw e;
		}
	} else project = emptyProject(process.cwd());
	if (options.functions) project.functions.push(...readFunctionManifest(options.functions, project));
	return {paths, project};
}

function openFunctions(db: Db, project: Project, options: WorkspaceOptions): FunctionService {
	try {
		return new FunctionService({
			db,
			functions: project.functions,
			layers: project.layers,
			versions: project.versions,
			aliases: project.aliases,
			region: project.region,
			accountId: project.accountId,
			asyncDispatch: options.asyncDispatch ?? true,
			accountConcurrency: options.accountConcurrency,
			prices: options.prices,
		});
	} catch (error) {
		// The only configuration the service can refuse: reservations past the account's quota.
		if (!(error instanceof LambdaServiceError)) throw error;
		const quota = options.accountConcurrency === undefined ? 'the default account concurrency of 1000' : `--account-concurrency ${options.accountConcurrency}`;
		throw new BadInput(`ReservedConcurrentExecutions: too much reserved for ${quota}: ${error.message}`, {cause: error});
	}
}

export function openWorkspace(options: WorkspaceOptions): Workspace {
	const {paths, project} = loadWorkspaceProject(options);
	const db = openDatabase(paths.db);
	const store = new ExecutionStore(db);
	const tokens = new TaskTokenStore(db);
	const clock: Clock = options.timeSkip ? new VirtualClock() : new RealClock();
	let functions: FunctionService | undefined;
	let invoker: ReturnType<typeof lambdaInvokerFor> | undefined;
	const functionService = () => (functions ??= openFunctions(db, project, options));
	const engine = new Engine({
		mocks: readMockConfig(options.mockConfig ?? process.env.SFN_MOCK_CONFIG),
		store,
		tokens,
		clock,
		region: project.region,
		accountId: project.accountId,
		lambda: () => (invoker ??= lambdaInvokerFor(functionService())),
		machines: arn => {
			const declared = project.stateMachines.find(m => m.arn === arn);
			if (declared) return {arn, name: declared.name, type: declared.type, definition: declared.definition};
			const stored = store.stateMachines().find(m => m.arn === arn);
			return stored && {arn, name: stored.name, type: stored.type as 'STANDARD' | 'EXPRESS', definition: JSON.parse(stored.definition)};
		},
	});
	for (const activity of project.activities) tokens.upsertActivity(activity.arn, activity.name, Date.now());
	for (const machine of project.stateMachines) {
		store.upsertStateMachine({arn: machine.arn, name: machine.name, type: machine.type, definition: JSON.stringify(machine.definition)}, Date.now());
	}
	return {
		paths,
		project,
		db,
		store,
		tokens,
		engine,
		clock,
		functions: functionService,
		async close() {
			engine.flush();
			await functions?.close();
			db.close();
		},
	};
}

function readMockConfig(path: string | undefined): MockConfig | undefined {
	if (!path) return undefined;
	let parsed: unknown;
	try {
		parsed = JSON.parse(readFileSync(path, 'utf8'));
	} catch (e) {
		throw new BadInput(`--mock-config: cannot read JSON from ${path}: ${(e as Error).message}`, {cause: e});
	}
	try {
		return parseMockConfig(parsed);
	} catch (e) {
		if (e instanceof MockConfigError) throw new BadInput(`--mock-config ${path}: ${e.message}`, {cause: e});
		throw e;
	}
}

function readFunctionManifest(path: string, project: Project): FunctionConfig[] {
	let manifest: unknown;
	try {
		manifest = JSON.parse(readFileSync(path, 'utf8'));
	} catch (e) {
		throw new BadInput(`--functions: cannot read a JSON manifest from ${path}: ${(e as Error).message}`, {cause: e});
	}
	if (!Array.isArray(manifest)) throw new BadInput('--functions: the manifest must be a JSON array');
	return manifest.map((entry: Record<string, unknown>, i: number) => {
		if (typeof entry?.name !== 'string') throw new BadInput(`--functions: /${i}/name must be a string`);
		const name = entry.name;
		const arn = typeof entry.arn === 'string' ? entry.arn : `arn:aws:lambda:${project.region}:${project.accountId}:function:${name}`;
		return {
			logicalId: name,
			name,
			arn,
			runtime: String(entry.runtime ?? 'python3.12'),
			handler: String(entry.handler ?? 'handler.handler'),
			codeDir: resolve(dirname(path), String(entry.dir ?? '.')),
			memorySize: 128,
			// Recorded functions without a timeout ran under the test harness's generous one, not Lambda's 3 s default.
			timeout: typeof entry.timeout === 'number' ? entry.timeout : 300,
			environment: {},
			layers: [],
		};
	});
}
