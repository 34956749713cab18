import { isPantherApiError } from '../errors.js';
import type { UpstreamCall } from '../execute/upstreamCall.js';
import { abortError } from '../http/abort.js';
import type { ClientLogger } from '../options.js';
import { graphqlOperation, restOperation } from './operationLabel.js';
import type { UpstreamCallObserver } from './upstreamCallEvent.js';

export type AttemptEnd =
  | { readonly attempt: number; readonly started: number; readonly status: number }
  | {
      readonly attempt: number;
      readonly started: number;
      readonly error: unknown;
      readonly signal: AbortSignal;
    };

/** Builds the event of one finished attempt and hands it to the observer; an observer that throws is logged. */
export function reportAttempt(
  observe: UpstreamCallObserver,
  call: UpstreamCall<unknown>,
  end: AttemptEnd,
  logger: ClientLogger,
): void {
  const durationMs = performance.now() - end.started;
  const { api, method, path, operation } = call.describe;
  let status: number | undefined;
  let code: string | undefined;
  if ('status' in end) status = end.status;
  else {
    const error = end.signal.aborted ? abortError(end.signal) : end.error;
    status = isPantherApiError(error) ? error.status : undefined;
    code = isPantherApiError(error) ? error.code : 'UPSTREAM';
  }
  try {
    observe({
      api,
      method,
      operation: api === 'rest' ? restOperation(method, path) : graphqlOperation(operation),
      status,
      code,
      attempt: end.attempt,
      startTime: performance.timeOrigin + end.started,
      durationMs,
      signal: call.origin,
    });
  } catch (error) {
    logger.warn('the upstream call observer failed', { error });
  }
}
