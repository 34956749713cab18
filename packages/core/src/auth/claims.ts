/**
 * Reads claims as lists of strings. A claim is looked up by its exact name first (namespaced claims such as
 * `https://example.com/groups` contain dots), then as a dotted path (`realm_access.roles`).
 */
export function claimAt(claims: Readonly<Record<string, unknown>>, name: string): unknown {
  if (Object.hasOwn(claims, name)) return claims[name];
  let node: unknown = claims;
  for (const key of name.split('.')) {
    if (typeof node !== 'object' || node === null || Array.isArray(node) || !Object.hasOwn(node, key)) {
      return undefined;
    }
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

/** A claim as a list: an array's strings, or a string split on spaces (`scope` is space-separated). */
export function claimList(claims: Readonly<Record<string, unknown>>, name: string): string[] {
  const value = claimAt(claims, name);
  if (typeof value === 'string') return value.split(' ').filter((s) => s !== '');
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string');
  return [];
}
