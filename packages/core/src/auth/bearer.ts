/** The token of an `Authorization: Bearer <token>` header; undefined when absent or another scheme. */
export function readBearer(header: string | undefined): string | undefined {
  const match = /^Bearer[ \t]+([^\s]+)[ \t]*$/i.exec(header ?? '');
  return match?.[1];
}

/** A `WWW-Authenticate: Bearer` challenge from its parameters (values quoted; quotes and backslashes escaped). */
export function bearerChallenge(params: Readonly<Record<string, string | undefined>>): string {
  const parts = Object.entries(params)
    .filter((entry): entry is [string, string] => entry[1] !== undefined)
    .map(([key, value]) => `${key}="${value.replace(/["\\]/g, '\\$&')}"`);
  return parts.length === 0 ? 'Bearer' : `Bearer ${parts.join(', ')}`;
}
