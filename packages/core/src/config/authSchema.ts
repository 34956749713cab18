import { z } from 'zod';

/**
 * The config of a team deployment: how HTTP callers prove who they are (`server.auth`) and what each kind of
 * caller may do (`profiles`). Secrets are never in the file: each is named by an environment variable or a file.
 */

/** Signature algorithms accepted by default: asymmetric only, so a public key can never be used as an HMAC secret. */
export const ASYMMETRIC_ALGORITHMS = [
  'RS256',
  'RS384',
  'RS512',
  'PS256',
  'PS384',
  'PS512',
  'ES256',
  'ES384',
  'ES512',
  'EdDSA',
] as const;

const LOOPBACK = /^(localhost|127(?:\.\d{1,3}){3}|\[::1\])$/i;

/** https, or http on a loopback address (a test or a local identity provider). */
export function isSecureUrl(value: string): boolean {
  if (!URL.canParse(value)) return false;
  const url = new URL(value);
  return url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK.test(url.hostname));
}

const secureUrl = z
  .string()
  .min(1)
  .refine(isSecureUrl, 'must be an https URL (http only on a loopback address)');

/** Names used in logs, audit records and config references. */
const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
const name = (what: string) =>
  z
    .string()
    .regex(NAME, `${what} must be 1 to 64 letters, digits, ".", "_" or "-", starting with a letter or digit`);
const envName = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'must be an environment variable name');
const filePath = z.string().min(1);
const glob = z.string().min(1);

const introspectionSchema = z
  .strictObject({
    /** The introspection endpoint (RFC 7662). Default: `introspection_endpoint` from the issuer's discovery document. */
    endpoint: secureUrl.optional(),
    /** This server's client id at the identity provider; it authenticates to the endpoint with HTTP Basic. */
    clientId: z.string().min(1),
    /** The environment variable holding the client secret. */
    clientSecretEnv: envName.optional(),
    /** Or a file holding it (its first line). */
    clientSecretFile: filePath.optional(),
    /** Which tokens are introspected: `opaque` ones (the default; JWTs are checked with the issuer's keys), or `all`. */
    tokens: z.enum(['opaque', 'all']).default('opaque'),
    /** Longest time, in seconds, an answer is reused; never past the token's `exp`. 0: ask every time. */
    cacheSeconds: z.int().min(0).max(3_600).default(60),
  })
  .refine((i) => (i.clientSecretEnv === undefined) !== (i.clientSecretFile === undefined), {
    message:
      'give exactly one of clientSecretEnv or clientSecretFile (the secret never goes in the config file)',
  });

const oauthSchema = z.strictObject({
  /** The identity provider's issuer URL, exactly as its tokens' `iss` says. */
  issuer: secureUrl,
  /** The `aud` every access token must carry: this server's public URL (RFC 8707 resource indicator). */
  audience: z.string().min(1),
  /** This server's public URL for the protected-resource metadata (RFC 9728). Default: `audience`. */
  resource: secureUrl.optional(),
  /** The issuer's JWKS URL. Default: `jwks_uri` from its discovery document. */
  jwksUri: secureUrl.optional(),
  /** Signature algorithms accepted (never `none`; symmetric ones only when listed here). */
  algorithms: z
    .array(z.enum([...ASYMMETRIC_ALGORITHMS, 'HS256', 'HS384', 'HS512']))
    .min(1)
    .default([...ASYMMETRIC_ALGORITHMS]),
  /** Clock skew tolerated on `exp` and `nbf`, in seconds. */
  clockSkewSeconds: z.int().min(0).max(300).default(30),
  /** The claim holding the caller's groups (a dotted path such as `realm_access.roles` also works). */
  groupsClaim: z.string().min(1).default('groups'),
  /** The claim holding the token's scopes (space-separated string or array). */
  scopesClaim: z.string().min(1).default('scope'),
  /** The claim shown as the caller's name in logs and audit records. Default: `sub`. */
  nameClaim: z.string().min(1).default('sub'),
  /** Scopes every token must hold; a token without one of them gets 403 `insufficient_scope`. */
  requiredScopes: z.array(z.string().min(1)).default([]),
  /** Scopes advertised in the protected-resource metadata. Default: `requiredScopes`. */
  scopesSupported: z.array(z.string().min(1)).optional(),
  /** Opaque access tokens are checked by asking the issuer (OAuth 2.0 token introspection, RFC 7662). */
  introspection: introspectionSchema.optional(),
});

