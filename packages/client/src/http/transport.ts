import { Agent, type Dispatcher, EnvHttpProxyAgent, fetch as undiciFetch } from 'undici';
import type { ClientEnv } from '../options.js';

/** How the client talks HTTP: a fetch and the connection pool behind it. */
export interface HttpTransport {
  readonly fetch: typeof globalThis.fetch;
  /** True when HTTP_PROXY/HTTPS_PROXY sent traffic through a proxy. */
  readonly proxied: boolean;
  /** Ends keep-alive connections. */
  close(): Promise<void>;
}

export interface ProxySettings {
  httpProxy: string;
  httpsProxy: string;
  noProxy: string;
}

/** The proxy variables in `env` (lower case wins, as in curl and undici), or undefined when none is set. */
export function proxySettingsFrom(env: ClientEnv): ProxySettings | undefined {
  const httpProxy = env['http_proxy'] ?? env['HTTP_PROXY'] ?? '';
  const httpsProxy = env['https_proxy'] ?? env['HTTPS_PROXY'] ?? '';
  if (httpProxy === '' && httpsProxy === '') return undefined;
  return { httpProxy, httpsProxy, noProxy: env['no_proxy'] ?? env['NO_PROXY'] ?? '' };
}

/**
 * A given fetch is used as is. Otherwise the client owns an undici dispatcher, so `close()` really ends its
 * connections: an `EnvHttpProxyAgent` when a proxy variable is set, a plain keep-alive `Agent` otherwise.
 */
export function createHttpTransport(options: {
  fetch?: typeof globalThis.fetch | undefined;
  env: ClientEnv;
}): HttpTransport {
  if (options.fetch !== undefined) {
    return { fetch: options.fetch, proxied: false, close: async () => {} };
  }
  const proxy = proxySettingsFrom(options.env);
  // Explicit values (never undefined) keep undici from reading process.env behind our back.
  const dispatcher: Dispatcher = proxy === undefined ? new Agent() : new EnvHttpProxyAgent(proxy);
  const fetch = ((input: Parameters<typeof undiciFetch>[0], init?: Parameters<typeof undiciFetch>[1]) =>
    undiciFetch(input, { ...init, dispatcher })) as unknown as typeof globalThis.fetch;
  return {
    fetch,
    proxied: proxy !== undefined,
    close: () => dispatcher.close(),
  };
}
