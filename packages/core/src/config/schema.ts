import { z } from 'zod';
import { TRANSPORT_CHOICES, transportNamed } from '../transport/registry.js';
import { authSchema, profilesSchema } from './authSchema.js';

/** The first-party packs loaded when the config names none. */
export const DEFAULT_PACKS = [
  '@mcp-panther/pack-alerts',
  '@mcp-panther/pack-datalake',
  '@mcp-panther/pack-detections',
  '@mcp-panther/pack-admin',
] as const;

export const LOG_LEVELS = ['debug', 'info', 'warn', 'error'] as const;

/** Which write calls wait for the person to confirm them (through MCP elicitation) before they are sent. */
export const CONFIRM_WRITES = ['never', 'destructive', 'always'] as const;
export type ConfirmWrites = (typeof CONFIRM_WRITES)[number];

/** `policy.untrusted` when the config does not say: every protection on but lockdown. */
export const UNTRUSTED_DEFAULTS = {
  escapeHidden: true,
  flag: true,
  confirmWritesAfterFlag: true,
  lockdown: false,
} as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** What a stateless HTTP request whose client said nothing of MCP Apps is served (`views.stateless`). */
export const STATELESS_VIEWS = ['omit', 'include'] as const;

/** `policy.ownership` when the config does not say: a caller's own queries only, an unrecorded id refused. */
export const OWNERSHIP_DEFAULTS = { sharedWith: 'caller', unrecorded: 'refuse' } as const;

/** About 100 KB each: 256 sessions stay near 25 MB. */
const DEFAULT_MAX_SESSIONS = 256;
const DEFAULT_SESSION_IDLE_MS = 30 * 60_000;
/** A working day and then some: a session is opened again (with the caller's grant as it is then) at least daily. */
const DEFAULT_SESSION_MAX_AGE_MS = 12 * 60 * 60_000;
const DEFAULT_MAX_SESSIONS_PER_CALLER = 32;
const DEFAULT_MAX_BATCH_SIZE = 20;

const url = z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' });
const glob = z.string().min(1);

const packOptions = z.strictObject({
  /** A disabled pack is loaded (so `mcp-panther tools` can list it) but none of its tools are registered. */
  enabled: z.boolean().default(true),
  /** An optional pack that fails to load is logged and skipped instead of stopping start-up. */
  optional: z.boolean().default(false),
  /** The pack's own options, validated by its `configSchema`. */
  config: z.unknown().optional(),
});

/** A pack: npm package name or path, alone or with options (`['name', { enabled: false }]`). */
const packEntry = z.union([z.string().min(1), z.tuple([z.string().min(1), packOptions])]);