const staticTokenSchema = z.strictObject({
  /** Shown as the caller in logs and audit records. */
  name: name('a token name'),
  /** The environment variable holding the token (at least 16 characters). */
  tokenEnv: envName.optional(),
  /** A file holding the token (the first line is used). */
  tokenFile: filePath.optional(),
  /** The profile this token's caller gets. */
  profile: name('a profile name'),
});

export const authSchema = z
  .strictObject({
    oauth: oauthSchema.optional(),
    tokens: z.array(staticTokenSchema).default([]),
  })
  .superRefine((auth, ctx) => {
    const seen = new Set<string>();
    auth.tokens.forEach((token, index) => {
      if ((token.tokenEnv === undefined) === (token.tokenFile === undefined)) {
        ctx.addIssue({
          code: 'custom',
          path: ['tokens', index],
          message:
            'give exactly one of tokenEnv or tokenFile (the token itself never goes in the config file)',
        });
      }
      if (seen.has(token.name)) {
        ctx.addIssue({
          code: 'custom',
          path: ['tokens', index, 'name'],
          message: `"${token.name}" is used twice`,
        });
      }
      seen.add(token.name);
    });
    if (!auth.oauth && auth.tokens.length === 0) {
      ctx.addIssue({ code: 'custom', path: [], message: 'set oauth, tokens, or both' });
    }
  });

const matchSchema = z
  .strictObject({
    /** Matches a caller in any of these groups (`oauth.groupsClaim`). */
    groups: z.array(z.string().min(1)).default([]),
    /** Matches a token holding any of these scopes. */
    scopes: z.array(z.string().min(1)).default([]),
    /** Matches these subjects (`sub`) exactly. */
    subjects: z.array(z.string().min(1)).default([]),
  })
  .refine((m) => m.groups.length + m.scopes.length + m.subjects.length > 0, {
    message: 'name at least one group, scope or subject (an empty match would admit every caller)',
  });

export const profileSchema = z
  .strictObject({
    /** Which OAuth callers get this profile; every kind listed must match (any value within a kind). */
    match: matchSchema.optional(),
    mode: z.enum(['read-only', 'read-write']).default('read-only'),
    /** Pack ids this profile may use (default: every loaded pack). */
    packs: z.array(z.string().min(1)).optional(),
    allowTools: z.array(glob).default([]),
    /** Added to `policy.denyTools`, which applies to every profile. */
    denyTools: z.array(glob).default([]),
    /** Requests per minute one caller of this profile may send to the MCP endpoint (default: no limit). */
    requestsPerMinute: z.int().min(1).max(1_000_000).optional(),
    /** Requests a caller may send at once after a quiet period. Default: requestsPerMinute. */
    burst: z.int().min(1).max(1_000_000).optional(),
    /** Open sessions one caller of this profile may hold. Default: server.maxSessionsPerCaller. */
    maxSessionsPerCaller: z.int().min(1).max(100_000).optional(),
    /** The Panther API token this profile uses (default: the host's `panther.token`). */
    pantherTokenEnv: envName.optional(),
    pantherTokenFile: filePath.optional(),
  })
  .refine((p) => p.pantherTokenEnv === undefined || p.pantherTokenFile === undefined, {
    message: 'give at most one of pantherTokenEnv or pantherTokenFile',
  });

export const profilesSchema = z.record(name('a profile name'), profileSchema).default({});

export type AuthConfig = z.output<typeof authSchema>;
export type OAuthConfig = z.output<typeof oauthSchema>;
export type IntrospectionConfig = z.output<typeof introspectionSchema>;
export type StaticTokenConfig = z.output<typeof staticTokenSchema>;
export type ProfileConfig = z.output<typeof profileSchema>;
