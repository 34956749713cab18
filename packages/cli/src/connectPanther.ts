import type { HostParts, PantherConnection, PartContext } from '@mcp-panther/core';
import { McpHostError } from '@mcp-panther/core';
import type { SandboxConfig } from './sandboxSection.js';

/** Imports the sandbox only when it is needed (no Panther URL), keeping it out of the normal start path. */
export async function loadSandbox() {
  const { startSandbox } = await import('@mcp-panther/sandbox');
  return startSandbox;
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