export const configSchema = z.strictObject({
  panther: z
    .strictObject({
      /** Panther web-app URL (or REST base, or `.../public/graphql`). Unset: the host asks its `connect` part (the CLI starts a sandbox). */
      instanceUrl: url.optional(),
      /** Overrides the REST base (skips discovery). */
      restUrl: url.optional(),
      /** Overrides the GraphQL endpoint. */
      graphqlUrl: url.optional(),
      /** The API token. Prefer the PANTHER_API_TOKEN environment variable. */
      token: z.string().min(1).optional(),
      /**
       * Start even when Panther rejects the token, does not answer or is not a Panther API (an air-gapped
       * rehearsal): the reason is logged, calls fail, and `/readyz` says unready until Panther answers.
       */
      allowUnreachable: z.boolean().default(false),
    })
    .default({ allowUnreachable: false }),
  packs: z.array(packEntry).default([...DEFAULT_PACKS]),
  policy: z
    .strictObject({
      /** `read-only` (the default) registers no write tool, whatever `allowTools` says. */
      mode: z.enum(['read-only', 'read-write']).default('read-only'),
      /** When non-empty, only tools matching one of these globs are registered. */
      allowTools: z.array(glob).default([]),
      /** Tools matching one of these globs are never registered. */
      denyTools: z.array(glob).default([]),
      /** Hide tools the API token lacks permissions for (asks `GET /api-tokens/self` at start-up). */
      hideUnpermittedTools: z.boolean().default(true),
      /**
       * Write calls the person must confirm before they are sent: `destructive` ones (the default), `always`
       * (every write) or `never`. A client that cannot ask (no MCP elicitation) gets those writes refused.
       */
      confirmWrites: z.enum(CONFIRM_WRITES).default('destructive'),
      /**
       * Time limits of tool calls in milliseconds, by tool name or glob; `*` for every other tool. A call that runs
       * longer is stopped (its Panther requests cancelled) and ends with TOOL_TIMEOUT. Unset: no limit but the
       * client's per-request `client.timeoutMs`.
       */
      toolTimeouts: z.record(glob, z.int().min(1).max(3_600_000)).default({}),
      /** Data from Panther is written by others, possibly attackers (docs/security.md, "Prompt injection"). */
      untrusted: z
        .strictObject({
          /** Invisible and reordering characters in results become visible `[U+XXXX]` escapes. */
          escapeHidden: z.boolean().default(true),
          /** Values that read like instructions to a model are flagged: named in the result, with a note. */
          flag: z.boolean().default(true),
          /** After a session was shown a flagged value, every write it makes must be confirmed by the person. */
          confirmWritesAfterFlag: z.boolean().default(true),
          /** After a session was shown a flagged value, every write it makes is refused. */
          lockdown: z.boolean().default(false),
        })
        .default(UNTRUSTED_DEFAULTS),
      /**
       * Who may read what a caller started (a data lake query's results, by query id or cursor) when `server.auth`
       * tells callers apart (docs/security.md, "Query ownership"). Over stdio and HTTP without `server.auth` there
       * is one caller, and this does not apply.
       */
      ownership: z
        .strictObject({
          /** `caller`: only the caller that started it; `profile`: any caller of the same profile too. */
          sharedWith: z.enum(['caller', 'profile']).default('caller'),
          /**
           * An id with no owner record (started outside this server, or before a restart without a shared store):
           * `refuse` (the default), or `serve` it to any caller Panther lets read it.
           */
          unrecorded: z.enum(['refuse', 'serve']).default('refuse'),
        })
        .default(OWNERSHIP_DEFAULTS),
    })
    .default({
      mode: 'read-only',
      allowTools: [],
      denyTools: [],
      hideUnpermittedTools: true,
      confirmWrites: 'destructive',
      toolTimeouts: {},
      untrusted: UNTRUSTED_DEFAULTS,
      ownership: OWNERSHIP_DEFAULTS,
    }),
  client: z
    .strictObject({
      timeoutMs: z.int().min(100).max(600_000).default(30_000),
      concurrency: z.int().min(1).max(256).default(8),
      requestsPerSecond: z.number().positive().max(10_000).default(20),
      /** Calls that may start at once after an idle period. Default: requestsPerSecond. */
      burst: z.int().min(1).max(10_000).optional(),
      maxRetries: z.int().min(0).max(10).default(2),
      cache: z
        .strictObject({
          enabled: z.boolean().default(true),
          maxEntries: z.int().min(1).max(1_000_000).default(1000),
          /** Overrides every per-kind TTL when set. */
          ttlMs: z.int().min(0).optional(),
        })
        .default({ enabled: true, maxEntries: 1000 }),
    })
    .default({
      timeoutMs: 30_000,
      concurrency: 8,
      requestsPerSecond: 20,
      maxRetries: 2,
      cache: { enabled: true, maxEntries: 1000 },
    }),
  server: z
    .strictObject({
      /** The transport by name, looked up in the host's transport registry. */
      transport: z.enum(TRANSPORT_CHOICES).default('stdio').transform(transportNamed),
      host: z.string().min(1).default('127.0.0.1'),
      port: z.int().min(0).max(65_535).default(3000),
      path: z
        .string()
        .regex(/^\/[A-Za-z0-9._~/-]*$/, 'must start with "/" and contain only URL path characters')
        .default('/mcp'),
      /** Bearer token clients must send. Required when `host` is not loopback. Prefer MCP_HTTP_AUTH_TOKEN. */
      authToken: z.string().min(16, 'must be at least 16 characters').optional(),
      /** Browser origins allowed besides loopback ones (`https://app.example.com`). */
      allowedOrigins: z.array(z.string().min(1)).default([]),
      /** Host header values allowed besides loopback names (`mcp.example.com`, `mcp.example.com:8443`). */
      allowedHosts: z.array(z.string().min(1)).default([]),
      /** No sessions: each request gets a fresh server (for replicas behind a load balancer). */
      stateless: z.boolean().default(false),
      /** Open MCP sessions at most; a new session over the cap gets 503 with Retry-After. */
      maxSessions: z.int().min(1).max(100_000).default(DEFAULT_MAX_SESSIONS),
      /** A session without a request for this long is closed and its memory released (its id then gets 404). */
      sessionIdleMs: z.int().min(1_000).max(86_400_000).default(DEFAULT_SESSION_IDLE_MS),
      /** A session is closed this long after it opened, however busy (its id then gets 404). */
      sessionMaxAgeMs: z
        .int()
        .min(1_000)
        .max(7 * 86_400_000)
        .default(DEFAULT_SESSION_MAX_AGE_MS),
      /** Open sessions one identified caller (`server.auth`) may hold; over it, 429 with Retry-After. */
      maxSessionsPerCaller: z.int().min(1).max(100_000).default(DEFAULT_MAX_SESSIONS_PER_CALLER),
      /** Messages one JSON-RPC batch may hold (clients on protocols before 2025-06-18); each counts as a call. */
      maxBatchSize: z.int().min(1).max(100).default(DEFAULT_MAX_BATCH_SIZE),
      /** Who HTTP callers are (OAuth access tokens, named static tokens) and which profile each gets. */
      auth: authSchema.optional(),
    })
    .default({
      transport: 'stdio',
      host: '127.0.0.1',
      port: 3000,
      path: '/mcp',
      allowedOrigins: [],
      allowedHosts: [],
      stateless: false,
      maxSessions: DEFAULT_MAX_SESSIONS,
      sessionIdleMs: DEFAULT_SESSION_IDLE_MS,
      sessionMaxAgeMs: DEFAULT_SESSION_MAX_AGE_MS,
      maxSessionsPerCaller: DEFAULT_MAX_SESSIONS_PER_CALLER,
      maxBatchSize: DEFAULT_MAX_BATCH_SIZE,
    }),
  /** Named policies for HTTP callers, each with the Panther token it uses (see docs/configuration.md). */
  profiles: profilesSchema,
  output: z
    .strictObject({
      /** Most characters of JSON in one tool result; a longer result is cut at record boundaries, with a note. */
      maxResultChars: z
        .int()
        .min(1_000)
        .max(64 * 1024 * 1024)
        .default(1024 * 1024),
      /**
       * Most tokens of one tool result as the model reads it (estimated as characters / 4); a longer result is cut
       * at record boundaries, with a note on how to get the rest. Whichever of the two limits is lower applies.
       */
      maxTokens: z
        .int()
        .min(500)
        .max(16 * 1024 * 1024)
        .default(6_000),
    })
    .default({ maxResultChars: 1024 * 1024, maxTokens: 6_000 }),
  logging: z
    .strictObject({
      level: z.enum(LOG_LEVELS).default('info'),
      /** Log to this file instead of stderr. */
      file: z.string().min(1).optional(),
      /** `auto`: readable text on a terminal, JSON lines otherwise. */
      format: z.enum(['json', 'plain', 'auto']).default('auto'),
      /** JSON-lines audit record of every write call. Default: the log, at info. */
      auditFile: z.string().min(1).optional(),
    })
    .default({ level: 'info', format: 'auto' }),
  /** MCP Apps views (docs/apps.md): served to clients that declare the `io.modelcontextprotocol/ui` extension. */
  views: z
    .strictObject({
      /** Off: no client gets a view, a `_meta.ui` link or an app-only tool, whatever it declares. */
      enabled: z.boolean().default(true),
      /**
       * A stateless HTTP request whose client's capabilities are unknown (it states none in the request's
       * `_meta`): `omit` answers it exactly as a server without views; `include` serves it the views too.
       */
      stateless: z.enum(STATELESS_VIEWS).default('omit'),
    })
    .default({ enabled: true, stateless: 'omit' }),
  /** Watch the config file and apply edits to `packs` and `policy` without a restart (`--watch`). */
  reload: z.boolean().default(false),
});

/** What a config file may contain (defaults not applied). */
export type HostConfigInput = z.input<typeof configSchema>;
/** The validated config with every default applied. */
export type HostConfig = z.output<typeof configSchema>;
export type PackEntry = HostConfig['packs'][number];
export type OwnershipSettings = HostConfig['policy']['ownership'];

/** Types a config file (`mcp-panther.config.ts`): returns its argument unchanged. */
export function defineConfig(config: HostConfigInput): HostConfigInput {
  return config;
}
