/**
 * The Amazon States Language as typed data. A definition is parsed JSON that has
 * passed `validateDefinition`; the interpreter never re-checks shapes.
 */
export const QueryLanguage = {JSONPath: 'JSONPath', JSONata: 'JSONata'} as const;
export type QueryLanguage = (typeof QueryLanguage)[keyof typeof QueryLanguage];

export const StateType = {
	Pass: 'Pass',
	Task: 'Task',
	Choice: 'Choice',
	Wait: 'Wait',
	Succeed: 'Succeed',
	Fail: 'Fail',
	Parallel: 'Parallel',
	Map: 'Map',
} as const;
export type StateType = (typeof StateType)[keyof typeof StateType];

export type Json = null | boolean | number | string | Json[] | {[key: string]: Json};
/** A payload template (Parameters, ResultSelector, ItemSelector) or JSONata Arguments/Output. */
export type Template = Json;
export type Assign = Record<string, Json>;

export interface Retrier {
	ErrorEquals: string[];
	IntervalSeconds?: number;
	MaxAttempts?: number;
	BackoffRate?: number;
	MaxDelaySeconds?: number;
	JitterStrategy?: 'FULL' | 'NONE';
}

export interface Catcher {
	ErrorEquals: string[];
	Next: string;
	ResultPath?: string | null;
	Output?: Template;
	Assign?: Assign;
}

interface StateBase {
	Comment?: string;
	QueryLanguage?: QueryLanguage;
	InputPath?: string | null;
	OutputPath?: string | null;
	Output?: Template;
	Assign?: Assign;
	Next?: string;
	End?: boolean;
}

export interface PassState extends StateBase {
	Type: 'Pass';
	Result?: Json;
	ResultPath?: string | null;
	Parameters?: Template;
}

export interface TaskState extends StateBase {
	Type: 'Task';
	Resource: string;
	Parameters?: Template;
	Arguments?: Template;
	ResultSelector?: Template;
	ResultPath?: string | null;
	Retry?: Retrier[];
	Catch?: Catcher[];
	TimeoutSeconds?: number | string;
	TimeoutSecondsPath?: string;
	HeartbeatSeconds?: number | string;
	HeartbeatSecondsPath?: string;
	Credentials?: Json;
}

export interface ChoiceRule {
	Variable?: string;
	Condition?: string | boolean;
	And?: ChoiceRule[];
	Or?: ChoiceRule[];
	Not?: ChoiceRule;
	Next?: string;
	Assign?: Assign;
	Output?: Template;
	Comment?: string;
	[operator: string]: unknown;
}

export interface ChoiceState extends Omit<StateBase, 'Next' | 'End'> {
	Type: 'Choice';
	Choices: ChoiceRule[];
	Default?: string;
}

export interface WaitState extends StateBase {
	Type: 'Wait';
	Seconds?: number | string;
	Timestamp?: string;
	SecondsPath?: string;
	TimestampPath?: string;
}

export interface SucceedState extends Omit<StateBase, 'Next' | 'End'> {
	Type: 'Succeed';
}

export interface FailState extends Omit<StateBase, 'Next' | 'End' | 'InputPath' | 'OutputPath' | 'Output' | 'Assign'> {
	Type: 'Fail';
	Error?: string;
	ErrorPath?: string;
	Cause?: string;
	CausePath?: string;
}

export interface ParallelState extends StateBase {
	Type: 'Parallel';
	Branches: StateMachineDefinition[];
	Parameters?: Template;
	Arguments?: Template;
	ResultSelector?: Template;
	ResultPath?: string | null;
	Retry?: Retrier[];
	Catch?: Catcher[];
}

export interface ItemProcessor extends StateMachineDefinition {
	ProcessorConfig?: {Mode?: 'INLINE' | 'DISTRIBUTED'; ExecutionType?: 'STANDARD' | 'EXPRESS'};
}

export interface ItemBatcher {
	MaxItemsPerBatch?: number;
	MaxItemsPerBatchPath?: string;
	MaxInputBytesPerBatch?: number;
	MaxInputBytesPerBatchPath?: string;
	BatchInput?: Json;
}

export interface MapState extends StateBase {
	Type: 'Map';
	ItemProcessor?: ItemProcessor;
	/** Legacy name of ItemProcessor. */
	Iterator?: StateMachineDefinition;
	ItemsPath?: string;
	Items?: Json;
	ItemSelector?: Template;
	/** Legacy name of ItemSelector. */
	Parameters?: Template;
	ItemReader?: {Resource: string; Parameters?: Template; Arguments?: Template; ReaderConfig?: Json};
	ItemBatcher?: ItemBatcher;
	ResultWriter?: Json;
	MaxConcurrency?: number | string;
	MaxConcurrencyPath?: string;
	ToleratedFailurePercentage?: number | string;
	ToleratedFailurePercentagePath?: string;
	ToleratedFailureCount?: number | string;
	ToleratedFailureCountPath?: string;
	Label?: string;
	ResultSelector?: Template;
	ResultPath?: string | null;
	Retry?: Retrier[];
	Catch?: Catcher[];
}

export type State =
	| PassState
	| TaskState
	| ChoiceState
	| WaitState
	| SucceedState
	| FailState
	| ParallelState
	| MapState;

export interface StateMachineDefinition {
	Comment?: string;
	StartAt: string;
	States: Record<string, State>;
	QueryLanguage?: QueryLanguage;
	TimeoutSeconds?: number;
	Version?: string;
}

/** The query language a state evaluates in: its own, else the machine's, else JSONPath. */
export function queryLanguageOf(state: State, inherited: QueryLanguage | undefined): QueryLanguage {
	return state.QueryLanguage ?? inherited ?? QueryLanguage.JSONPath;
}

export function itemProcessorOf(state: MapState): ItemProcessor {
	return (state.ItemProcessor ?? state.Iterator)!;
}
