import type { PermissionRequirement } from '../define/types.js';

/** What the requirement needs that `granted` lacks, in words; undefined when it is satisfied. */
export function missingPermissions(
  requirement: PermissionRequirement,
  granted: ReadonlySet<string>,
): string | undefined {
  if (Array.isArray(requirement)) {
    const missing = (requirement as readonly string[]).filter((p) => !granted.has(p));
    return missing.length === 0 ? undefined : `the API token lacks ${missing.join(', ')}`;
  }
  const anyOf = (requirement as { anyOf: readonly string[] }).anyOf;
  return anyOf.some((p) => granted.has(p)) ? undefined : `the API token has none of ${anyOf.join(', ')}`;
}

/** The permission names a requirement mentions. */
export function permissionNames(requirement: PermissionRequirement): readonly string[] {
  return Array.isArray(requirement) ? requirement : (requirement as { anyOf: readonly string[] }).anyOf;
}
