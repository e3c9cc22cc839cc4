/**
 * What a resource builder works with: the stack (to resolve properties), the folder
 * relative paths start from, and the project being assembled. Builders add what
 * stratus runs to the draft and a notice for what it does not; schedules wait in
 * the draft until every function and state machine is known, so their targets can
 * be matched by ARN.
 */
import type {
	ActivityConfig,
	AliasConfig,
	FunctionConfig,
	LayerConfig,
	Notice,
	ScheduleConfig,
	StateMachineConfig,
	VersionConfig,
} from '../model.js';
import type {Stack, TemplateResource} from '../stack.js';

export interface PendingSchedule {
	config: Omit<ScheduleConfig, 'target'>;
	/** The resolved target ARN. */
	target: string;
	/** Where the schedule is declared, for a notice if its target is not local. */
	path: string;
}

/** A standalone `AWS::Lambda::EventInvokeConfig`, applied to its function at the end. */
export interface PendingInvokeConfig {
	functionName: string;
	config: NonNullable<FunctionConfig['eventInvokeConfig']>;
	path: string;
}

export interface ProjectDraft {
	functions: FunctionConfig[];
	versions: VersionConfig[];
	aliases: AliasConfig[];
	layers: LayerConfig[];
	stateMachines: StateMachineConfig[];
	activities: ActivityConfig[];
	schedules: PendingSchedule[];
	invokeConfigs: PendingInvokeConfig[];
	notices: Notice[];
}

export interface BuildContext {
	stack: Stack;
	/** Absolute folder of the template. */
	root: string;
	draft: ProjectDraft;
	/** Write inline code (InlineCode, Code.ZipFile) to a folder; off for validation. */
	materializeInlineCode: boolean;
}

export type ResourceBuilder = (resource: TemplateResource, context: BuildContext) => void;

export function emptyDraft(): ProjectDraft {
	return {
		functions: [],
		versions: [],
		aliases: [],
		layers: [],
		stateMachines: [],
		activities: [],
		schedules: [],
		invokeConfigs: [],
		notices: [],
	};
}
