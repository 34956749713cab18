import { randomBytes } from 'node:crypto';
import { SANDBOX_TOKEN_NAMES, type SandboxTokenName } from '../types.js';
import { type Permission, SANDBOX_TOKEN_PERMISSIONS } from './permissions.js';

/** A caller's identity, resolved from the X-API-Key header. */
export interface TokenIdentity {
  name: SandboxTokenName;
  /** Stable id of the APIToken object (the value itself is never an id). */
  id: string;
  label: string;
  permissions: ReadonlySet<Permission>;
}

export interface TokenRegistry {
  values: Record<SandboxTokenName, string>;
  identities: readonly TokenIdentity[];
  lookup(value: string | undefined): TokenIdentity | undefined;
}

const LABELS: Record<SandboxTokenName, string> = {
  admin: 'sandbox-admin',
  analyst: 'sandbox-analyst',
  responder: 'sandbox-responder',
  detectionEngineer: 'sandbox-detection-engineer',
  noAccess: 'sandbox-no-access',
};

/** Token ids are fixed so that alerts updated by a token point at the same actor after a restart. */
export function tokenId(name: SandboxTokenName): string {
  return `sbx-token-${name}`;
}

export function createTokenRegistry(given: Partial<Record<SandboxTokenName, string>> = {}): TokenRegistry {
  const values = {} as Record<SandboxTokenName, string>;
  const byValue = new Map<string, TokenIdentity>();
  const identities: TokenIdentity[] = [];
  for (const name of SANDBOX_TOKEN_NAMES) {
    const value = given[name] ?? `sbx_${name}_${randomBytes(18).toString('base64url')}`;
    if (byValue.has(value)) throw new Error(`sandbox token for "${name}" duplicates another token`);
    values[name] = value;
    const identity: TokenIdentity = {
      name,
      id: tokenId(name),
      label: LABELS[name],
      permissions: new Set(SANDBOX_TOKEN_PERMISSIONS[name]),
    };
    identities.push(identity);
    byValue.set(value, identity);
  }
  return {
    values,
    identities,
    lookup: (value) => (value === undefined ? undefined : byValue.get(value)),
  };
}
