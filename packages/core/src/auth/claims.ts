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

/**
 * A claim as a list of strings: an array's strings; a string is one value, or, for a space-separated claim
 * (`scope`, RFC 8693), the words it holds. A groups claim sent as one string is one group: `"not soc-responders"`
 * is not `soc-responders`, and a group named `SOC Responders` matches exactly that.
 */
export function claimList(
  claims: Readonly<Record<string, unknown>>,
  name: string,
  options: { readonly spaceSeparated?: boolean } = {},
): string[] {
  const value = claimAt(claims, name);
  if (typeof value === 'string') {
    if (options.spaceSeparated) return value.split(' ').filter((s) => s !== '');
    return value === '' ? [] : [value];
  }
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string' && v !== '');
  return [];
}
