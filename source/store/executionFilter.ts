/** The WHERE clause both the full and the summary execution listings filter by. */
export interface ExecutionFilter {
	stateMachineArn?: string;
	status?: string;
}

export function filterConditions(filter: ExecutionFilter): {where: string[]; params: unknown[]} {
	const where: string[] = [];
	const params: unknown[] = [];
	if (filter.stateMachineArn) {
		where.push('state_machine_arn = ?');
		params.push(filter.stateMachineArn);
	}
	if (filter.status) {
		where.push('status = ?');
		params.push(filter.status);
	}
	return {where, params};
}
