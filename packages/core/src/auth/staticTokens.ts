import { createHash } from 'node:crypto';
import type { StaticToken } from '../config/secrets.js';

const digest = (value: string): string => createHash('sha256').update(value).digest('base64');

/**
 * Finds a named static token by its value. Lookup is by SHA-256 digest, so the time it takes says nothing about
 * how much of a token an attacker guessed right; the values themselves are not kept in the table.
 */
export function staticTokenTable(
  tokens: readonly StaticToken[],
): (value: string) => Omit<StaticToken, 'value'> | undefined {
  const byDigest = new Map(tokens.map((t) => [digest(t.value), { name: t.name, profile: t.profile }]));
  return (value) => byDigest.get(digest(value));
}
