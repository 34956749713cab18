import { McpHostError } from '../errors.js';
import type { HostConfig } from './schema.js';

/**
 * Checks across fields that the schema cannot see one at a time: references from `server.auth` to `profiles`,
 * and combinations that would admit callers nobody meant to admit. Throws one CONFIG_INVALID error listing every
 * problem; returns the warnings (settings that do nothing) for the log.
 */
export function checkTeamConfig(config: HostConfig): string[] {
  const problems: string[] = [];
  const warnings: string[] = [];
  const { auth, authToken } = config.server;
  const profiles = config.profiles;
  if (auth && authToken) {
    problems.push(
      'server.authToken and server.auth cannot be used together: list the shared token under server.auth.tokens with a profile',
    );
  }
  auth?.tokens.forEach((token, index) => {
    if (!(token.profile in profiles)) {
      problems.push(
        `server.auth.tokens[${index}].profile: "${token.profile}" is not a profile (defined: ${Object.keys(profiles).join(', ') || 'none'})`,
      );
    }
  });
  if (auth?.oauth) {
    if (!Object.values(profiles).some((p) => p.match)) {
      problems.push(
        'server.auth.oauth: no profile has a "match", so every OAuth caller would be refused; add match.groups, match.scopes or match.subjects to a profile',
      );
    }
    const resource = auth.oauth.resource ?? auth.oauth.audience;
    if (!URL.canParse(resource) || !/^https?:$/.test(new URL(resource).protocol)) {
      problems.push(
        'server.auth.oauth.resource: the audience is not an http(s) URL, so set resource to this server’s public URL (for the protected-resource metadata)',
      );
    }
  } else {
    for (const [name, profile] of Object.entries(profiles)) {
      if (profile.match) warnings.push(`profiles.${name}.match is used only with server.auth.oauth`);
    }
  }
  if (!auth && Object.keys(profiles).length > 0) {
    warnings.push('profiles are defined but server.auth is not set: every caller gets the top-level policy');
  }
  if (problems.length > 0) {
    throw new McpHostError(
      'CONFIG_INVALID',
      `Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`,
    );
  }
  return warnings;
}
