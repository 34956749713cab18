import type { ProfileConfig } from '../config/authSchema.js';

/** What an access token says about its caller, as profiles match it. */
export interface Identity {
  readonly subject: string;
  readonly groups: readonly string[];
  readonly scopes: readonly string[];
}

const anyOf = (wanted: readonly string[], held: readonly string[]): boolean =>
  wanted.some((value) => held.includes(value));

/**
 * The first profile, in the order the config lists them, whose `match` the identity satisfies: every kind it
 * names (groups, scopes, subjects) must match, and within a kind any one value does. Profiles without `match`
 * are for static tokens only.
 */
export function matchProfile(
  profiles: Readonly<Record<string, ProfileConfig>>,
  identity: Identity,
): string | undefined {
  for (const [name, profile] of Object.entries(profiles)) {
    const match = profile.match;
    if (!match) continue;
    if (match.groups.length > 0 && !anyOf(match.groups, identity.groups)) continue;
    if (match.scopes.length > 0 && !anyOf(match.scopes, identity.scopes)) continue;
    if (match.subjects.length > 0 && !match.subjects.includes(identity.subject)) continue;
    return name;
  }
  return undefined;
}
