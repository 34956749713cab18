import type { HostConfig } from '../config/schema.js';
import type { TeamSecrets } from '../config/secrets.js';

/** User names and passwords written into URLs (`https://user:pass@…`): secrets like the token. */
export function urlCredentials(urls: readonly (string | undefined)[]): string[] {
  const out: string[] = [];
  for (const url of urls) {
    if (!url) continue;
    try {
      const parsed = new URL(url);
      for (const part of [parsed.username, parsed.password]) {
        if (part) out.push(part, decodeURIComponent(part));
      }
    } catch {
      // The config schema only lets valid URLs through.
    }
  }
  return out;
}

/**
 * Every secret the config holds, collected before anything logs so the redaction list is complete from the first
 * line: the Panther and HTTP tokens, credentials in URLs, the team's static tokens, each profile's Panther token and
 * the introspection client secret.
 */
export function collectSecrets(config: HostConfig, team: TeamSecrets): string[] {
  return [
    config.panther.token,
    config.server.authToken,
    ...urlCredentials([config.panther.instanceUrl, config.panther.restUrl, config.panther.graphqlUrl]),
    ...team.tokens.map((t) => t.value),
    ...team.pantherTokens.values(),
    team.introspectionSecret,
  ].filter((s): s is string => !!s);
}
