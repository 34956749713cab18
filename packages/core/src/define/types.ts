import type { PantherClient, PantherPermission } from '@mcp-panther/client';
import type {
  CreateMessageRequestParams,
  CreateMessageResult,
  ElicitRequestFormParams,
  ElicitResult,
} from '@modelcontextprotocol/sdk/types.js';
import type { z } from 'zod';
import type { ContentBlock, ContentOutput, ContentResult } from './content.js';

/** The policy axis of a tool: `read` tools never change Panther; `write` tools need a read-write policy. */
export type Access = 'read' | 'write';

/** Permissions a tool needs: every one of a list, or at least one of `anyOf`. Raw Panther names (`AlertRead`). */
export type PermissionRequirement =
  | readonly PantherPermission[]
  | { readonly anyOf: readonly PantherPermission[] };

export type PolicyMode = 'read-only' | 'read-write';

export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
  child(bindings: Record<string, unknown>): Logger;
}

/** What the host hands a tool handler. Small and required on purpose: packs never see the DI container. */
export interface ToolContext<Config = unknown> {
  /** The shared, rate-limited, cached Panther client. Pass `signal` to its calls. */
  readonly client: PantherClient;
  /** A logger bound to the pack and tool. Never log tokens or secrets. */
  readonly logger: Logger;
  /** The pack's config, validated by its `configSchema`. */
  readonly config: Config;
  /** Aborted when the MCP request is cancelled or the client disconnects. */
  readonly signal: AbortSignal;
  /** Sends an MCP progress notification when the client asked for progress; otherwise does nothing. */
  progress(progress: number, total?: number, message?: string): Promise<void>;
  /**
   * Asks the person a question through their client (MCP elicitation, form mode): a message and the flat object
   * schema of the answer (strings, numbers, booleans, enums; defaults allowed). Resolves with `accept` and the
   * `content`, or `decline` / `cancel`. Throws `TOOL_FAILED` when the client cannot be asked; `canElicit` says.
   */
  elicit(request: ElicitationRequest): Promise<ElicitResult>;
  /** Whether the client that made the call can be asked (it declared form elicitation). */
  readonly canElicit: boolean;
  /**
   * Asks the client's model for a message (MCP sampling): `messages`, `maxTokens`, optionally a `systemPrompt`
   * and model preferences. Throws `TOOL_FAILED` when the client does not offer sampling; `canSample` says.
   */
  sample(request: CreateMessageRequestParams): Promise<CreateMessageResult>;
  /** Whether the client that made the call offers sampling. */
  readonly canSample: boolean;
  /**
   * Tells clients subscribed to a resource (`resources/subscribe`) that it changed: each is sent
   * `notifications/resources/updated` for the URI. Does nothing for a URI nobody in this session subscribed to.
   */
  resourceUpdated(uri: string): Promise<void>;
  /** The active policy (read-only view). */
  readonly policy: { readonly mode: PolicyMode };
  /** Who is calling: the identity the audit records; over stdio and HTTP without `server.auth`, the one local caller. */
  readonly caller: ToolCaller;
  /**
   * Which caller started what this tool hands out by id and takes back later (a data lake query): record it when
   * it starts, check it before using an id a caller passes in. Bound to `caller`.
   */
  readonly ownership: Ownership;
}

/** The caller of a tool call, as the audit names it. */
export interface ToolCaller {
  /**
   * Stable and unique with `credential`: an access token's `sub`, `token:<name>` for a static token, `local` for
   * the one caller of a stdio server (or HTTP without `server.auth`).
   */
  readonly id: string;
  /** A display name (not unique: two people may share an email). */
  readonly name: string;
  readonly credential: 'oauth' | 'token' | 'local';
  /** The profile whose policy applies (`server.auth`), if any. */
  readonly profile?: string | undefined;
}

/**
 * The host's owner records, bound to the calling caller. On a server that tells callers apart, an id another
 * caller started (or one nobody recorded, unless `policy.ownership` says otherwise) may not be used; with one
 * caller every id may. Records are shared between replicas through the shared store when there is one.
 */
