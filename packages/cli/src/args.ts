import { parseArgs } from 'node:util';
import type { ConfigOverride, ToolsetRequest } from '@mcp-panther/core';

export const COMMANDS = ['serve', 'tools', 'doctor', 'sandbox', 'create-pack', 'help'] as const;
export type Command = (typeof COMMANDS)[number];

const OPTIONS = {
  config: { type: 'string', short: 'c' },
  transport: { type: 'string', short: 't' },
  host: { type: 'string' },
  port: { type: 'string', short: 'p' },
  'read-write': { type: 'boolean' },
  mode: { type: 'string' },
  'log-level': { type: 'string' },
  'log-file': { type: 'string' },
  'log-format': { type: 'string' },
  json: { type: 'boolean' },
  events: { type: 'string' },
  seed: { type: 'string' },
  'data-dir': { type: 'string' },
  watch: { type: 'boolean', short: 'w' },
  dir: { type: 'string' },
  view: { type: 'boolean' },
  profile: { type: 'string' },
  toolsets: { type: 'string' },
  tools: { type: 'string' },
  'read-only': { type: 'boolean' },
  'allow-unreachable': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
} as const;

export interface ParsedArgs {
  readonly command: Command;
  /** The command's one argument (`create-pack <name>`), when it takes one. */
  readonly argument?: string | undefined;
  readonly values: {
    config?: string | undefined;
    transport?: string | undefined;
    host?: string | undefined;
    port?: string | undefined;
    'read-write'?: boolean | undefined;
    mode?: string | undefined;
    'log-level'?: string | undefined;
    'log-file'?: string | undefined;
    'log-format'?: string | undefined;
    json?: boolean | undefined;
    events?: string | undefined;
    seed?: string | undefined;
    'data-dir'?: string | undefined;
    watch?: boolean | undefined;
    dir?: string | undefined;
    view?: boolean | undefined;
    profile?: string | undefined;
    toolsets?: string | undefined;
    tools?: string | undefined;
    'read-only'?: boolean | undefined;
    'allow-unreachable'?: boolean | undefined;
    help?: boolean | undefined;
    version?: boolean | undefined;
  };
}

export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export function parseCommandLine(argv: readonly string[]): ParsedArgs {
  let parsed: ReturnType<
    typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true; args: string[] }>
  >;
  try {
    parsed = parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const [first, ...rest] = parsed.positionals;
  const command = (first ?? 'serve') as Command;
  if (!COMMANDS.includes(command)) {
    throw new UsageError(
      `Unknown command "${first}"; commands: ${COMMANDS.filter((c) => c !== 'help').join(', ')}`,
    );
  }
  const takes = command === 'create-pack' ? 1 : 0;
  if (rest.length > takes) throw new UsageError(`Unexpected argument "${rest[takes]}"`);
  if (rest.length < takes) throw new UsageError('create-pack needs a name: mcp-panther create-pack <name>');
  return { command, argument: rest[0], values: parsed.values };
}

const asNumber = (value: string): number | string => (/^\d+$/.test(value) ? Number(value) : value);

/** Flags that set config fields, above the environment and the file; errors name the flag. */
export function configOverrides(values: ParsedArgs['values']): ConfigOverride[] {
  const out: ConfigOverride[] = [];
  if (values.transport !== undefined)
    out.push({ path: ['server', 'transport'], value: values.transport, source: '--transport' });
  if (values.host !== undefined) out.push({ path: ['server', 'host'], value: values.host, source: '--host' });
  if (values.port !== undefined)
    out.push({ path: ['server', 'port'], value: asNumber(values.port), source: '--port' });
  if (values.mode !== undefined) out.push({ path: ['policy', 'mode'], value: values.mode, source: '--mode' });
  if (values['read-write'])
    out.push({ path: ['policy', 'mode'], value: 'read-write', source: '--read-write' });
  if (values['log-level'] !== undefined) {
    out.push({ path: ['logging', 'level'], value: values['log-level'].toLowerCase(), source: '--log-level' });
  }
  if (values['log-file'] !== undefined)
    out.push({ path: ['logging', 'file'], value: values['log-file'], source: '--log-file' });
  if (values['allow-unreachable'])
    out.push({ path: ['panther', 'allowUnreachable'], value: true, source: '--allow-unreachable' });
  if (values.watch) out.push({ path: ['reload'], value: true, source: '--watch' });
  if (values['log-format'] !== undefined)
    out.push({ path: ['logging', 'format'], value: values['log-format'], source: '--log-format' });
  return out;
}

function nameList(flag: string, value: string, example: string): string[] {
  const names = value
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name !== '');
  if (names.length === 0)
    throw new UsageError(`${flag} needs a comma-separated list, e.g. ${flag} ${example}`);
  return names;
}

