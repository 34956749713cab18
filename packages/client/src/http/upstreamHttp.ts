import type { Dispatcher, fetch as undiciFetch } from 'undici';
import type { ClientEnv } from '../options.js';
import { createNodeRequester, type HttpRequester, requesterFromFetch } from './nodeRequest.js';

/** How the client talks HTTP: requests for REST and discovery, a fetch for graphql-request, and the pools. */
export interface UpstreamHttp {
  /** REST calls and URL discovery. */
  readonly request: HttpRequester;
  /** A WHATWG fetch (graphql-request needs one). */
  readonly fetch: typeof globalThis.fetch;
  /** True when HTTP_PROXY/HTTPS_PROXY sent traffic through a proxy. */
  readonly proxied: boolean;
  /** False until what the first request needs is imported (the proxy agent); `load()` imports it. */
  readonly loaded: boolean;
  load(): Promise<void>;
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
 * A given fetch is used as is. With a proxy variable set, the client owns an undici `EnvHttpProxyAgent`
 * (imported on the first request, so start-up does not pay for undici) and `close()` ends its connections.
 * Without one, REST goes over node:http with the client's own keep-alive agents (`close()` ends them), and
 * GraphQL over Node's own fetch, which Node loads on first use.
 */
export function createUpstreamHttp(options: {
  fetch?: typeof globalThis.fetch | undefined;
  env: ClientEnv;
}): UpstreamHttp {
  if (options.fetch !== undefined) {
    return {
      request: requesterFromFetch(options.fetch),
      fetch: options.fetch,
      proxied: false,
      loaded: true,
      load: async () => {},
      close: async () => {},
    };
  }
  const proxy = proxySettingsFrom(options.env);
  if (proxy === undefined) {
    const node = createNodeRequester();
    return {
      request: node.request,
      fetch: (input, init) => globalThis.fetch(input, init),
      proxied: false,
      loaded: true,
      load: async () => {},
      close: async () => node.close(),
    };
  }
  let loading: Promise<{ dispatcher: Dispatcher; fetch: typeof undiciFetch }> | undefined;
  let loaded = false;
  let closed = false;
  const load = () => {
    loading ??= import('undici').then(({ EnvHttpProxyAgent, fetch }) => {
      loaded = true;
      // Explicit values (never undefined) keep undici from reading process.env behind our back.
      return { dispatcher: new EnvHttpProxyAgent(proxy), fetch };
    });
    return loading;
  };
  const fetch = (async (
    input: Parameters<typeof undiciFetch>[0],
    init?: Parameters<typeof undiciFetch>[1],
  ) => {
    if (closed) throw new TypeError('fetch failed: the upstream HTTP client is closed');
    const undici = await load();
    return undici.fetch(input, { ...init, dispatcher: undici.dispatcher });
  }) as unknown as typeof globalThis.fetch;
  return {
    request: requesterFromFetch(fetch),
    fetch,
    proxied: true,
    get loaded() {
      return loaded;
    },
    load: async () => {
      await load();
    },
    async close() {
      closed = true;
      if (loading !== undefined) await (await loading).dispatcher.close();
    },
  };
}
