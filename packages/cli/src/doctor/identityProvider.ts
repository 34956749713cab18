import type { OAuthConfig } from '@mcp-panther/core';
import type { Check } from './check.js';

const TIMEOUT_MS = 5_000;

async function getJson(url: string): Promise<{ ok: true; body: unknown } | { ok: false; reason: string }> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(TIMEOUT_MS), redirect: 'follow' });
    if (!response.ok) return { ok: false, reason: `HTTP ${response.status}` };
    return { ok: true, body: await response.json() };
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause;
    return { ok: false, reason: cause?.code ?? (error as Error).message };
  }
}

/**
 * The identity provider that signs the OAuth access tokens: its discovery document answers and names the issuer
 * the config names (tokens carry it as `iss`), and its JWKS answers with keys. Each finding is one check.
 */
export async function checkIdentityProvider(oauth: OAuthConfig): Promise<Check[]> {
  const issuer = oauth.issuer.replace(/\/$/, '');
  const discoveryUrl = `${issuer}/.well-known/openid-configuration`;
  const discovery = await getJson(discoveryUrl);
  const checks: Check[] = [];
  let jwksUri = oauth.jwksUri;
  if (!discovery.ok) {
    checks.push({
      name: 'identity provider',
      ok: false,
      detail: `${discoveryUrl} did not answer (${discovery.reason})`,
      fix: 'check server.auth.oauth.issuer and that the identity provider is up and reachable from this host (proxy, firewall, TLS)',
    });
    if (jwksUri === undefined) return checks;
  } else {
    const said = (discovery.body as { issuer?: unknown; jwks_uri?: unknown }) ?? {};
    if (said.issuer !== oauth.issuer) {
      checks.push({
        name: 'identity provider',
        ok: false,
        detail: `its discovery document names the issuer ${JSON.stringify(said.issuer)}, the config names "${oauth.issuer}"`,
        fix: 'set server.auth.oauth.issuer to exactly the issuer the provider names (tokens carry it as "iss"; a trailing slash counts)',
      });
    } else {
      checks.push({
        name: 'identity provider',
        ok: true,
        detail: `${discoveryUrl} names the issuer ${oauth.issuer}`,
      });
    }
    if (jwksUri === undefined && typeof said.jwks_uri === 'string') jwksUri = said.jwks_uri;
  }
  if (jwksUri === undefined) {
    checks.push({
      name: 'identity provider keys',
      ok: false,
      detail: 'no jwks_uri in the discovery document and none in the config',
      fix: 'set server.auth.oauth.jwksUri to the provider JWKS URL',
    });
    return checks;
  }
  const jwks = await getJson(jwksUri);
  const keys = jwks.ok ? (jwks.body as { keys?: unknown })?.keys : undefined;
  if (!jwks.ok || !Array.isArray(keys) || keys.length === 0) {
    checks.push({
      name: 'identity provider keys',
      ok: false,
      detail: `${jwksUri} ${jwks.ok ? 'holds no keys' : `did not answer (${jwks.reason})`}`,
      fix: 'check server.auth.oauth.jwksUri (or the provider jwks_uri) and that it is reachable from this host',
    });
  } else {
    checks.push({ name: 'identity provider keys', ok: true, detail: `${jwksUri}: ${keys.length} key(s)` });
  }
  return checks;
}
