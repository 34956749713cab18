import path from 'node:path';
import { type Sandbox, type SandboxOptions, startSandbox } from '@mcp-panther/sandbox';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { type FaultProxy, startFaultProxy } from './faultProxy.js';
import {
  baseEnv,
  connectHttp,
  connectStdio,
  startHttp,
  startPanther,
  tempDir,
  textOf,
  writeConfig,
} from './harness.js';

/**
 * The real server (the built CLI) pointed at the sandbox through a fault proxy, driven by the SDK's client over
 * stdio or HTTP: the set-up shared by the fault-injection, fuzz and regression suites.
 */
export interface ProbeTarget {
  readonly panther: Sandbox;
  readonly proxy: FaultProxy;
  /** The Panther API token the server was given (it must never show up in what the server says). */
  readonly apiKey: string;
  close(): Promise<void>;
}

/** The sandbox (small and seeded, as in the other end-to-end tests) behind a fault proxy. */
export async function startProbeTarget(
  sandbox: { tokens?: SandboxOptions['tokens'] } = {},
): Promise<ProbeTarget> {
  const panther = sandbox.tokens
    ? await startSandbox({ events: 2_000, seed: 7, tokens: sandbox.tokens })
    : await startPanther();
  const proxy = await startFaultProxy(panther.url);
  return {
    panther,
    proxy,
    apiKey: panther.tokens.admin,
    async close() {
      await proxy.close();
      await panther.close();
    },
  };
}

export interface ProbeOptions {
  /** The token the server is given (default: the sandbox's admin token). */
  readonly apiKey?: string;
  /** Overrides the config's `panther` section (default: REST and GraphQL through the proxy). */
  readonly panther?: Record<string, unknown>;
  /** `read-write` registers the write tools. */
  readonly mode?: 'read-only' | 'read-write';
  /** Merged into the config's `policy` section. */
  readonly policy?: Record<string, unknown>;
  readonly transport?: 'stdio' | 'http';
  /** Merged into the config's `client` section (timeouts and retries short, so faults answer quickly). */
  readonly client?: Record<string, unknown>;
  readonly server?: Record<string, unknown>;
  readonly logging?: Record<string, unknown>;
}

export interface ProbeServer {
  readonly client: Client;
  /** Everything the server wrote to stderr (its log). */
  stderr(): string;
  /** The folder of the config file (for audit files and the like). */
  readonly dir: string;
  /** The server process. */
  readonly pid: number;
  /** The MCP endpoint when serving HTTP. */
  readonly url: string | undefined;
  /** Calls a tool with a liveness bound: a hang fails the test instead of holding it. */
  call(name: string, args: Record<string, unknown>): Promise<CallToolResult>;
  close(): Promise<void>;
}

/** How long a tool call may take before the test calls it a hang. */
export const CALL_BOUND_MS = 20_000;

export async function startProbeServer(
  target: ProbeTarget,
  options: ProbeOptions = {},
): Promise<ProbeServer> {
  const tmp = await tempDir();
  const transport = options.transport ?? 'stdio';
  const config = {
    panther: options.panther ?? {
      restUrl: target.proxy.url,
      graphqlUrl: `${target.proxy.url}/public/graphql`,
    },
    // The probe's client cannot answer confirmations; writes go straight to their handlers, which is what the
    // fault, fuzz and regression suites drive (confirmation has its own tests in protocol.e2e.test.ts).
    policy: { mode: options.mode ?? 'read-only', confirmWrites: 'never', ...options.policy },
    client: {
      timeoutMs: 3_000,
      maxRetries: 1,
      requestsPerSecond: 10_000,
      cache: { enabled: false },
      ...options.client,
    },
    server:
      transport === 'http'
        ? { transport: 'streamable-http', host: '127.0.0.1', port: 0, ...options.server }
        : { ...options.server },
    logging: {
      level: 'info',
      format: 'json',
      ...options.logging,
      // The server resolves a relative path against its working directory; keep the file in the test's folder.
      ...(typeof options.logging?.['auditFile'] === 'string'
        ? { auditFile: path.join(tmp.dir, options.logging['auditFile']) }
        : {}),
    },
  };
  const file = await writeConfig(tmp.dir, 'probe.config.json', config);
  const env = baseEnv({ PANTHER_API_TOKEN: options.apiKey ?? target.apiKey });
  let client: Client;
  let stderr: () => string;
  let stop: () => Promise<void>;
  let pid: number;
  let url: string | undefined;
  if (transport === 'http') {
    const server = await startHttp(['--config', file], env);
    client = await connectHttp(server.url);
    stderr = server.stderr;
    pid = server.process.pid ?? 0;
    url = server.url;
    stop = async () => {
      await client.close();
      server.process.kill('SIGTERM');
    };
  } else {
    const connection = await connectStdio(['--config', file], env);
    client = connection.client;
    stderr = connection.stderr;
    pid = connection.pid ?? 0;
    stop = connection.close;
  }
  return {
    client,
    stderr,
    dir: tmp.dir,
    pid,
    url,
    call: (name, args) =>
      client.callTool({ name, arguments: args }, undefined, {
        timeout: CALL_BOUND_MS,
      }) as Promise<CallToolResult>,
    async close() {
      await stop().catch(() => {});
      await tmp.remove();
    },
  };
}

export { textOf };
