import { clientError, isPantherApiError } from '../errors.js';
import { callSignal } from '../http/abort.js';
import { createUpstreamHttp } from '../http/upstreamHttp.js';
import { assertHttpUrl, type ClientEnv, type ClientLogger, DEFAULT_CLIENT_OPTIONS } from '../options.js';
import type { PantherUrls } from '../types.js';

export interface ResolvePantherUrlsOptions {
  /** The Panther console URL (`PANTHER_INSTANCE_URL`); may also be the REST base or the GraphQL URL. */
  instanceUrl?: string | undefined;
  /** REST base override (`PANTHER_REST_API_URL`): skips discovery. */
  restUrl?: string | undefined;
  /** GraphQL endpoint override (`PANTHER_GQL_API_URL`). */
  graphqlUrl?: string | undefined;
  /** Default: the client's own proxy-aware fetch. */
  fetch?: typeof globalThis.fetch | undefined;
  signal?: AbortSignal | undefined;
  /** Timeout of the discovery request. Default 10 s. */
  timeoutMs?: number | undefined;
  logger?: ClientLogger | undefined;
  env?: ClientEnv | undefined;
}

const CONFIG_TAG = /<script[^>]*id=["']__PANTHER_CONFIG__["'][^>]*>([\s\S]*?)<\/script>/;
const GRAPHQL_SUFFIX = '/public/graphql';

/**
 * The REST base and GraphQL endpoint, found as the reference server finds them (overrides, then the console
 * page's `__PANTHER_CONFIG__`, then the instance URL itself). Unlike the reference, a connection failure
 * falls back with a warning instead of failing start-up.
 */
export async function resolvePantherUrls(options: ResolvePantherUrlsOptions): Promise<PantherUrls> {
  const { instanceUrl, restUrl, graphqlUrl } = options;
  if (instanceUrl !== undefined) assertHttpUrl('instanceUrl', instanceUrl);
  if (restUrl !== undefined) assertHttpUrl('restUrl', restUrl);
  if (graphqlUrl !== undefined) assertHttpUrl('graphqlUrl', graphqlUrl);

  let rest: string;
  if (restUrl !== undefined) rest = trimSlashes(restUrl);
  else if (instanceUrl !== undefined) rest = await discoverRestBase(instanceUrl, options);
  else if (graphqlUrl !== undefined) rest = restBaseFromUrl(graphqlUrl);
  else throw new TypeError('A Panther instance URL (or a REST URL) is required');

  assertHttpUrl('the discovered REST URL', rest);
  return { rest, graphql: graphqlUrl ?? `${rest}${GRAPHQL_SUFFIX}` };
}

/** The fallback: the URL itself, without any `public/graphql` and without leading or trailing slashes. */
export function restBaseFromUrl(url: string): string {
  return trimSlashes(url.split('public/graphql').join(''));
}

/** The REST base named by a `__PANTHER_CONFIG__` object, or undefined when it names none. */
export function restBaseFromConfig(config: unknown): string | undefined {
  if (typeof config !== 'object' || config === null) return undefined;
  const { rest, WEB_APPLICATION_GRAPHQL_API_ENDPOINT: endpoint } = config as Record<string, unknown>;
  if (typeof rest === 'string' && rest !== '') return trimSlashes(rest);
  if (typeof endpoint === 'string' && endpoint !== '') {
    return trimSlashes(endpoint.split('/internal/graphql').join(''));
  }
  return undefined;
}

/** The JSON inside `<script id="__PANTHER_CONFIG__">`, or undefined when the tag is missing or not JSON. */
export function readPantherConfig(html: string): unknown {
  const match = CONFIG_TAG.exec(html);
  if (match?.[1] === undefined) return undefined;
  try {
    return JSON.parse(match[1]);
  } catch {
    return undefined;
  }
}

async function discoverRestBase(instanceUrl: string, options: ResolvePantherUrlsOptions): Promise<string> {
  const fallback = restBaseFromUrl(instanceUrl);
  const upstream = createUpstreamHttp({ fetch: options.fetch, env: options.env ?? process.env });
  await upstream.load();
  const signal = callSignal(options.timeoutMs ?? 10_000, options.signal);
  const warn = (message: string, fields: Record<string, unknown>) =>
    options.logger?.warn(message, {
      instance: originOf(instanceUrl),
      fallback: originOf(fallback),
      ...fields,
    });
  try {
    const response = await upstream.request(instanceUrl, {
      signal,
      headers: { Accept: 'text/html' },
      redirect: 'follow',
      maxBodyBytes: DEFAULT_CLIENT_OPTIONS.maxResponseBytes,
    });
    const html = await response.text();
    if (response.status !== 200) {
      options.logger?.debug('panther config page not found; using the instance URL', {
        status: response.status,
      });
      return fallback;
    }
    const rest = restBaseFromConfig(readPantherConfig(html));
    if (rest === undefined) {
      options.logger?.debug('no usable __PANTHER_CONFIG__ on the instance page; using the instance URL');
      return fallback;
    }
    return rest;
  } catch (error) {
    if (options.signal?.aborted) {
      throw isPantherApiError(options.signal.reason)
        ? options.signal.reason
        : clientError('ABORTED', 'Panther URL discovery was cancelled', {
            cause: options.signal.reason,
          });
    }
    warn('could not load the Panther instance page; using the instance URL as the API URL', {
      reason: signal.aborted ? 'timeout' : describe(error),
    });
    return fallback;
  } finally {
    await upstream.close();
  }
}

function trimSlashes(url: string): string {
  return url.replace(/^\/+|\/+$/g, '');
}

function originOf(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return 'invalid URL';
  }
}

function describe(error: unknown): string {
  const cause = (error as { cause?: { code?: unknown } } | undefined)?.cause;
  if (typeof cause?.code === 'string') return cause.code;
  const code = (error as { code?: unknown } | undefined)?.code;
  if (typeof code === 'string') return code;
  return error instanceof Error ? error.message : String(error);
}
