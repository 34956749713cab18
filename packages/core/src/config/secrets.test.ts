import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkTeamConfig } from './checkTeamConfig.js';
import { parseConfig } from './loadConfig.js';
import { readTeamSecrets } from './secrets.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'mcp-panther-secrets-'));
  await writeFile(path.join(dir, 'bot.token'), 'file-token-0123456789abcdef\nignored second line\n');
  await writeFile(path.join(dir, 'empty.token'), '\n');
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const team = (auth: unknown, profiles: unknown = { analyst: {}, responder: {} }) =>
  parseConfig({ server: { transport: 'http', auth }, profiles });

describe('team secrets', () => {
  it('reads static tokens from the environment or a file (first line), and profile Panther tokens', () => {
    const config = team(
      {
        tokens: [
          { name: 'ci-bot', tokenEnv: 'BOT_TOKEN', profile: 'analyst' },
          { name: 'pager', tokenFile: 'bot.token', profile: 'responder' },
        ],
      },
      { analyst: { pantherTokenEnv: 'PANTHER_ANALYST' }, responder: {} },
    );
    const secrets = readTeamSecrets(config, {
      env: { BOT_TOKEN: ' env-token-0123456789abcdef ', PANTHER_ANALYST: 'panther-analyst-token' },
      baseDir: dir,
    });
    expect(secrets.tokens).toEqual([
      { name: 'ci-bot', profile: 'analyst', value: 'env-token-0123456789abcdef' },
      { name: 'pager', profile: 'responder', value: 'file-token-0123456789abcdef' },
    ]);
    expect([...secrets.pantherTokens]).toEqual([['analyst', 'panther-analyst-token']]);
  });

  it('names the field and the variable or file when a secret is missing, short or shared, never a value', () => {
    const read =
      (auth: unknown, env: Record<string, string> = {}, profiles?: unknown) =>
      () =>
        readTeamSecrets(team(auth, profiles), { env, baseDir: dir });
    const bot = (source: Record<string, string>) => ({
      tokens: [{ name: 'ci-bot', profile: 'analyst', ...source }],
    });
    expect(read(bot({ tokenEnv: 'BOT_TOKEN' }))).toThrow(
      'server.auth.tokens[0] ("ci-bot"): the environment variable BOT_TOKEN is not set',
    );
    expect(read(bot({ tokenFile: 'missing.token' }))).toThrow(
      /the file .*missing\.token cannot be read \(ENOENT\)/,
    );
    expect(read(bot({ tokenFile: 'empty.token' }))).toThrow(/empty\.token is empty/);
    expect(read(bot({ tokenEnv: 'BOT_TOKEN' }), { BOT_TOKEN: 'short-secret' })).toThrow(
      /must be at least 16 characters/,
    );
    try {
      read(bot({ tokenEnv: 'BOT_TOKEN' }), { BOT_TOKEN: 'short-secret' })();
    } catch (error) {
      expect((error as Error).message).not.toContain('short-secret');
    }
    const twins = {
      tokens: [
        { name: 'one', tokenEnv: 'A', profile: 'analyst' },
        { name: 'two', tokenEnv: 'B', profile: 'analyst' },
      ],
    };
    expect(read(twins, { A: 'same-value-0123456789', B: 'same-value-0123456789' })).toThrow(
      'server.auth.tokens[1] ("two"): the token has the same value as "one"',
    );
    expect(read(bot({ tokenFile: 'bot.token' }), {}, { analyst: { pantherTokenEnv: 'NOPE' } })).toThrow(
      'profiles.analyst: the environment variable NOPE is not set',
    );
  });
});

describe('team config checks', () => {
  it('refuses a token without exactly one source, a token in the file, and an empty match', () => {
    expect(() => team({ tokens: [{ name: 'x', profile: 'analyst' }] })).toThrow(
      /give exactly one of tokenEnv or tokenFile/,
    );
    expect(() => team({ tokens: [{ name: 'x', token: 'abc', tokenEnv: 'X', profile: 'analyst' }] })).toThrow(
      'server.auth.tokens[0].token: is not a known field',
    );
    expect(() =>
      team({ tokens: [{ name: 'x', tokenEnv: 'X', profile: 'a' }] }, { a: { match: {} } }),
    ).toThrow(/an empty match would admit every caller/);
    expect(() => team({ oauth: { issuer: 'http://idp.example.com', audience: 'x' } })).toThrow(
      /must be an https URL \(http only on a loopback address\)/,
    );
  });

  it('refuses references to unknown profiles, authToken beside auth, and OAuth with nothing to match', () => {
    expect(() => checkTeamConfig(team({ tokens: [{ name: 'x', tokenEnv: 'X', profile: 'ghost' }] }))).toThrow(
      'server.auth.tokens[0].profile: "ghost" is not a profile (defined: analyst, responder)',
    );
    const both = parseConfig({
      server: {
        authToken: 'a-shared-token-0123456789',
        auth: { tokens: [{ name: 'x', tokenEnv: 'X', profile: 'p' }] },
      },
      profiles: { p: {} },
    });
    expect(() => checkTeamConfig(both)).toThrow(/server\.authToken and server\.auth cannot be used together/);
    expect(() =>
      checkTeamConfig(
        team({ oauth: { issuer: 'https://idp.example.com', audience: 'https://mcp.example.com/mcp' } }),
      ),
    ).toThrow(/no profile has a "match"/);
    expect(() =>
      checkTeamConfig(
        team(
          { oauth: { issuer: 'https://idp.example.com', audience: 'api://mcp' } },
          { a: { match: { groups: ['g'] } } },
        ),
      ),
    ).toThrow(/set resource to this server’s public URL/);
  });

  it('warns about settings that do nothing', () => {
    expect(checkTeamConfig(parseConfig({ profiles: { a: { match: { groups: ['g'] } } } }))).toEqual([
      'profiles.a.match is used only with server.auth.oauth',
      'profiles are defined but server.auth is not set: every caller gets the top-level policy',
    ]);
  });
});
