import { readFileSync } from 'node:fs';
import { createPantherClient, isPantherApiError } from '@mcp-panther/client';
import { filterTools, type Host, type ProfileConfig } from '@mcp-panther/core';
import type { Check } from './check.js';

/** The profile's Panther token: its own (a variable or a file), else the host's. Never throws. */
function profileToken(
  profile: ProfileConfig,
  hostToken: string | undefined,
): { token: string; from: string } | { missing: string; fix: string } {
  if (profile.pantherTokenEnv !== undefined) {
    const value = process.env[profile.pantherTokenEnv]?.trim();
    return value
      ? { token: value, from: `$${profile.pantherTokenEnv}` }
      : {
          missing: `the environment variable ${profile.pantherTokenEnv} is not set`,
          fix: `set ${profile.pantherTokenEnv} to this profile's Panther API token where the server runs`,
        };
  }
  if (profile.pantherTokenFile !== undefined) {
    try {
      const value = readFileSync(profile.pantherTokenFile, 'utf8').split('\n')[0]?.trim();
      if (value) return { token: value, from: profile.pantherTokenFile };
      return {
        missing: `the file ${profile.pantherTokenFile} is empty`,
        fix: 'write the Panther API token on its first line',
      };
    } catch (error) {
      return {
        missing: `the file ${profile.pantherTokenFile} cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`,
        fix: `create ${profile.pantherTokenFile} with the Panther API token on its first line, readable by the server's user`,
      };
    }
  }
  return hostToken
    ? { token: hostToken, from: "the host's token" }
    : {
        missing: 'neither the profile nor the host names a Panther token',
        fix: 'set PANTHER_API_TOKEN or the profile pantherTokenEnv',
      };
}

/**
 * Each profile's Panther token, checked with Panther itself (GET /api-tokens/self), and the tools that profile's
 * callers get with its permissions and policy. A profile whose secret is missing or rejected fails alone: the
 * others are still checked.
 */
export async function checkProfiles(
  host: Host,
  profiles: Readonly<Record<string, ProfileConfig>>,
  hostToken: string | undefined,
): Promise<Check[]> {
  const checks: Check[] = [];
  for (const [name, profile] of Object.entries(profiles)) {
    const label = `profile ${name}`;
    const source = profileToken(profile, hostToken);
    if ('missing' in source) {
      checks.push({ name: label, ok: false, detail: `no Panther token: ${source.missing}`, fix: source.fix });
      continue;
    }
    const client = createPantherClient({
      urls: { rest: host.target.rest, graphql: host.target.graphql },
      token: source.token,
      timeoutMs: 10_000,
    });
    try {
      const self = await client.rest<{ permissions?: unknown }>({ method: 'GET', path: '/api-tokens/self' });
      const permissions = new Set(
        Array.isArray(self?.permissions)
          ? self.permissions.filter((p): p is string => typeof p === 'string')
          : [],
      );
      const packs = host.packs.filter(
        (p) => profile.packs === undefined || profile.packs.includes(p.pack.id),
      );
      const { enabled } = filterTools({
        packs,
        policy: {
          mode: profile.mode,
          allowTools: profile.allowTools,
          denyTools: [...host.config.policy.denyTools, ...profile.denyTools],
        },
        permissions,
      });
      checks.push({
        name: label,
        ok: enabled.length > 0,
        detail: `token (${source.from}) accepted; ${enabled.length} tools in ${profile.mode} mode${enabled.length > 0 ? `: ${enabled.map((e) => e.tool.name).join(', ')}` : ''}`,
        ...(enabled.length > 0
          ? {}
          : {
              fix: "give the token the permissions of the tools this profile should serve, or widen the profile's packs and allowTools",
            }),
      });
    } catch (error) {
      const rejected = isPantherApiError(error) && (error.status === 401 || error.status === 403);
      checks.push({
        name: label,
        ok: false,
        detail: rejected
          ? `Panther rejected the token (${source.from}, HTTP ${isPantherApiError(error) ? error.status : ''})`
          : `the token could not be checked: ${(error as Error).message}`,
        fix: rejected
          ? `replace the token in ${source.from} with a valid, unexpired Panther API token`
          : 'check that Panther is reachable (see "Panther URL" above)',
      });
    } finally {
      await client.close();
    }
  }
  return checks;
}
