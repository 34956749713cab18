import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Sandbox } from '@mcp-panther/sandbox';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { ElicitRequestSchema } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INITIALIZE, postMcp } from '../../core/src/testdata/rawMcp.js';
import {
  assertBuilt,
  baseEnv,
  connectHttp,
  killAll,
  someAlertId,
  startHttp,
  startPanther,
  tempDir,
  textOf,
  writeConfig,
} from './testdata/harness.js';
import { type IdentityProvider, startIdentityProvider } from './testdata/identityProvider.js';

// A team deployment end to end: the built `mcp-panther` serving HTTP, a real OAuth/OIDC provider issuing signed
// access tokens, the sandbox's role tokens as the profiles' Panther tokens, and the SDK's HTTP client.

const AUDIENCE = 'https://mcp.example.com/mcp';
const BOT_TOKEN = 'ci-bot-static-token-0123456789abcdef';
let panther: Sandbox;
let idp: IdentityProvider;
let tmp: Awaited<ReturnType<typeof tempDir>>;
let server: Awaited<ReturnType<typeof startHttp>>;
let auditFile: string;
const clients: Client[] = [];
const accessTokens: string[] = [];

beforeAll(async () => {
  assertBuilt();
  [panther, idp, tmp] = await Promise.all([startPanther(), startIdentityProvider(AUDIENCE), tempDir()]);
  auditFile = path.join(tmp.dir, 'audit.jsonl');
  await writeFile(path.join(tmp.dir, 'ci-bot.token'), `${BOT_TOKEN}\n`, { mode: 0o600 });
  const configFile = await writeConfig(tmp.dir, 'team.config.json', {
    server: {
      transport: 'http',
      host: '127.0.0.1',
      port: 0,
      auth: {
        oauth: { issuer: idp.issuer, audience: AUDIENCE, groupsClaim: 'groups', nameClaim: 'email' },
        tokens: [{ name: 'ci-bot', tokenFile: 'ci-bot.token', profile: 'analyst' }],
      },
    },
    profiles: {
      analyst: {
        match: { groups: ['soc-analysts'] },
        mode: 'read-only',
        pantherTokenEnv: 'PANTHER_TOKEN_ANALYST',
      },
      responder: {
        match: { groups: ['soc-responders'] },
        mode: 'read-write',
        allowTools: ['*alert*'],
        pantherTokenEnv: 'PANTHER_TOKEN_RESPONDER',
      },
    },
    logging: { auditFile },
    telemetry: { metrics: { enabled: true } },
  });
  server = await startHttp(
    ['--config', configFile],
    baseEnv({
      LOG_LEVEL: 'debug',
      PANTHER_INSTANCE_URL: panther.url,
      // The host's own token may do nothing: every caller works through its profile's token.
      PANTHER_API_TOKEN: panther.tokens.noAccess,
      PANTHER_TOKEN_ANALYST: panther.tokens.analyst,
      PANTHER_TOKEN_RESPONDER: panther.tokens.responder,
    }),
  );
});
afterAll(async () => {
  for (const client of clients) await client.close().catch(() => {});
  await killAll();
  await Promise.all([panther?.close(), idp?.stop(), tmp?.remove()]);
});

async function tokenFor(claims: Record<string, unknown>): Promise<string> {
  const token = await idp.token(claims);
  accessTokens.push(token);
  return token;
}
/** Connects as the holder of `token`, with a client that confirms writes when asked (MCP elicitation). */
async function connectAs(token: string): Promise<Client> {
  const client = await connectHttp(
    server.url,
    { authorization: `Bearer ${token}` },
    { elicitation: { form: {} } },
  );
  client.setRequestHandler(ElicitRequestSchema, async () => ({ action: 'accept' }));
  clients.push(client);
  return client;
}
const analystToken = () => tokenFor({ sub: 'u-ann', email: 'ann@example.com', groups: ['soc-analysts'] });
const responderToken = () => tokenFor({ sub: 'u-rob', email: 'rob@example.com', groups: ['soc-responders'] });
const WRITE_TOOLS = [
  'add_alert_comment',
  'bulk_update_alerts',
  'update_alert_assignee',
  'update_alert_status',
];

const post = (token: string | undefined, body: unknown): Promise<Response> =>
  postMcp(server.url, body, { token: token || undefined });
const initialize = INITIALIZE;

