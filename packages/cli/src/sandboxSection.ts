import { type ConfigSection, expandHome } from '@mcp-panther/core';
import { SANDBOX_TOKEN_NAMES, type SandboxTokenName } from '@mcp-panther/sandbox/names';
import { z } from 'zod';

const schema = z
  .strictObject({
    port: z.int().min(0).max(65_535).default(0),
    events: z.int().min(0).optional(),
    seed: z.int().optional(),
    dataDir: z.string().min(1).optional(),
    /** Seed the adversarial corpus (prompt-injection payloads) beside the normal data; default true. */
    adversarial: z.boolean().optional(),
    /** Which sandbox token the server uses. */
    role: z.enum(SANDBOX_TOKEN_NAMES as [SandboxTokenName, ...SandboxTokenName[]]).default('admin'),
  })
  .default({ port: 0, role: 'admin' });

export type SandboxConfig = z.output<typeof schema>;

/** The `sandbox` section of the config file: how the CLI starts the sandbox when no Panther URL is set. */
export const SANDBOX_SECTION: ConfigSection = {
  key: 'sandbox',
  schema,
  env: [
    { name: 'MCP_PANTHER_SANDBOX_EVENTS', path: ['sandbox', 'events'], kind: 'number' },
    { name: 'MCP_PANTHER_SANDBOX_SEED', path: ['sandbox', 'seed'], kind: 'number' },
    { name: 'MCP_PANTHER_SANDBOX_ROLE', path: ['sandbox', 'role'], kind: 'string' },
  ],
};

/** The validated section of a loaded config (its defaults when absent), with `~` expanded in `dataDir`. */
export function sandboxConfig(sections: Readonly<Record<string, unknown>>): SandboxConfig {
  const config = (sections['sandbox'] as SandboxConfig | undefined) ?? schema.parse(undefined);
  const dataDir = expandHome(config.dataDir);
  return { ...config, ...(dataDir ? { dataDir } : {}) };
}
