/** The builder for each resource type stratus runs. */
import type {ResourceBuilder} from './buildContext.js';
import {buildActivity} from './activity.js';
import {buildEventsRule} from './eventsRule.js';
import {buildLambdaAlias} from './lambdaAlias.js';
import {buildLambdaEventInvokeConfig} from './lambdaEventInvokeConfig.js';
import {buildLambdaFunction} from './lambdaFunction.js';
import {buildLambdaVersion} from './lambdaVersion.js';
import {buildLambdaLayerVersion, buildServerlessLayerVersion} from './layerVersion.js';
import {buildSchedulerSchedule} from './schedulerSchedule.js';
import {buildServerlessFunction} from './serverlessFunction.js';
import {buildServerlessStateMachine, buildStepFunctionsStateMachine} from './stateMachine.js';

export const resourceBuilders: Readonly<Record<string, ResourceBuilder>> = {
	'AWS::Serverless::Function': buildServerlessFunction,
	'AWS::Serverless::LayerVersion': buildServerlessLayerVersion,
	'AWS::Serverless::StateMachine': buildServerlessStateMachine,
	'AWS::Lambda::Function': buildLambdaFunction,
	'AWS::Lambda::Version': buildLambdaVersion,
	'AWS::Lambda::Alias': buildLambdaAlias,
	'AWS::Lambda::LayerVersion': buildLambdaLayerVersion,
	'AWS::Lambda::EventInvokeConfig': buildLambdaEventInvokeConfig,
	'AWS::StepFunctions::StateMachine': buildStepFunctionsStateMachine,
	'AWS::StepFunctions::Activity': buildActivity,
	'AWS::Events::Rule': buildEventsRule,
	'AWS::Scheduler::Schedule': buildSchedulerSchedule,
};