/**
 * `--toolsets`, `--tools` and `--read-only`: what every connection is narrowed to (the packs' tools and the tools
 * named, read tools only). They narrow what the config allows, never widen it; names are checked by the host.
 */
export function toolsetFlags(values: ParsedArgs['values']): ToolsetRequest | undefined {
  const packs =
    values.toolsets === undefined ? undefined : nameList('--toolsets', values.toolsets, 'alerts,datalake');
  const tools =
    values.tools === undefined ? undefined : nameList('--tools', values.tools, 'get_alert,list_alerts');
  const readOnly = values['read-only'] === true;
  if (packs === undefined && tools === undefined && !readOnly) return undefined;
  return { packs, tools, readOnly, source: { packs: '--toolsets', tools: '--tools' } };
}

export function sandboxOptions(values: ParsedArgs['values']): {
  port?: number;
  events?: number;
  seed?: number;
  dataDir?: string;
} {
  const int = (flag: string, value: string | undefined): number | undefined => {
    if (value === undefined) return undefined;
    if (!/^\d+$/.test(value)) throw new UsageError(`${flag} must be a whole number (got "${value}")`);
    return Number(value);
  };
  const port = int('--port', values.port);
  const events = int('--events', values.events);
  const seed = int('--seed', values.seed);
  return {
    ...(port === undefined ? {} : { port }),
    ...(events === undefined ? {} : { events }),
    ...(seed === undefined ? {} : { seed }),
    ...(values['data-dir'] === undefined ? {} : { dataDir: values['data-dir'] }),
  };
}

export const HELP = `mcp-panther: an MCP server for the Panther security platform

Usage: mcp-panther [command] [options]

Commands:
  serve     Serve MCP over stdio or streamable HTTP (the default)
  tools     List every tool: enabled, or hidden and why
  doctor    Check the deployment (Panther URL and token, every profile's token, the identity provider, Redis,
            the listeners), each failure with its fix; exit 1 on failure
  sandbox   Run the embedded Panther sandbox alone and print its URL and token
  create-pack NAME [--view]
            Write a new tool pack (package, one tool, tests, README) into the folder NAME;
            with --view, the tool also links an MCP Apps view built into one HTML file

Options:
  -c, --config PATH      Config file (default: search for mcp-panther.config.* / .mcp-pantherrc* /
                         the "mcp-panther" key of package.json in the working directory)
  -t, --transport T      stdio | streamable-http (alias http)     [env MCP_TRANSPORT]
      --host HOST        HTTP host (default 127.0.0.1)             [env MCP_HOST]
  -p, --port N           HTTP port (default 3000); for "sandbox", the sandbox port  [env MCP_PORT]
      --read-write       Register write tools (same as --mode read-write)
      --toolsets IDS     Serve only these packs' tools (comma-separated pack ids: alerts,datalake,
                         detections,admin,queries); with --tools, their tools and those
      --tools NAMES      Serve only these tools (comma-separated), besides --toolsets' packs
      --read-only        Serve only read tools, whatever the mode
                         (the three only narrow what the config allows; over HTTP a client
                         narrows further with /mcp/x/{ids}, /mcp/readonly, X-MCP-Toolsets,
                         X-MCP-Tools and X-MCP-Readonly)
      --mode M           read-only (default) | read-write          [env MCP_PANTHER_MODE]
      --allow-unreachable
                         Start even when Panther rejects the token, does not answer or
                         is not a Panther API (calls fail, /readyz says unready until it
                         answers)                            [env MCP_PANTHER_ALLOW_UNREACHABLE]
      --log-level L      debug | info | warn | error               [env LOG_LEVEL]
      --log-file PATH    Log to a file instead of stderr           [env MCP_LOG_FILE]
  -w, --watch            serve: apply edits of the config file's packs and policy
                         without a restart (same as "reload": true)
      --log-format F     auto (default: text on a terminal, else JSON lines) | json | plain
                                                                   [env MCP_LOG_FORMAT]
      --json             tools, doctor: print JSON
      --profile NAME     tools: what the callers of this profile (config "profiles") are served;
                         doctor: check that profile only
      --events N         sandbox: number of generated log events
      --seed N           sandbox: data generator seed
      --data-dir DIR     sandbox: where to keep its database
      --dir DIR          create-pack: where to create the pack's folder (default: here)
      --view             create-pack: add an MCP Apps view of the tool's answer (docs/apps.md)
  -h, --help             Show this help
  -v, --version          Show the version

Panther: PANTHER_INSTANCE_URL and PANTHER_API_TOKEN (without a URL the server runs on the embedded sandbox).
HTTP: a bearer token (MCP_HTTP_AUTH_TOKEN or server.authToken) is required beyond 127.0.0.1.
`;
