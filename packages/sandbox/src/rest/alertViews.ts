import type { AlertRecord } from '../store/types.js';

/** An alert as REST returns it: the generated document plus its current triage state. */
export function restAlert(record: AlertRecord): Record<string, unknown> {
  return {
    ...record.doc,
    status: record.status,
    assignee: record.assigneeId === null ? null : { id: record.assigneeId, type: 'user' },
    updatedAt: record.updatedAt,
    updatedBy: record.updatedBy,
  };
}
