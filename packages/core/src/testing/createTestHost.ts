import type { PantherClient } from '@mcp-panther/client';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import {
  type CallToolResult,
  type ElicitRequestFormParams,
  ElicitRequestSchema,
  type ElicitResult,
} from '@modelcontextprotocol/sdk/types.js';
import { VIEW_MIME_TYPE } from '../catalog/toolset.js';
import { parseConfig } from '../config/loadConfig.js';
import type { HostConfig, HostConfigInput } from '../config/schema.js';
import type { PackDefinition } from '../define/types.js';
import { createHost, type Host } from '../host/createHost.js';
import { givenPackSource } from '../loading/loadPacks.js';
import { createLogger, memorySink } from '../logging/createLogger.js';
import type { HostParts } from '../parts/types.js';
import { UI_EXTENSION } from '../server/views.js';

export interface TestHostOptions {
  /** The packs to load, as objects (what `definePack` returns), in order. */
  readonly packs: readonly PackDefinition[];
  /** A Panther to talk to (the sandbox or a fake server) or a client object (a fake). */
  readonly panther:
    | { readonly url: string; readonly token: string; readonly graphqlUrl?: string }
    | { readonly client: PantherClient };
  /** Policy overrides; the default is the host's: read-only, no globs, permissions filter on. */
  readonly policy?: Partial<HostConfig['policy']>;
  /** Each pack's config, by pack id. */
  readonly packConfig?: Readonly<Record<string, unknown>>;
  /** Packs (by id) to load but disable. */
  readonly disabledPacks?: readonly string[];
  /** Other config sections (client, logging, output). */
  readonly config?: Omit<HostConfigInput, 'packs' | 'policy' | 'panther'>;
  /** Parts to use instead of the host's defaults (audit sink, call hooks, cache store…). */
  readonly parts?: Partial<HostParts>;
  /**
   * How the test client answers when a write asks the person to confirm it (`policy.confirmWrites`): `accept`
   * (the default), `decline` or `cancel`, a function of the question, or `unsupported` for a client without
   * MCP elicitation. Every question asked is kept in `confirmations`.
   */
  readonly confirm?:
    | 'accept'
    | 'decline'
    | 'cancel'
    | 'unsupported'
    | ((request: ElicitRequestFormParams) => ElicitResult | Promise<ElicitResult>)
    | undefined;
  /** The test client declares MCP Apps (`io.modelcontextprotocol/ui`), so the host serves it views. */
  readonly views?: boolean;
}

export interface TestHost {
  /** The SDK client, connected to the host over an in-memory transport. */
  readonly client: Client;
  readonly host: Host;
  /** Names of the tools `tools/list` returns, in order. */
  tools(): Promise<string[]>;
  /** Calls a tool and returns the raw MCP result. */
  call(name: string, args?: Record<string, unknown>): Promise<CallToolResult>;
  /** Log lines the host wrote (JSON lines). */
  readonly logs: readonly string[];
  /** The confirmation questions the host asked the client, in order (their message text). */
  readonly confirmations: readonly string[];
  close(): Promise<void>;
}

/**
 * Boots the real host pipeline (pack validation, policy filter, registration, error mapping) around the given
 * packs and connects an SDK client to it in memory. For pack tests:
 *
 * ```ts
 * const t = await createTestHost({ packs: [myPack], panther: { client: fakeClient } });
 * expect(await t.tools()).toEqual(['my_tool']);
 * await t.close();
 * ```
 */
export async function createTestHost(options: TestHostOptions): Promise<TestHost> {
  const panther = 'client' in options.panther ? undefined : options.panther;
  const config = parseConfig({
    ...options.config,
    packs: [],
    policy: options.policy ?? {},
    // A test host starts whatever Panther answers: what the tools do then is what the test is about.
    panther: panther
      ? {
          restUrl: panther.url,
          graphqlUrl: panther.graphqlUrl ?? `${panther.url.replace(/\/+$/, '')}/public/graphql`,
          token: panther.token,
          allowUnreachable: true,
        }
      : { allowUnreachable: true },
  });
  const sink = memorySink();
  const logger = createLogger({ level: 'debug', format: 'json', sink });
  const host = await createHost({
    config,
    packs: options.packs.map((pack) =>
      givenPackSource(pack, {
        enabled: !options.disabledPacks?.includes(pack.id),
        config: options.packConfig?.[pack.id],
      }),
    ),
    client: 'client' in options.panther ? options.panther.client : undefined,
    logger,
    parts: options.parts,
  });
  const [clientTransport, serverTransport] = InMemoryTransport.createLinkedPair();
  await host.connect(serverTransport);
  const confirm = options.confirm ?? 'accept';
  const confirmations: string[] = [];
  const client = new Client(
    { name: 'mcp-panther-test', version: '0.0.0' },
    {
      capabilities: {
        ...(confirm === 'unsupported' ? {} : { elicitation: { form: {} } }),
        ...(options.views ? { extensions: { [UI_EXTENSION]: { mimeTypes: [VIEW_MIME_TYPE] } } } : {}),
      },
    },
  );
  if (confirm !== 'unsupported') {
    client.setRequestHandler(ElicitRequestSchema, async (request) => {
      const params = request.params as ElicitRequestFormParams;
      confirmations.push(params.message);
      return typeof confirm === 'function' ? confirm(params) : { action: confirm };
    });
  }
  await client.connect(clientTransport);
  return {
    client,
    host,
    logs: sink.lines,
    confirmations,
    async tools() {
      const { tools } = await client.listTools();
      return tools.map((t) => t.name);
    },
    async call(name, args = {}) {
      return (await client.callTool({ name, arguments: args })) as CallToolResult;
    },
    async close() {
      await client.close();
      await host.close();
    },
  };
}