export interface Ownership {
  /** Records the caller as the owner of `kind`/`id` for `ttlMs` (as long as the thing stays usable). */
  claim(kind: string, id: string, options: { readonly ttlMs: number }): Promise<void>;
  /** Whether the caller may use `kind`/`id` (tell the caller no the same way whether the id exists or not). */
  mayUse(kind: string, id: string): Promise<boolean>;
}

/** What `context.elicit` asks: a message and the schema of the answer (MCP form elicitation). */
export type ElicitationRequest = Omit<ElicitRequestFormParams, 'mode'>;

// `z.ZodObject` with its default parameters is the widest object schema; handlers get its parsed output.
export type InputSchema = z.ZodObject;
export type OutputSchema = z.ZodObject;
/** What a tool returns: a JSON object its schema describes, or MCP content blocks (`contentOutput`). */
export type ToolOutput = OutputSchema | ContentOutput;

/**
 * What a handler returns: content blocks for `output: contentOutput`, the structured result `output` describes,
 * or any JSON object when there is no `output`.
 */
export type ToolResultOf<O extends ToolOutput | undefined> = O extends ContentOutput
  ? ContentResult
  : O extends OutputSchema
    ? z.input<O>
    : Record<string, unknown>;

/**
 * The parameters that continue or narrow a tool's result. When the host cuts a result to the output budget, its
 * note names them; with `cursor`, a cut page gets a `next_cursor` that resumes after the last item shown.
 */
export interface Continuation<Param extends string = string> {
  /** Takes the `next_cursor` of an earlier call. */
  readonly cursor?: Param;
  /** Sets how many items a page has. */
  readonly pageSize?: Param;
  /** Picks the fields (or columns) of each item. */
  readonly fields?: Param;
  /** Narrow which items are returned. */
  readonly filters?: readonly Param[];
  /**
   * Result keys passed back as parameters of the same name when a cut page is resumed, so that the same results
   * are read again instead of computed again (query_data_lake's `query_id`).
   */
  readonly resumeWith?: readonly Param[];
}

interface ToolFields<I extends InputSchema, O extends ToolOutput | undefined, Config> {
  /** snake_case verb_noun, unique across all loaded packs. */
  readonly name: string;
  /** Short human title (shown by clients). */
  readonly title: string;
  /** What a model needs to choose and call the tool; no more (it costs tokens on every turn). */
  readonly description: string;
  readonly permissions: PermissionRequirement;
  readonly input: I;
  /**
   * Describes the structured result, advertised as the tool's `outputSchema`. Optional: every schema costs
   * tool-list characters, so give one where a client gains from it; keep it to the top-level keys.
   * `contentOutput` instead: the tool returns MCP content blocks (text, images, audio, embedded resources).
   */
  readonly output?: O;
  /**
   * How a model gets the rest of a result cut to the output budget, or asks for less (optional; not for a tool
   * that returns content blocks).
   */
  readonly continuation?: Continuation<Extract<keyof z.input<I>, string>>;
  /**
   * An MCP Apps view (`defineView`) that clients supporting the extension render for this tool's results; other
   * clients never see it. Optional.
   */
  readonly view?: ViewDefinition;
  /**
   * Who sees the tool when it has a view: `['model', 'app']` (the default), or `['app']` for a helper only its
   * view calls (hidden from the model, and from clients without MCP Apps; policy and the audit still apply).
   */
  readonly visibility?: readonly ToolVisibility[];
  /**
   * Returns the structured result, which the host sends as `structuredContent` and as compact JSON text; or, with
   * `output: contentOutput`, `{ content: [...] }`, which the host sends as the result's content blocks.
   */
  handler(input: z.output<I>, context: ToolContext<Config>): Promise<ToolResultOf<O>>;
}

export interface ReadToolFields<I extends InputSchema, O extends ToolOutput | undefined, Config>
  extends ToolFields<I, O, Config> {
  readonly access: 'read';
}

