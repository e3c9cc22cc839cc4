/**
 * JSONata as Step Functions runs it, for states with `QueryLanguage: "JSONata"`:
 * `{% %}` templates, the `$states` binding and workflow variables, AWS's added and
 * changed functions, and AWS's `States.QueryEvaluationError` messages. Pure: no I/O,
 * and the clock only through the scope.
 */
export {evaluateExpression, type JsonataScope} from './evaluation.js';
export {evaluateTemplate, isJsonataTemplate, templateExpression} from './template.js';
export {expectType, hasExpectedType, type ExpectedType, type ExpectedTypes} from './expectedType.js';
export {jsonTypeOf, type JsonType} from './jsonResult.js';
