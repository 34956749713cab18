import { defineTool, isPantherApiError, PantherApiError, ToolInputError } from '@mcp-panther/core';
import { z } from 'zod';
import { alertIds, comment, status, userId } from '../params.js';
import { describeBulkChange } from '../support/change.js';
import { postComment } from '../support/comment.js';
import { patchAlerts } from '../support/patch.js';

const MAX = 25;

interface Failure {
  operation: 'update' | 'add_comment';
  alert_ids: string[];
  error: string;
}

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** Merges failures of the same operation with the same error into one entry listing their alert ids. */
function grouped(failed: readonly Failure[]): Failure[] {
  const byKey = new Map<string, Failure>();
  for (const failure of failed) {
    const key = `${failure.operation}\u0000${failure.error}`;
    const known = byKey.get(key);
    if (known) known.alert_ids.push(...failure.alert_ids);
    else byKey.set(key, { ...failure, alert_ids: [...failure.alert_ids] });
  }
  return [...byKey.values()];
}

/** When every operation failed, the call fails: with Panther's own error, or one that lists every failure. */
function nothingChanged(errors: readonly unknown[], failed: readonly Failure[]): unknown {
  const first = errors[0];
  if (errors.length === 1) return first;
  const message = `Every operation failed: ${grouped(failed)
    .map((f) => `${f.operation} ${f.alert_ids.join(', ')}: ${f.error}`)
    .join('; ')}`;
  return isPantherApiError(first)
    ? new PantherApiError(first.code, message, { status: first.status, cause: first })
    : new Error(message, { cause: first });
}

export default defineTool({
  name: 'bulk_update_alerts',
  title: 'Bulk update alerts',
  description: `Update up to ${MAX} alerts at once: status, assignee and/or one plain-text comment each; failures are listed.`,
  access: 'write',
  destructive: true,
  idempotent: false,
  permissions: ['AlertModify'],
  input: z.object({
    alert_ids: alertIds(MAX),
    status: status.optional(),
    assignee_id: userId.optional(),
    comment: comment.optional(),
  }),
  describeChange: describeBulkChange,
  async handler({ alert_ids, status, assignee_id, comment }, { client, signal, progress }) {
    if (status === undefined && assignee_id === undefined && comment === undefined) {
      throw new ToolInputError(undefined, 'Give at least one of status, assignee_id or comment.');
    }
    const failed: Failure[] = [];
    const errors: unknown[] = [];
    let updated: string[] = [];
    if (status !== undefined || assignee_id !== undefined) {
      try {
        await patchAlerts(
          client,
          {
            ids: alert_ids,
            ...(status === undefined ? {} : { status }),
            ...(assignee_id === undefined ? {} : { assignee: assignee_id }),
          },
          signal,
        );
        updated = [...alert_ids];
      } catch (error) {
        errors.push(error);
        failed.push({ operation: 'update', alert_ids: [...alert_ids], error: messageOf(error) });
      }
    }

    const commented: string[] = [];
    if (comment !== undefined) {
      let done = 0;
      const results = await Promise.allSettled(
        alert_ids.map(async (id) => {
          await postComment(client, id, comment, 'PLAIN_TEXT', signal);
          await progress(++done, alert_ids.length, 'comments added');
        }),
      );
      results.forEach((result, i) => {
        const id = alert_ids[i] as string;
        if (result.status === 'fulfilled') commented.push(id);
        else {
          errors.push(result.reason);
          failed.push({ operation: 'add_comment', alert_ids: [id], error: messageOf(result.reason) });
        }
      });
    }

    if (updated.length === 0 && commented.length === 0) throw nothingChanged(errors, failed);
    return {
      ...(updated.length > 0
        ? { updated, ...(status ? { status } : {}), ...(assignee_id ? { assignee_id } : {}) }
        : {}),
      ...(comment !== undefined ? { comments_added: commented } : {}),
      ...(failed.length > 0 ? { failed_operations: grouped(failed) } : {}),
    };
  },
});
