import {executionsSchema} from './executions.js';
import {functionsSchema} from './functions.js';
import {schedulesSchema} from './schedules.js';
import type {Schema} from './schema.js';

export const schemas: Schema[] = [executionsSchema, functionsSchema, schedulesSchema];
