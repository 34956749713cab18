import { readFileSync } from 'node:fs';
import path from 'node:path';
import { McpHostError } from '../errors.js';
import type { HostConfig } from './schema.js';

/**
 * Secrets the config names but never holds: static HTTP tokens and the profiles' Panther tokens, each read from
 * an environment variable or a file at start-up. Errors name the field and the variable or file, never a value.
 */

export interface SecretSource {
  readonly env?: string | undefined;
  readonly file?: string | undefined;
}

export interface SecretContext {
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Relative secret files are read from here (the config file's folder). */
  readonly baseDir: string;
}

/** A named static token with its value, as read at start-up. */
export interface StaticToken {
  readonly name: string;
  readonly profile: string;
  readonly value: string;
}

export interface TeamSecrets {
  readonly tokens: readonly StaticToken[];
  /** Each profile's own Panther token; absent when the profile uses the host's. */
  readonly pantherTokens: ReadonlyMap<string, string>;
  /** The client secret for token introspection (`server.auth.oauth.introspection`), when configured. */
  readonly introspectionSecret?: string | undefined;
}

const MIN_HTTP_TOKEN_LENGTH = 16;

function invalid(field: string, problem: string): McpHostError {
  return new McpHostError('CONFIG_INVALID', `Invalid configuration: ${field}: ${problem}`);
}

/** The secret's value (a file's first line, trimmed), or a CONFIG_INVALID error naming where it was looked for. */
export function readSecret(source: SecretSource, field: string, ctx: SecretContext): string {
  let value: string;
  if (source.env !== undefined) {
    const raw = ctx.env[source.env];
    if (raw === undefined || raw.trim() === '') {
      throw invalid(field, `the environment variable ${source.env} is not set`);
    }
    value = raw.trim();
  } else if (source.file !== undefined) {
    const file = path.resolve(ctx.baseDir, source.file);
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? 'unreadable';
      throw invalid(field, `the file ${file} cannot be read (${code})`);
    }
    value = (text.split(/\r?\n/, 1)[0] ?? '').trim();
    if (value === '') throw invalid(field, `the file ${file} is empty`);
  } else {
    throw invalid(field, 'no environment variable or file is named');
  }
  return value;
}

/** Reads every static token and profile Panther token the config names. */
export function readTeamSecrets(config: HostConfig, ctx: SecretContext): TeamSecrets {
  const tokens: StaticToken[] = [];
  const byValue = new Map<string, string>();
  (config.server.auth?.tokens ?? []).forEach((token, index) => {
    const field = `server.auth.tokens[${index}] ("${token.name}")`;
    const value = readSecret({ env: token.tokenEnv, file: token.tokenFile }, field, ctx);
    if (value.length < MIN_HTTP_TOKEN_LENGTH) {
      throw invalid(field, `the token must be at least ${MIN_HTTP_TOKEN_LENGTH} characters`);
    }
    const twin = byValue.get(value);
    if (twin !== undefined) throw invalid(field, `the token has the same value as "${twin}"`);
    byValue.set(value, token.name);
    tokens.push({ name: token.name, profile: token.profile, value });
  });
  const pantherTokens = new Map<string, string>();
  for (const [name, profile] of Object.entries(config.profiles)) {
    if (profile.pantherTokenEnv === undefined && profile.pantherTokenFile === undefined) continue;
    const source = { env: profile.pantherTokenEnv, file: profile.pantherTokenFile };
    pantherTokens.set(name, readSecret(source, `profiles.${name}`, ctx));
  }
  const introspection = config.server.auth?.oauth?.introspection;
  const introspectionSecret = introspection
    ? readSecret(
        { env: introspection.clientSecretEnv, file: introspection.clientSecretFile },
        'server.auth.oauth.introspection',
        ctx,
      )
    : undefined;
  return { tokens, pantherTokens, ...(introspectionSecret ? { introspectionSecret } : {}) };
}