export interface WriteToolFields<I extends InputSchema, O extends ToolOutput | undefined, Config>
  extends ToolFields<I, O, Config> {
  readonly access: 'write';
  /** True when the write may destroy or hide information (closing alerts, disabling a detection). */
  readonly destructive: boolean;
  /** True when repeating the call with the same input has no further effect. */
  readonly idempotent: boolean;
  /**
   * What the call will change, in one plain sentence for the person asked to confirm it ("Resolve 12 alerts:
   * …", "Disable rule AWS.CloudTrail.Stopped"). Gets the parsed input. Without it the host lists the arguments.
   */
  describeChange?(input: z.output<I>): string;
}

export type ToolFieldsOf<I extends InputSchema, O extends ToolOutput | undefined, Config> =
  | ReadToolFields<I, O, Config>
  | WriteToolFields<I, O, Config>;

/** MCP tool annotations, always derived from `access`/`destructive`/`idempotent` so they cannot disagree. */
export interface DerivedAnnotations {
  readonly title: string;
  readonly readOnlyHint: boolean;
  readonly destructiveHint: boolean;
  readonly idempotentHint: boolean;
  readonly openWorldHint: boolean;
}

/** MCP Apps tool visibility: `model` (the model may call it), `app` (its view may call it). */
export type ToolVisibility = 'model' | 'app';

/** Origins a view may reach (MCP Apps CSP metadata); mcp-panther's own views declare none. */
export interface ViewCsp {
  /** Origins for fetch and WebSocket (`connect-src`). */
  readonly connectDomains?: readonly string[];
  /** Origins for scripts, styles, images, fonts and media. */
  readonly resourceDomains?: readonly string[];
}

export interface ViewFields {
  /** `ui://<pack or product>/<name>`, unique across packs: the resource tools link with `_meta.ui.resourceUri`. */
  readonly uri: string;
  /** Short human title (the resource's title). */
  readonly title: string;
  readonly description?: string;
  /** The view's self-contained HTML (MCP Apps profile). Called on the first read; the host keeps the text. */
  html(): Promise<string> | string;
  /**
   * Tools the view calls through the host (besides re-rendering its own tool). Each caller's results name those
   * it may call (`_meta["mcp-panther/callable"]`), so a read-only caller's view offers no write actions.
   */
  readonly calls?: readonly string[];
  readonly csp?: ViewCsp;
  /** Asks the client for a border and background around the view (MCP Apps `prefersBorder`). */
  readonly prefersBorder?: boolean;
}

export type ViewDefinition = ViewFields & { readonly $$type: typeof VIEW_BRAND };

export const TOOL_BRAND = '@mcp-panther/core/Tool' as const;
export const VIEW_BRAND = '@mcp-panther/core/View' as const;
export const PACK_BRAND = '@mcp-panther/core/ToolPack' as const;
export const PROMPT_BRAND = '@mcp-panther/core/Prompt' as const;
export const RESOURCE_TEMPLATE_BRAND = '@mcp-panther/core/ResourceTemplate' as const;
/** Bumped when the shape of packs or tools changes incompatibly. */
export const PACK_API_VERSION = 1 as const;

export type ToolDefinition<
  I extends InputSchema = InputSchema,
  O extends ToolOutput | undefined = ToolOutput | undefined,
  Config = never,
> = ToolFieldsOf<I, O, Config> & {
  readonly $$type: typeof TOOL_BRAND;
  readonly annotations: DerivedAnnotations;
};

/** Any tool, whatever its schemas and config type (what packs and the host store). */
// biome-ignore lint/suspicious/noExplicitAny: the handler's parameter types vary per tool; the host validates input first.
export type AnyTool = ToolDefinition<any, any, any>;

export interface PromptArgument {
  readonly description: string;
  readonly required?: boolean;
}

export interface PromptContext {
  readonly client: PantherClient;
  readonly signal: AbortSignal;
}

