/** Removes secrets from Panther objects before they reach the model (reference §12.13). */

export const REDACTED = '[redacted]';

/** Fields known to hold credentials in HTTP log sources. */
const SECRET_FIELDS = new Set(['authBearerToken', 'authPassword', 'authSecretValue']);

/**
 * Any other key that looks like a credential. Names of things (authHeaderKey, authUsername) and the
 * auth method are not secrets and stay.
 */
const SECRET_PATTERN = /(secret|password|passwd|token|api_?key|private_?key|credential|signing_?key)/i;

function isSecretKey(key: string): boolean {
  return SECRET_FIELDS.has(key) || SECRET_PATTERN.test(key);
}

function hasValue(value: unknown): boolean {
  return value !== null && value !== undefined && value !== '';
}

/**
 * A deep copy of `value` with every secret-looking field that holds a value replaced by "[redacted]";
 * empty ones are dropped. `found` reports whether any secret was present.
 */
export function redactSecrets(value: unknown): { value: unknown; found: boolean } {
  let found = false;
  const walk = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(walk);
    if (node === null || typeof node !== 'object') return node;
    const out: Record<string, unknown> = {};
    for (const [key, child] of Object.entries(node)) {
      if (isSecretKey(key)) {
        if (hasValue(child)) {
          out[key] = REDACTED;
          found = true;
        }
        continue;
      }
      out[key] = walk(child);
    }
    return out;
  };
  return { value: walk(value), found };
}