describe('team deployment of mcp-panther over HTTP', () => {
  it('an analyst lists read tools only and cannot call a write tool; a responder lists and calls the alert writes', async () => {
    const [analyst, responder] = await Promise.all([
      analystToken().then(connectAs),
      responderToken().then(connectAs),
    ]);
    // Two callers on one server at the same time see different lists.
    const [analystList, responderList] = await Promise.all([analyst.listTools(), responder.listTools()]);
    const analystTools = analystList.tools.map((t) => t.name);
    const responderTools = responderList.tools.map((t) => t.name);
    expect(analystTools.length).toBeGreaterThan(20);
    expect(analystList.tools.every((t) => t.annotations?.readOnlyHint === true)).toBe(true);
    expect(analystTools).toContain('query_data_lake');
    expect(analystTools).not.toContain('disable_detection');
    for (const write of WRITE_TOOLS) expect(responderTools).toContain(write);
    expect(responderTools.every((name) => name.includes('alert'))).toBe(true);
    expect(responderTools).not.toContain('disable_detection');

    const alertId = await someAlertId(panther);
    const refused = await analyst.callTool({
      name: 'update_alert_status',
      arguments: { alert_ids: [alertId], status: 'TRIAGED' },
    });
    expect(refused.isError).toBe(true);
    expect(textOf(refused)).toBe('MCP error -32602: Tool update_alert_status not found');

    const updated = await responder.callTool({
      name: 'update_alert_status',
      arguments: { alert_ids: [alertId], status: 'TRIAGED' },
    });
    expect(updated.isError, textOf(updated)).toBeFalsy();
    const disabled = await responder.callTool({
      name: 'disable_detection',
      arguments: { detection_id: 'x' },
    });
    expect(textOf(disabled)).toBe('MCP error -32602: Tool disable_detection not found');

    // The analyst's reads go to Panther with the analyst's token.
    const read = await analyst.callTool({ name: 'get_alert', arguments: { alert_id: alertId } });
    expect(read.isError, textOf(read)).toBeFalsy();
    expect(textOf(read)).toContain('TRIAGED');
  });

  it('a static named token gets its profile', async () => {
    const bot = await connectAs(BOT_TOKEN);
    const analyst = await connectAs(await analystToken());
    const [botTools, analystTools] = await Promise.all([bot.listTools(), analyst.listTools()]);
    expect(botTools.tools.map((t) => t.name)).toEqual(analystTools.tools.map((t) => t.name));
    const shown = await bot.readResource({ uri: 'config://panther' });
    expect(JSON.parse((shown.contents[0] as { text: string }).text)).toMatchObject({
      profile: 'analyst',
      mode: 'read-only',
    });
  });

  it('refuses bad tokens with 401 and a challenge, a caller with no profile with 403; the metadata names the issuer', async () => {
    const now = Math.floor(Date.now() / 1000);
    const good = await responderToken();
    const [h, p, s] = good.split('.');
    const forgedClaims = Buffer.from(
      JSON.stringify({ ...JSON.parse(Buffer.from(p!, 'base64url').toString()), groups: ['soc-admins'] }),
    ).toString('base64url');
    const bad = {
      expired: await tokenFor({
        groups: ['soc-responders'],
        exp: now - 600,
        iat: now - 1200,
        nbf: now - 1200,
      }),
      'wrong audience': await tokenFor({ groups: ['soc-responders'], aud: 'https://elsewhere.example.com' }),
      tampered: `${h}.${forgedClaims}.${s}`,
      'alg none': `${Buffer.from('{"alg":"none"}').toString('base64url')}.${p}.`,
      'wrong static token': `${BOT_TOKEN}0`,
    };
    const metadataUrl = 'https://mcp.example.com/.well-known/oauth-protected-resource/mcp';
    for (const [kind, token] of Object.entries(bad)) {
      const response = await post(token, initialize);
      expect(response.status, kind).toBe(401);
      expect(response.headers.get('www-authenticate'), kind).toContain(`resource_metadata="${metadataUrl}"`);
      expect(await response.text()).not.toContain(token);
    }
    const stranger = await post(await tokenFor({ groups: ['finance'] }), initialize);
    expect(stranger.status).toBe(403);

    const metadata = await fetch(new URL('/.well-known/oauth-protected-resource/mcp', server.url));
    expect(await metadata.json()).toMatchObject({ resource: AUDIENCE, authorization_servers: [idp.issuer] });
  });

  it('audits every write with its caller, counts calls by profile, and never shows a token in a log line, audit record, metric or error', async () => {
    const responder = await connectAs(await responderToken());
    const alertId = await someAlertId(panther);
    const comment = await responder.callTool({
      name: 'add_alert_comment',
      arguments: { alert_id: alertId, comment: 'triaged by the team server' },
    });
    expect(comment.isError, textOf(comment)).toBeFalsy();
    // A Panther error must not carry the token either.
    const failed = await responder.callTool({ name: 'get_alert', arguments: { alert_id: 'no-such-alert' } });
    expect(failed.isError).toBe(true);

    const records = (await readFile(auditFile, 'utf8'))
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(records.length).toBeGreaterThanOrEqual(4);
    for (const record of records) {
      expect(record).toMatchObject({ caller: 'rob@example.com', profile: 'responder' });
      expect(typeof record['session']).toBe('string');
      expect(record['request']).toBeDefined();
    }
    expect(records.filter((r) => r['phase'] === 'outcome').map((r) => r['tool'])).toEqual([
      'update_alert_status',
      'add_alert_comment',
    ]);

    // Metrics count calls by profile (scraped from loopback, where no metrics token is needed).
    const metrics = await (await fetch(server.url.replace(/\/mcp$/, '/metrics'))).text();
    expect(metrics).toMatch(
      /mcp_panther_tool_calls_total\{[^}]*tool="add_alert_comment"[^}]*profile="responder"[^}]*\} 1/,
    );
    expect(metrics).toMatch(
      /mcp_panther_tool_calls_total\{[^}]*tool="get_alert"[^}]*profile="analyst"[^}]*\} [1-9]/,
    );

    const secrets = [BOT_TOKEN, ...Object.values(panther.tokens), ...accessTokens];
    const seen = [server.stderr(), JSON.stringify(records), textOf(failed), metrics].join('\n');
    expect(server.stderr()).toContain('"caller":"rob@example.com"');
    for (const secret of secrets) expect(seen).not.toContain(secret);
  });
});
