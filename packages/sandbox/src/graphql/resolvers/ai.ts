import { POLLS_TO_FINISH } from '../../ai/streams.js';
import { summarizeAlert } from '../../ai/summary.js';
import { gqlError, requirePermission } from '../errors.js';
import type { Args, RootResolvers } from '../types.js';

export const aiResolvers: RootResolvers = {
  async aiSummarizeAlert(args, context) {
    requirePermission(context, 'RunPantherAI');
    const input = args['input'] as Args;
    const alert = await context.ctx.store.getAlert(String(input['alertId']));
    if (alert === undefined) throw gqlError(`Alert ${input['alertId']} not found`, 'NOT_FOUND');
    const text = await summarizeAlert(context.ctx, alert, {
      prompt: input['prompt'] ?? null,
      outputLength: input['outputLength'] ?? 'medium',
    });
    return { streamId: context.ctx.ai.start(alert.doc.id, text).streamId };
  },

  aiInferenceStream(args, context) {
    requirePermission(context, 'RunPantherAI');
    const poll = context.ctx.ai.poll(String(args['streamId']));
    if (poll === undefined) throw gqlError(`Stream ${args['streamId']} not found`, 'NOT_FOUND');
    return {
      streamId: poll.stream.streamId,
      responseText: poll.responseText,
      finished: poll.finished,
      error: null,
    };
  },

  aiInferenceStreamsMetadata(args, context) {
    requirePermission(context, 'RunPantherAI');
    const alias = String((args['input'] as Args)['alias']);
    return {
      edges: context.ctx.ai.byAlias(alias).map((s) => ({
        node: {
          streamId: s.streamId,
          alias: s.alias,
          createdAt: s.createdAt.toISOString(),
          finished: s.polls >= POLLS_TO_FINISH,
        },
      })),
    };
  },
};