export interface PromptFields {
  /** kebab-case (or snake_case), unique across packs (as in the reference server: `prioritize-open-alerts`). */
  readonly name: string;
  readonly title: string;
  readonly description: string;
  /** String arguments (MCP prompts only carry strings). */
  readonly args: Readonly<Record<string, PromptArgument>>;
  /**
   * Completion for argument values: returns candidates for a partial value. May call Panther through
   * `context.client` (for alert ids); should return quickly.
   */
  readonly complete?: Readonly<
    Record<string, (value: string, context: PromptContext) => Promise<readonly string[]> | readonly string[]>
  >;
  /** Permissions the prompt's workflow needs; the prompt is hidden when the token lacks them. */
  readonly permissions?: PermissionRequirement;
  /**
   * The tools its text tells the model to call (of any pack). The prompt, and its completions, are offered only to
   * a caller whose toolset has every one of them; a completion should read only what these tools read. Without it,
   * the prompt is offered to a caller with any tool of its pack.
   */
  readonly tools?: readonly string[];
  /**
   * Builds the user message from the arguments: its text, or content blocks (`textContent`, `imageContent`,
   * `resourceContent`…), each sent as one user message.
   */
  render(args: Readonly<Record<string, string>>): string | readonly ContentBlock[];
}

export type PromptDefinition = PromptFields & { readonly $$type: typeof PROMPT_BRAND };

/** What a resource template's completion sees: the client, and the URI variables the client has filled in. */
export interface ResourceCompletionContext extends PromptContext {
  readonly arguments: Readonly<Record<string, string>>;
}

export interface ResourceTemplateFields {
  /** kebab-case, unique across packs (`alert`). */
  readonly name: string;
  readonly title: string;
  readonly description: string;
  /** A URI with `{variable}` parts, each standing for one path segment: `panther://alerts/{id}`. */
  readonly uriTemplate: string;
  /**
   * The MIME type of what a read returns, as `resources/templates/list` shows it. Default: `application/json` for
   * a tool that returns JSON; none for a tool that returns content blocks (each says its own).
   */
  readonly mimeType?: string;
  /**
   * The read tool of the same pack that reads the resource. The template is offered exactly where that tool is
   * (same policy, same permissions), and a read runs through the same call hooks as a call of the tool.
   */
  readonly tool: string;
  /** The tool's arguments for the URI's variables (already URI-decoded and checked against `values`). */
  toolArguments(variables: Readonly<Record<string, string>>): Record<string, unknown>;
  /** The values a variable may take, when it has a fixed set: checked before reading, and offered as completions. */
  readonly values?: Readonly<Record<string, readonly string[]>>;
  /** Completion for variable values: candidates for a partial value (may call Panther; should return quickly). */
  readonly complete?: Readonly<
    Record<
      string,
      (value: string, context: ResourceCompletionContext) => Promise<readonly string[]> | readonly string[]
    >
  >;
}

export type ResourceTemplateDefinition = ResourceTemplateFields & {
  readonly $$type: typeof RESOURCE_TEMPLATE_BRAND;
};

export interface PackFields<ConfigSchema extends z.ZodType | undefined = undefined> {
  /** kebab-case, unique across loaded packs. */
  readonly id: string;
  readonly title: string;
  readonly description?: string;
  /** The pack's own version (informational). */
  readonly version?: string;
  /** semver range of @mcp-panther/core this pack works with, checked at load time. */
  readonly coreRange: string;
  /** Validates the pack's options from the config file; its output is `context.config`. */
  readonly configSchema?: ConfigSchema;
  readonly tools: readonly AnyTool[];
  readonly prompts?: readonly PromptDefinition[];
  /** Resources a client can attach by URI (`panther://alerts/{id}`), each read through one of the pack's tools. */
  readonly resources?: readonly ResourceTemplateDefinition[];
  /** One or two sentences added to the server instructions when the pack is enabled. */
  readonly instructions?: string;
  /** Ids of packs that must also be loaded. */
  readonly requires?: readonly string[];
}

export type PackDefinition<ConfigSchema extends z.ZodType | undefined = z.ZodType | undefined> =
  PackFields<ConfigSchema> & {
    readonly $$type: typeof PACK_BRAND;
    readonly apiVersion: typeof PACK_API_VERSION;
  };
