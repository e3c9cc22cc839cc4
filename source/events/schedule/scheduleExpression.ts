/**
 * A schedule expression as EventBridge rules (`rate`, `cron`) and EventBridge
 * Scheduler (also `at`) accept it: SAM `Schedule`/`ScheduleV2` events,
 * `AWS::Events::Rule` and `AWS::Scheduler::Schedule` all carry one of these texts.
 * The text must be exactly `kind(...)`, as AWS requires; nothing is trimmed.
 */
import {parseAtExpression, type AtExpression} from './atExpression.js';
import {parseCronExpression, type CronExpression} from './cronExpression.js';
import {parseRateExpression, type RateExpression} from './rateExpression.js';
import {ScheduleExpressionError, ScheduleField} from './scheduleExpressionError.js';

export type ScheduleExpression = RateExpression | CronExpression | AtExpression;

const shape = /^(rate|cron|at)\((.*)\)$/;

/** Parses and validates an expression; throws ScheduleExpressionError naming the part at fault. */
export function parseScheduleExpression(text: string): ScheduleExpression {
	const match = shape.exec(text);
	if (!match) {
		throw new ScheduleExpressionError(
			`'${text}' is not a schedule expression: expected rate(value unit), cron(fields) or at(yyyy-mm-ddThh:mm:ss)`,
			ScheduleField.Expression,
		);
	}
	const [, kind, inner] = match;
	switch (kind) {
		case 'rate':
			return parseRateExpression(text, inner);
		case 'cron':
			return parseCronExpression(text, inner);
		default:
			return parseAtExpression(text, inner);
	}
}
