/**
 * The type line drawn under a state's name, close to what AWS's console shows under
 * each box: the integration for a Task (`Lambda: Invoke`, `SQS: SendMessage (callback)`),
 * the delay of a Wait, the error a Fail raises, the size of a Parallel or Map.
 */
import type {MapState, State, TaskState, WaitState} from '../../asl/definition.js';
import {itemProcessorOf} from '../../asl/definition.js';

/** Service part of `arn:aws:states:::<service>:<action>` as AWS's console names it. */
const serviceNames: Record<string, string> = {
	lambda: 'Lambda',
	dynamodb: 'DynamoDB',
	sqs: 'SQS',
	sns: 'SNS',
	states: 'Step Functions',
	ecs: 'ECS',
	eks: 'EKS',
	batch: 'Batch',
	glue: 'Glue',
	athena: 'Athena',
	events: 'EventBridge',
	apigateway: 'API Gateway',
	http: 'HTTP',
	bedrock: 'Bedrock',
	sagemaker: 'SageMaker',
	emr: 'EMR',
	'elasticmapreduce': 'EMR',
	codebuild: 'CodeBuild',
	s3: 'S3',
	stepfunctions: 'Step Functions',
	databrew: 'DataBrew',
	mediaconvert: 'MediaConvert',
};

export function stateSubtitle(state: State): string {
	switch (state.Type) {
		case 'Task':
			return taskSubtitle(state);
		case 'Wait':
			return waitSubtitle(state);
		case 'Fail':
			return state.Error !== undefined ? `Fail: ${state.Error}` : 'Fail';
		case 'Parallel':
			return `Parallel · ${state.Branches?.length ?? 0} ${state.Branches?.length === 1 ? 'branch' : 'branches'}`;
		case 'Map':
			return mapSubtitle(state);
		default:
			return state.Type;
	}
}

function taskSubtitle(state: TaskState): string {
	const resource = typeof state.Resource === 'string' ? state.Resource : '';
	const integration = /^arn:[^:]+:states:::(.+)$/.exec(resource)?.[1];
	if (integration !== undefined) {
		// aws-sdk:<service>:<action> and <service>:<action>[.sync[:2]|.waitForTaskToken]
		const parts = integration.replace(/^aws-sdk:/, '').split(':');
		const service = parts[0] ?? '';
		const rest = parts.slice(1).join(':');
		const [action = '', pattern] = splitPattern(rest);
		const name = serviceNames[service.toLowerCase()] ?? service;
		const suffix = pattern === 'waitForTaskToken' ? ' (callback)' : pattern?.startsWith('sync') ? ' (sync)' : '';
		return action === '' ? `${name}${suffix}` : `${name}: ${capitalize(action)}${suffix}`;
	}
	const fn = /^arn:[^:]+:lambda:[^:]*:[^:]*:function:([^:]+)/.exec(resource)?.[1];
	if (fn !== undefined) return `Lambda: ${fn}`;
	const activity = /^arn:[^:]+:states:[^:]*:[^:]*:activity:(.+)$/.exec(resource)?.[1];
	if (activity !== undefined) return `Activity: ${activity}`;
	return 'Task';
}

/** `sendMessage.waitForTaskToken` -> [`sendMessage`, `waitForTaskToken`]. */
function splitPattern(action: string): [string, string | undefined] {
	const dot = action.indexOf('.');
	return dot < 0 ? [action, undefined] : [action.slice(0, dot), action.slice(dot + 1)];
}

function capitalize(text: string): string {
	return text.charAt(0).toUpperCase() + text.slice(1);
}

function waitSubtitle(state: WaitState): string {
	if (typeof state.Seconds === 'number') return `Wait ${formatSeconds(state.Seconds)}`;
	if (typeof state.Seconds === 'string') return `Wait ${state.Seconds.replace(/^\{%\s*|\s*%\}$/g, '')}`;
	if (state.SecondsPath !== undefined) return `Wait ${state.SecondsPath} s`;
	if (state.Timestamp !== undefined) return `Wait until ${state.Timestamp.replace(/^\{%\s*|\s*%\}$/g, '')}`;
	if (state.TimestampPath !== undefined) return `Wait until ${state.TimestampPath}`;
	return 'Wait';
}

function formatSeconds(seconds: number): string {
	if (seconds >= 3600 && seconds % 3600 === 0) return `${seconds / 3600}h`;
	if (seconds >= 60 && seconds % 60 === 0) return `${seconds / 60}m`;
	return `${seconds}s`;
}

function mapSubtitle(state: MapState): string {
	const processor = itemProcessorOf(state) as MapState['ItemProcessor'];
	const distributed = processor?.ProcessorConfig?.Mode === 'DISTRIBUTED';
	const count = Object.keys(processor?.States ?? {}).length;
	return `${distributed ? 'Distributed map' : 'Map'} · ${count} ${count === 1 ? 'state' : 'states'}`;
}
