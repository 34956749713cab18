import { isPantherApiError, type PantherClient } from '@mcp-panther/client';

/**
 * What Panther's answer to `GET /api-tokens/self` says about the connection: `ok` (it answered as Panther, the
 * token was accepted), `rejected` (401: the token is unknown or expired), `unreachable` (no answer, or Panther
 * failing: 5xx), `not-panther` (an answer no Panther API gives there: an HTML page, a redirect, a 404).
 */
export type PantherState = 'ok' | 'rejected' | 'unreachable' | 'not-panther';

export interface PantherProbe {
  readonly state: PantherState;
  /** What was found, in words (never the token). */
  readonly detail: string;
  /** The token's raw permission names, when Panther listed them. */
  readonly permissions?: ReadonlySet<string> | undefined;
  /** The token's own name and id, when Panther says. */
  readonly token?: { readonly id?: string; readonly name?: string } | undefined;
}

/** What to do about a state other than `ok`. */
export const PANTHER_FIXES: Readonly<Record<Exclude<PantherState, 'ok'>, string>> = {
  rejected:
    'set PANTHER_API_TOKEN (or panther.token) to a valid, unexpired Panther API token of this instance',
  unreachable:
    'check PANTHER_INSTANCE_URL (your Panther web-app URL), the network and any proxy (HTTPS_PROXY); ' +
    'to start anyway (an air-gapped rehearsal), pass --allow-unreachable or set panther.allowUnreachable',
  'not-panther':
    'set PANTHER_INSTANCE_URL to your Panther web-app URL (https://<name>.runpanther.net), or PANTHER_REST_API_URL ' +
    'to its REST API base (the API URL under Settings > API Tokens); if the web-app page cannot be read, set ' +
    'PANTHER_REST_API_URL',
};

/** How long a probe waits for Panther: short, since start-up and load balancers wait on it. */
const PROBE_TIMEOUT_MS = 5_000;

export interface ProbeOptions {
  /** Default 5 s. */
  readonly timeoutMs?: number | undefined;
  /**
   * Take a cached answer (start-up: replicas sharing a cache ask Panther once for the token's permissions).
   * Default false: readiness asks Panther itself.
   */
  readonly cached?: boolean | undefined;
}

/**
 * Asks Panther who the token is (`GET /api-tokens/self`) and classifies the answer. Never throws. A 403 or an
 * answer without permissions still counts as `ok`: Panther answered and knew the token.
 */
export async function probePanther(client: PantherClient, options: ProbeOptions = {}): Promise<PantherProbe> {
  const timeoutMs = options.timeoutMs ?? PROBE_TIMEOUT_MS;
  const cacheKind = options.cached ? 'identity' : 'none';
  let self: { id?: unknown; name?: unknown; permissions?: unknown } | undefined;
  try {
    self = await client.rest({ method: 'GET', path: '/api-tokens/self', cacheKind, timeoutMs });
  } catch (error) {
    return classifyFailure(error);
  }
  if (typeof self !== 'object' || self === null || Array.isArray(self)) {
    return {
      state: 'not-panther',
      detail: 'GET /api-tokens/self answered something other than a Panther API token',
    };
  }
  const token = {
    ...(typeof self.id === 'string' ? { id: self.id } : {}),
    ...(typeof self.name === 'string' ? { name: self.name } : {}),
  };
  if (!Array.isArray(self.permissions)) {
    return { state: 'ok', detail: 'Panther did not list the token permissions', token };
  }
  const permissions = new Set(self.permissions.filter((p): p is string => typeof p === 'string'));
  return { state: 'ok', detail: 'the token is accepted', permissions, token };
}

function classifyFailure(error: unknown): PantherProbe {
  const message = (error as Error)?.message ?? String(error);
  if (!isPantherApiError(error)) return { state: 'ok', detail: message };
  const status = error.status;
  switch (error.code) {
    case 'AUTH':
      // The client's words ("Panther rejected the API token (HTTP 401): …"), the token already redacted.
      return { state: 'rejected', detail: message };
    case 'NETWORK':
    case 'TIMEOUT':
      return { state: 'unreachable', detail: message };
    case 'NOT_FOUND':
    case 'INVALID_INPUT':
    case 'RESPONSE_TOO_LARGE':
      return notPanther(error, message);
    case 'UPSTREAM':
      // 5xx is Panther (or its gateway) failing; a 2xx that is not JSON or a redirect is some other server.
      if (status !== undefined && status >= 500) return { state: 'unreachable', detail: message };
      return notPanther(error, message);
    default:
      // 403 (a token that may not read itself), 429: Panther answered and knew the token.
      return { state: 'ok', detail: message };
  }
}

function notPanther(
  error: { status?: number | undefined; detail?: string | undefined },
  message: string,
): PantherProbe {
  const page = /^\s*</.test(error.detail ?? '') || /not JSON/.test(message) ? ' (a web page, not JSON)' : '';
  const what = error.status === undefined ? message : `HTTP ${error.status}${page}`;
  return {
    state: 'not-panther',
    detail: `this URL is not a Panther API: GET /api-tokens/self answered ${what}`,
  };
}
