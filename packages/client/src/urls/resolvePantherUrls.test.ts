import { afterEach, describe, expect, it } from 'vitest';
import { type FakeUpstream, startFakeUpstream, untilAborted } from '../testing/index.js';
import { readPantherConfig, resolvePantherUrls, restBaseFromUrl } from './resolvePantherUrls.js';

const page = (config: string) =>
  `<!doctype html><html><head><script id="__PANTHER_CONFIG__" type="application/json">${config}</script></head></html>`;

let upstream: FakeUpstream | undefined;
afterEach(async () => {
  await upstream?.close();
  upstream = undefined;
});

function captureWarnings() {
  const warnings: { message: string; fields: Record<string, unknown> | undefined }[] = [];
  const logger = {
    debug() {},
    info() {},
    warn: (message: string, fields?: Record<string, unknown>) => warnings.push({ message, fields }),
    error() {},
  };
  return { logger, warnings };
}

describe('resolvePantherUrls', () => {
  it('takes the REST base from the `rest` key of __PANTHER_CONFIG__', async () => {
    upstream = await startFakeUpstream(() => ({
      body: page('{"rest":"https://api.acme.runpanther.net/","WEB_APPLICATION_GRAPHQL_API_ENDPOINT":"x"}'),
      headers: { 'Content-Type': 'text/html' },
    }));
    await expect(resolvePantherUrls({ instanceUrl: upstream.url })).resolves.toEqual({
      rest: 'https://api.acme.runpanther.net',
      graphql: 'https://api.acme.runpanther.net/public/graphql',
    });
    expect(upstream.requests.map((r) => [r.method, r.path])).toEqual([['GET', '/']]);
  });

  it('falls back to WEB_APPLICATION_GRAPHQL_API_ENDPOINT minus /internal/graphql', async () => {
    upstream = await startFakeUpstream(() => ({
      body: page(
        '{"WEB_APPLICATION_GRAPHQL_API_ENDPOINT":"https://api.acme.runpanther.net/internal/graphql"}',
      ),
    }));
    await expect(resolvePantherUrls({ instanceUrl: upstream.url })).resolves.toEqual({
      rest: 'https://api.acme.runpanther.net',
      graphql: 'https://api.acme.runpanther.net/public/graphql',
    });
  });

  it('uses the instance URL itself when the page is a 404', async () => {
    upstream = await startFakeUpstream(() => ({ status: 404, json: { message: 'not found' } }));
    await expect(resolvePantherUrls({ instanceUrl: `${upstream.url}/` })).resolves.toEqual({
      rest: upstream.url,
      graphql: `${upstream.url}/public/graphql`,
    });
  });

  it('strips public/graphql from the instance URL in the fallback', async () => {
    upstream = await startFakeUpstream(() => ({ status: 404 }));
    await expect(resolvePantherUrls({ instanceUrl: `${upstream.url}/v1/public/graphql` })).resolves.toEqual({
      rest: `${upstream.url}/v1`,
      graphql: `${upstream.url}/v1/public/graphql`,
    });
  });

  it('falls back when the tag is missing or its JSON is broken', async () => {
    upstream = await startFakeUpstream((request) => ({
      body: request.path === '/broken' ? page('{not json') : '<html>no config</html>',
    }));
    for (const path of ['/broken', '/plain']) {
      await expect(resolvePantherUrls({ instanceUrl: `${upstream.url}${path}` })).resolves.toEqual({
        rest: `${upstream.url}${path}`,
        graphql: `${upstream.url}${path}/public/graphql`,
      });
    }
  });

  it('falls back with a warning when the instance cannot be reached', async () => {
    upstream = await startFakeUpstream(() => ({ status: 404 }));
    const closedUrl = upstream.url;
    await upstream.close();
    upstream = undefined;
    const { logger, warnings } = captureWarnings();
    await expect(resolvePantherUrls({ instanceUrl: closedUrl, logger })).resolves.toEqual({
      rest: closedUrl,
      graphql: `${closedUrl}/public/graphql`,
    });
    expect(warnings).toHaveLength(1);
    expect(warnings[0]?.fields).toMatchObject({ reason: 'ECONNREFUSED' });
  });

  it('falls back with a warning when the page does not answer in time', async () => {
    upstream = await startFakeUpstream((_request, { signal }) => untilAborted(signal));
    const { logger, warnings } = captureWarnings();
    await expect(
      resolvePantherUrls({ instanceUrl: upstream.url, timeoutMs: 50, logger }),
    ).resolves.toMatchObject({
      rest: upstream.url,
    });
    expect(warnings[0]?.fields).toMatchObject({ reason: 'timeout' });
  });

  it('ends with ABORTED when the caller cancels', async () => {
    upstream = await startFakeUpstream((_request, { signal }) => untilAborted(signal));
    const controller = new AbortController();
    const pending = resolvePantherUrls({ instanceUrl: upstream.url, signal: controller.signal });
    controller.abort();
    await expect(pending).rejects.toMatchObject({ code: 'ABORTED' });
  });

  it('lets explicit overrides win without fetching anything', async () => {
    upstream = await startFakeUpstream(() => ({ body: page('{"rest":"https://elsewhere.example"}') }));
    await expect(
      resolvePantherUrls({
        instanceUrl: upstream.url,
        restUrl: 'https://rest.example/v1/',
        graphqlUrl: 'https://gql.example/graphql',
      }),
    ).resolves.toEqual({ rest: 'https://rest.example/v1', graphql: 'https://gql.example/graphql' });
    expect(upstream.requests).toHaveLength(0);
  });

  it('discovers REST but keeps a GraphQL override', async () => {
    upstream = await startFakeUpstream(() => ({ body: page('{"rest":"https://api.acme.example"}') }));
    await expect(
      resolvePantherUrls({ instanceUrl: upstream.url, graphqlUrl: 'http://127.0.0.1:9/public/graphql' }),
    ).resolves.toEqual({ rest: 'https://api.acme.example', graphql: 'http://127.0.0.1:9/public/graphql' });
  });

  it('derives REST from a lone GraphQL URL', async () => {
    await expect(resolvePantherUrls({ graphqlUrl: 'https://api.x/public/graphql' })).resolves.toEqual({
      rest: 'https://api.x',
      graphql: 'https://api.x/public/graphql',
    });
  });

  it('requires http(s) URLs and does not echo them', async () => {
    await expect(resolvePantherUrls({ instanceUrl: 'ftp://user:pw@x' })).rejects.toThrow(/http or https/);
    await expect(resolvePantherUrls({ restUrl: 'not a url' })).rejects.toThrow(/absolute http\(s\) URL/);
    await expect(resolvePantherUrls({ instanceUrl: 'ftp://user:pw@x' })).rejects.not.toThrow(/pw/);
    await expect(resolvePantherUrls({})).rejects.toThrow(/required/);
  });

  it('rejects a discovered REST base that is not http(s)', async () => {
    upstream = await startFakeUpstream(() => ({ body: page('{"rest":"file:///etc"}') }));
    await expect(resolvePantherUrls({ instanceUrl: upstream.url })).rejects.toThrow(/http or https/);
  });
});

describe('readPantherConfig', () => {
  it('reads a multi-line tag with attributes in any order', () => {
    expect(readPantherConfig(`<script type="x" id='__PANTHER_CONFIG__'>\n{"rest":\n"a"}\n</script>`)).toEqual(
      {
        rest: 'a',
      },
    );
  });
});

describe('restBaseFromUrl', () => {
  it('removes public/graphql and trims slashes', () => {
    expect(restBaseFromUrl('https://api.x/public/graphql/')).toBe('https://api.x');
    expect(restBaseFromUrl('https://acme.runpanther.net/')).toBe('https://acme.runpanther.net');
  });
});
