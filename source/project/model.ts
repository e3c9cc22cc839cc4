/**
 * The Project: what stratus runs, resolved from a SAM or CloudFormation template.
 * Everything downstream (engine, functions, events, TUI) reads this model and never
 * the template itself.
 */
import type {StateMachineDefinition} from '../asl/definition.js';

export interface LayerConfig {
	logicalId: string;
	name: string;
	/** Absolute folder holding the layer's content (nodejs/, python/, bin/, ...). */
	contentDir: string;
	arn: string;
	compatibleRuntimes?: string[];
}

export interface FunctionConfig {
	logicalId: string;
	/** FunctionName, or the logical id when the template gives none. */
	name: string;
	arn: string;
	runtime: string;
	/** `file.export` for Node and Python; ignored by `provided` runtimes. */
	handler: string;
	/** Absolute folder holding the code (CodeUri). */
	codeDir: string;
	memorySize: number;
	/** Seconds. */
	timeout: number;
	environment: Record<string, string>;
	layers: string[];
	architectures?: string[];
	reservedConcurrency?: number;
	autoPublishAlias?: string;
	eventInvokeConfig?: {
		maximumRetryAttempts?: number;
		maximumEventAgeInSeconds?: number;
		onSuccess?: string;
		onFailure?: string;
	};
	deadLetterTarget?: string;
}

export interface VersionConfig {
	logicalId: string;
	functionName: string;
	description?: string;
}

export interface AliasConfig {
	logicalId: string;
	functionName: string;
	name: string;
	/** A version number, or `$LATEST`. */
	functionVersion: string;
	additionalVersionWeights?: Record<string, number>;
}

export type StateMachineType = 'STANDARD' | 'EXPRESS';

export interface StateMachineConfig {
	logicalId: string;
	name: string;
	arn: string;
	type: StateMachineType;
	definition: StateMachineDefinition;
}

export interface ActivityConfig {
	logicalId: string;
	name: string;
	arn: string;
}

export interface ScheduleConfig {
	/** `<resource logical id>/<event name>` for SAM events, else the rule's logical id. */
	name: string;
	expression: string;
	timezone: string;
	enabled: boolean;
	/** ARN of a function or state machine of this project. */
	target: string;
	input?: string;
	inputPath?: string;
}

export interface Notice {
	/** A resource/property path such as `Resources/Api/Type`. */
	path: string;
	message: string;
}

export interface Project {
	/** Folder of the template; relative paths resolve from here. */
	root: string;
	templatePath?: string;
	region: string;
	accountId: string;
	stackName: string;
	functions: FunctionConfig[];
	versions: VersionConfig[];
	aliases: AliasConfig[];
	layers: LayerConfig[];
	stateMachines: StateMachineConfig[];
	activities: ActivityConfig[];
	schedules: ScheduleConfig[];
	/** Resources stratus does not run yet, each with a one-line notice. */
	notices: Notice[];
}

export const DEFAULT_REGION = 'us-east-1';
export const DEFAULT_ACCOUNT_ID = '123456789012';
