/**
 * `mcp-panther/testing`: what a pack's tests need, from the same one package: a tool on a fake client, the pack in
 * the real host pipeline, the pack conventions, and the sandbox (a local Panther API with generated data). Named
 * exports only.
 */

import type { HostConfig, PackDefinition, PantherClient } from '@mcp-panther/core';
import { createTestHost as createCoreTestHost } from '@mcp-panther/core/testing';

export type {
  FakeCall,
  FakeClient,
  FakeGraphQLCall,
  FakeResponder,
  FakeRestCall,
  OwnerRecords,
  PackConventionOptions,
  RunToolOptions,
  ToolContextOptions,
} from '@mcp-panther/core/testing';
export {
  assertPackConventions,
  createFakeClient,
  createOwnerRecords,
  createToolContext,
  recordsOf,
  runTool,
  toolListEntry,
} from '@mcp-panther/core/testing';
export type { Sandbox, SandboxOptions, SandboxTokenName } from '@mcp-panther/sandbox';
export { startSandbox } from '@mcp-panther/sandbox';

export interface PackTestHostOptions {
  /** The packs to load, as `definePack` returns them, in order. */
  readonly packs: readonly PackDefinition[];
  /** A Panther to talk to (the sandbox: `{ url, token }`) or a client object (`createFakeClient().client`). */
  readonly panther:
    | { readonly url: string; readonly token: string; readonly graphqlUrl?: string }
    | { readonly client: PantherClient };
  /** Policy overrides; the default is the host's: read-only, no globs, the token's permissions filter tools. */
  readonly policy?: Partial<HostConfig['policy']>;
  /** Each pack's config, by pack id. */
  readonly packConfig?: Readonly<Record<string, unknown>>;
  /** Packs (by id) to load but disable. */
  readonly disabledPacks?: readonly string[];
  /** How the test client answers a write's confirmation question (`policy.confirmWrites`); `accept` by default. */
  readonly confirm?: 'accept' | 'decline' | 'cancel' | 'unsupported';
  /** The test client declares MCP Apps (`io.modelcontextprotocol/ui`), so the host serves it the packs' views. */
  readonly views?: boolean;
}

/** A tool's answer as an MCP client receives it. */
export interface ToolResult {
  readonly content: readonly { readonly type: string; readonly text?: string }[];
  readonly structuredContent?: Record<string, unknown>;
  readonly isError?: boolean;
  /** For a client that renders views, a linked tool's result names the tools its view may call. */
  readonly _meta?: Record<string, unknown>;
}

/** A view's `resources/read` answer as the client receives it. */
export interface ViewResource {
  readonly uri: string;
  readonly mimeType: string;
  /** The page: one self-contained HTML file. */
  readonly text: string;
  readonly _meta?: Record<string, unknown>;
}

export interface PackTestHost {
  /** Names of the tools `tools/list` returns, in order. */
  tools(): Promise<string[]>;
  /** Calls a tool through the host's call hooks and returns the MCP result. */
  call(name: string, args?: Record<string, unknown>): Promise<ToolResult>;
  /** The `ui://` view a tool links in `tools/list` (`_meta.ui.resourceUri`), for a client that renders views. */
  viewOf(tool: string): Promise<string | undefined>;
  /** Reads a view as the client does (`resources/read`); it is there only for a client that renders views. */
  readView(uri: string): Promise<ViewResource>;
  /** Log lines the host wrote (JSON lines). */
  readonly logs: readonly string[];
  /** The confirmation questions the host asked, in order (their message text). */
  readonly confirmations: readonly string[];
  close(): Promise<void>;
}

/**
 * The real host pipeline (pack validation, policy, registration, call hooks, error mapping) around the given
 * packs, with an MCP client connected to it in memory.
 */
export async function createTestHost(options: PackTestHostOptions): Promise<PackTestHost> {
  const host = await createCoreTestHost(options);
  return {
    tools: () => host.tools(),
    call: async (name, args) => (await host.call(name, args)) as ToolResult,
    async viewOf(tool) {
      const listed = (await host.client.listTools()).tools.find((t) => t.name === tool);
      const ui = listed?._meta?.['ui'] as { resourceUri?: unknown } | undefined;
      return typeof ui?.resourceUri === 'string' ? ui.resourceUri : undefined;
    },
    async readView(uri) {
      const [content] = (await host.client.readResource({ uri })).contents;
      if (content === undefined || !('text' in content))
        throw new Error(`resources/read of ${uri} returned no text`);
      return content as ViewResource;
    },
    get logs() {
      return host.logs;
    },
    get confirmations() {
      return host.confirmations;
    },
    close: () => host.close(),
  };
}
