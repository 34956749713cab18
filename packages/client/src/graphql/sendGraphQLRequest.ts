import type { GraphQLClient, Variables } from 'graphql-request';
import { clientError, isPantherApiError, type PantherApiError, pantherError } from '../errors.js';
import type { AttemptResult } from '../execute/upstreamCall.js';
import { limitResponse } from '../http/boundedBody.js';
import { errorFromHttpStatus, networkError } from '../http/responseErrors.js';
import { detailOfGraphQLErrors, errorFromGraphQLErrors, normaliseGraphQLErrors } from './graphqlErrors.js';
import { type GraphQLRequestModule, loadGraphQLRequest } from './graphqlRequestModule.js';

export interface GraphQLSender {
  /** False until graphql-request is imported; `load()` imports it (callers do so outside a call's timeout). */
  readonly loaded: boolean;
  load(): Promise<void>;
  send(document: string, variables: object | undefined, signal: AbortSignal): Promise<AttemptResult<unknown>>;
}

/** One GraphQL attempt through graphql-request, with its failures mapped to `PantherApiError`s. */
export function createGraphQLSender(options: {
  url: string;
  fetch: typeof globalThis.fetch;
  headers: Readonly<Record<string, string>>;
  secret: string;
  /** Largest answer read; a larger one fails with RESPONSE_TOO_LARGE. */
  maxResponseBytes: number;
}): GraphQLSender {
  const { url, secret, maxResponseBytes } = options;
  // graphql-request does not catch fetch failures, so a connection error leaves it already typed. The body it
  // reads is bounded: past the limit it errors with RESPONSE_TOO_LARGE, which graphql-request passes on.
  const fetch: typeof globalThis.fetch = async (input, init) => {
    let response: Response;
    try {
      response = await options.fetch(input, init);
    } catch (error) {
      if (init?.signal?.aborted) throw init.signal.reason;
      throw networkError(error, url, secret);
    }
    return limitResponse(response, maxResponseBytes);
  };
  let ready: { client: GraphQLClient; ClientError: GraphQLRequestModule['ClientError'] } | undefined;
  const load = async () => {
    if (ready !== undefined) return;
    const { GraphQLClient, ClientError } = await loadGraphQLRequest();
    // Node loads its fetch on first use; reading `Response` loads it now, outside the call's timeout.
    void globalThis.Response;
    ready ??= {
      client: new GraphQLClient(url, { fetch, headers: { ...options.headers }, redirect: 'manual' }),
      ClientError,
    };
  };

  const send: GraphQLSender['send'] = async (document, variables, signal) => {
    if (ready === undefined) await load();
    const { client, ClientError } = ready!;
    try {
      const response = await client.rawRequest<unknown, Variables>({
        query: document,
        variables: variables as Variables,
        signal,
      });
      return { value: response.data, status: response.status };
    } catch (error) {
      if (signal.aborted) throw signal.reason;
      throw errorFromGraphQLFailure(error, secret, ClientError);
    }
  };
  return {
    get loaded() {
      return ready !== undefined;
    },
    load,
    send,
  };
}

export function errorFromGraphQLFailure(
  error: unknown,
  secret: string,
  ClientError: GraphQLRequestModule['ClientError'],
): PantherApiError {
  if (isPantherApiError(error)) return error;
  if (error instanceof ClientError) {
    const { status, headers, errors, body } = error.response as typeof error.response & { body?: unknown };
    const graphqlErrors =
      Array.isArray(errors) && errors.length > 0 ? normaliseGraphQLErrors(errors, secret) : [];
    const httpFailure = status === 401 || status === 403 || status === 429 || graphqlErrors.length === 0;
    if (!httpFailure) return errorFromGraphQLErrors(graphqlErrors, status);
    const base = errorFromHttpStatus(status, headers, typeof body === 'string' ? body : '', secret);
    if (graphqlErrors.length === 0) return base;
    return pantherError(base.code, {
      status,
      retryAfterMs: base.retryAfterMs,
      graphqlErrors,
      detail: detailOfGraphQLErrors(graphqlErrors),
    });
  }
  // graphql-request throws plain errors for bodies that are not a GraphQL response (HTML, bad JSON). Their
  // text quotes the body, so it is not kept as the cause.
  return clientError('UPSTREAM', 'Panther answered with something that is not a GraphQL response');
}
