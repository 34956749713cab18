import type { HostParts, PantherConnection, PartContext } from '@mcp-panther/core';
import { McpHostError } from '@mcp-panther/core';
import type { SandboxConfig } from './sandboxSection.js';

const NO_SANDBOX =
  'No Panther instance is configured (PANTHER_INSTANCE_URL), and this installation of mcp-panther has no embedded ' +
  'sandbox (its database, DuckDB, is not installed, as in the Claude Desktop extension): set the Panther instance ' +
  'URL and API token (in Claude Desktop: Settings > Extensions > Panther > Configure), or install mcp-panther with ' +
  'npm to try the sandbox';

/** Whether an import failed because DuckDB's package is absent (an installation made without it). */
const isDuckDbMissing = (error: unknown): boolean =>
  error instanceof Error &&
  (error as { code?: unknown }).code === 'ERR_MODULE_NOT_FOUND' &&
  error.message.includes('@duckdb/');

/**
 * Imports the sandbox only when it is needed (no Panther URL), keeping it out of the normal start path. Where
 * DuckDB is not installed there is no sandbox: the error says what to configure instead.
 */
export async function loadSandbox(importSandbox = () => import('@mcp-panther/sandbox')) {
  try {
    const { startSandbox } = await importSandbox();
    return startSandbox;
  } catch (error) {
    if (isDuckDbMissing(error)) throw new McpHostError('CONFIG_INVALID', NO_SANDBOX, { cause: error });
    throw error;
  }
}

const SANDBOX_INSTRUCTIONS =
  'This server runs on the embedded Panther sandbox: generated demo data, not a real Panther instance. Say so when you report findings.';

type StartSandbox = Awaited<ReturnType<typeof loadSandbox>>;

/** Starts the sandbox and connects to it with the configured role's token. */
export async function connectSandbox(
  ctx: PartContext,
  sandbox: SandboxConfig,
  load: () => Promise<StartSandbox> = loadSandbox,
): Promise<PantherConnection> {
  const startSandbox = await load();
  const running = await startSandbox({
    port: sandbox.port,
    ...(sandbox.events === undefined ? {} : { events: sandbox.events }),
    ...(sandbox.seed === undefined ? {} : { seed: sandbox.seed }),
    ...(sandbox.dataDir === undefined ? {} : { dataDir: sandbox.dataDir }),
    ...(sandbox.adversarial === undefined ? {} : { adversarial: sandbox.adversarial }),
    logger: ctx.logger.child({ component: 'sandbox' }),
  });
  const token = running.tokens[sandbox.role];
  if (!token) {
    await running.close();
    throw new McpHostError('CONFIG_INVALID', `The sandbox has no "${sandbox.role}" token`);
  }
  ctx.logger.info('no PANTHER_INSTANCE_URL: running on the embedded Panther sandbox (generated demo data)', {
    sandbox: running.url,
    role: sandbox.role,
  });
  return {
    target: {
      rest: running.url,
      graphql: running.graphqlUrl,
      facts: { sandbox: true },
      instructions: SANDBOX_INSTRUCTIONS,
      label: 'sandbox',
    },
    token,
    secrets: Object.values(running.tokens),
    close: () => running.close(),
  };
}

/**
 * The CLI's `connect` part: the configured Panther when a URL is set (the host's default), otherwise the embedded
 * sandbox. Core never decides this: it only talks to what this returns.
 */
export function connectPantherOrSandbox(
  sandbox: SandboxConfig,
  fromConfig: HostParts['connect'],
): HostParts['connect'] {
  return async (ctx) => {
    const { panther } = ctx.config;
    if (panther.instanceUrl || panther.restUrl) {
      const found = await fromConfig(ctx);
      return { ...found, target: { ...found.target, facts: { sandbox: false } } };
    }
    return connectSandbox(ctx, sandbox);
  };
}
