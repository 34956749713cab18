/**
 * Finds an issuer's JWKS URL from its discovery document: OpenID Connect's `/.well-known/openid-configuration`,
 * then RFC 8414's `/.well-known/oauth-authorization-server`. The document must name the same issuer (RFC 8414
 * §3.3), so a document served for one issuer cannot point tokens at another's keys.
 */

const MAX_DOCUMENT_BYTES = 256 * 1024;
const TIMEOUT_MS = 5_000;

export type Fetch = typeof fetch;

/** The discovery URLs for an issuer, in the order they are tried. */
export function discoveryUrls(issuer: string): string[] {
  const url = new URL(issuer);
  const path = url.pathname.replace(/\/+$/, '');
  return [
    `${url.origin}${path}/.well-known/openid-configuration`,
    `${url.origin}/.well-known/oauth-authorization-server${path}`,
  ];
}

async function readDocument(url: string, fetchImpl: Fetch): Promise<Record<string, unknown>> {
  const response = await fetchImpl(url, {
    headers: { accept: 'application/json' },
    redirect: 'manual',
    signal: AbortSignal.timeout(TIMEOUT_MS),
  });
  if (response.status !== 200) {
    await response.body?.cancel();
    throw new Error(`${url} answered HTTP ${response.status}`);
  }
  const declared = Number(response.headers.get('content-length') ?? 0);
  if (declared > MAX_DOCUMENT_BYTES) {
    await response.body?.cancel();
    throw new Error(`${url} is larger than ${MAX_DOCUMENT_BYTES} bytes`);
  }
  const bytes = await response.arrayBuffer();
  if (bytes.byteLength > MAX_DOCUMENT_BYTES)
    throw new Error(`${url} is larger than ${MAX_DOCUMENT_BYTES} bytes`);
  const doc: unknown = JSON.parse(new TextDecoder().decode(bytes));
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc))
    throw new Error(`${url} is not a JSON object`);
  return doc as Record<string, unknown>;
}

/** The issuer's `jwks_uri`; throws with every URL tried and why each failed. */
export function discoverJwksUri(
  issuer: string,
  isAcceptableUrl: (url: string) => boolean,
  fetchImpl: Fetch = fetch,
): Promise<string> {
  return discoverIssuerUrl(issuer, 'jwks_uri', isAcceptableUrl, fetchImpl);
}

/** A URL the issuer's discovery document names (`jwks_uri`, `introspection_endpoint`); throws saying why not. */
export async function discoverIssuerUrl(
  issuer: string,
  field: string,
  isAcceptableUrl: (url: string) => boolean,
  fetchImpl: Fetch = fetch,
): Promise<string> {
  const failures: string[] = [];
  for (const url of discoveryUrls(issuer)) {
    let doc: Record<string, unknown>;
    try {
      doc = await readDocument(url, fetchImpl);
    } catch (error) {
      failures.push((error as Error).message);
      continue;
    }
    if (doc['issuer'] !== issuer) {
      throw new Error(`${url} names the issuer ${JSON.stringify(doc['issuer'])}, not ${issuer}`);
    }
    const found = doc[field];
    if (typeof found !== 'string' || !isAcceptableUrl(found)) {
      throw new Error(`${url} has no acceptable ${field} (an https URL, or http on loopback)`);
    }
    return found;
  }
  throw new Error(`the issuer's discovery document could not be read: ${failures.join('; ')}`);
}
