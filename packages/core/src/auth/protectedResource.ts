import type { OAuthConfig } from '../config/authSchema.js';

/**
 * OAuth 2.0 Protected Resource Metadata (RFC 9728): the document that tells an MCP client which authorization
 * server issues tokens for this server, and where that document lives. Its URL is built from the resource's
 * public URL (never from the request's Host header, which a client chooses).
 */

const WELL_KNOWN = '/.well-known/oauth-protected-resource';

export interface ProtectedResource {
  /** The absolute URL of the metadata document, for `WWW-Authenticate: Bearer resource_metadata="…"`. */
  readonly metadataUrl: string;
  /** The document itself. */
  readonly document: Readonly<Record<string, unknown>>;
  /** Local paths the document is served at: the path-aware one (RFC 9728 §3.1) and the bare one. */
  readonly paths: readonly string[];
}

const trimSlashes = (path: string): string => path.replace(/\/+$/, '');

export function protectedResource(oauth: OAuthConfig, serverPath: string): ProtectedResource {
  const resource = oauth.resource ?? oauth.audience;
  const url = new URL(resource);
  const resourcePath = trimSlashes(url.pathname);
  const scopes = oauth.scopesSupported ?? oauth.requiredScopes;
  const document = {
    resource,
    authorization_servers: [oauth.issuer],
    bearer_methods_supported: ['header'],
    resource_name: 'mcp-panther',
    ...(scopes.length > 0 ? { scopes_supported: [...scopes] } : {}),
  };
  // Behind a proxy the public path may differ from server.path: both are served, and the bare one.
  const paths = [
    ...new Set([`${WELL_KNOWN}${resourcePath}`, `${WELL_KNOWN}${trimSlashes(serverPath)}`, WELL_KNOWN]),
  ];
  return { metadataUrl: `${url.origin}${WELL_KNOWN}${resourcePath}`, document, paths };
}
