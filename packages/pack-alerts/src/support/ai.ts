import { PantherApiError } from '@mcp-panther/core';

/** A failed AI run: Panther's message and the stream id, so the run can be found again. */
export const aiFailure = (error: string, streamId: string): PantherApiError =>
  new PantherApiError('UPSTREAM', `AI inference failed (stream ${streamId}): ${error}`);
