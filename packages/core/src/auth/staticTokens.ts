import { createHash } from 'node:crypto';
import type { StaticToken } from '../config/secrets.js';

const digest = (value: string): string => createHash('sha256').update(value).digest('base64');

/** A static token as the table keeps it: its name and profile, and a digest that tells its values apart. */
export interface StaticTokenEntry {
  readonly name: string;
  readonly profile: string;
  /** The SHA-256 digest of the value: a rotated token has another. Never logged or sent. */
  readonly fingerprint: string;
}

export interface StaticTokenTable {
  /** The token with this value, if any. */
  find(value: string): StaticTokenEntry | undefined;
  /** The token of this name, if any (what a session opened with it would be granted now). */
  named(name: string): StaticTokenEntry | undefined;
}

/**
 * Finds a named static token by its value. Lookup is by SHA-256 digest, so the time it takes says nothing about
 * how much of a token an attacker guessed right; the values themselves are not kept in the table.
 */
export function staticTokenTable(tokens: readonly StaticToken[]): StaticTokenTable {
  const entries = tokens.map((t) => ({ name: t.name, profile: t.profile, fingerprint: digest(t.value) }));
  const byDigest = new Map(entries.map((e) => [e.fingerprint, e]));
  const byName = new Map(entries.map((e) => [e.name, e]));
  return { find: (value) => byDigest.get(digest(value)), named: (name) => byName.get(name) };
}
