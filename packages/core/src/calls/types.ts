import type { PantherClient } from '@mcp-panther/client';
import type {
  CreateMessageRequestParams,
  CreateMessageResult,
  ElicitRequestFormParams,
  ElicitResult,
} from '@modelcontextprotocol/sdk/types.js';
import type { ConfirmWrites } from '../config/schema.js';
import type { AnyTool, Logger, PolicyMode } from '../define/types.js';
import type { OwnerRecords } from '../ownership/ownerRecords.js';
import type { Caller, ValidatedPack } from '../types.js';
import type { UntrustedSettings } from '../untrusted/settings.js';
import type { CallData } from './callData.js';

/** Asks the person a question through their client (MCP elicitation, form mode) and returns their answer. */
export type Elicit = (
  request: Omit<ElicitRequestFormParams, 'mode'>,
  options?: { readonly timeoutMs?: number },
) => Promise<ElicitResult>;

/** Asks the client's model for a message (MCP sampling). */
export type Sample = (request: CreateMessageRequestParams) => Promise<CreateMessageResult>;

/**
 * One tool call on its way through the call hooks. A hook never changes the call it was given: it passes a changed
 * copy to `next` (`next({ ...call, signal })`), which the hooks inside it and the tool then see. What hooks tell
 * each other travels in `data`, by typed key.
 */
export interface ToolCall {
  readonly tool: AnyTool;
  readonly pack: ValidatedPack;
  /**
   * The arguments as the client sent them (the limit-output hook passes on the tool's own cursor in place of a
   * resume cursor it issued).
   */
  readonly args: unknown;
  /** The arguments as the tool's schema parsed them: undefined until the parse-input hook passes them on. */
  readonly input: unknown;
  /** The Panther client this call uses (one per Panther token). */
  readonly client: PantherClient;
  readonly mode: PolicyMode;
  /** Which writes the person must confirm before they are sent (`policy.confirmWrites`). */
  readonly confirmWrites: ConfirmWrites;
  /** `policy.untrusted` and the tools served (undefined: the defaults). */
  readonly untrusted?: UntrustedSettings | undefined;
  /** Asks the person through the client; undefined when the client cannot be asked (no form elicitation). */
  readonly elicit: Elicit | undefined;
  /** Asks the client's model (MCP sampling); undefined when the client does not offer sampling. */
  readonly sample: Sample | undefined;
  /** Sends `notifications/resources/updated` for a URI when this session subscribed to it. */
  resourceUpdated(uri: string): Promise<void>;
  /** The tool's time limit (`policy.toolTimeouts`), in milliseconds; undefined for none. */
  readonly timeoutMs: number | undefined;
  /** Aborted when the client cancels the request or goes away (and, inside the time-limit hook, when time is up). */
  readonly signal: AbortSignal;
  /** When the call must have ended (epoch milliseconds), once a hook set a limit; undefined for none. */
  readonly deadline: number | undefined;
  readonly caller: Caller | undefined;
  /** The host's record of which caller started what a tool hands out by id (a data lake query). */
  readonly owners: OwnerRecords;
  readonly sessionId: string | undefined;
  readonly requestId: string | number;
  /** The request's `_meta` (progress token, trace context). */
  readonly meta: Readonly<Record<string, unknown>> | undefined;
  /** A logger bound to the pack and the tool. */
  readonly logger: Logger;
  /** The pack's validated config. */
  readonly packConfig: unknown;
  /** Sends a notification to the client that made the call (progress, log messages). */
  notify(notification: { method: string; params?: Record<string, unknown> }): Promise<void>;
  /** What hooks leave for each other (the audit id, how a confirmation ended…), by typed key. */
  readonly data: CallData;
}

/** What a call ended with, as data: a structured value, or an error with a code and the text the model sees. */
export type CallOutcome =
  | {
      readonly ok: true;
      /** The structured result (`structuredContent`); its JSON is the first text block. */
      readonly value: Record<string, unknown>;
      /** Notes for the model after the result (what was cut and how to get the rest). */
      readonly notes?: readonly string[] | undefined;
      /** `value` as JSON, when a hook already serialised it (saves serialising it again). */
      readonly json?: string | undefined;
      /** The result's `_meta` (where untrusted text sits, what was flagged). */
      readonly meta?: Readonly<Record<string, unknown>> | undefined;
    }
  | {
      readonly ok: false;
      /** A host error code (`USER_INPUT`, `INTERNAL`…) or a Panther error code (`NOT_FOUND`…). */
      readonly code: string;
      readonly text: string;
    };

/**
 * Where a hook sits around every tool call, outermost first (`CALL_PHASES`):
 * - `observe`: watches every call and how it ended, changes nothing (metrics, trace spans, the debug line);
 * - `output`: shapes what leaves the host (secrets replaced, the output budget, resume cursors);
 * - `audit`: records how a write ended;
 * - `guard`: decides whether the call goes ahead and with which input (policy, input parsing, confirmation);
 * - `send`: right before the tool runs (the audit intent, the tool's time limit);
 * - `invoke`: closest to the tool (what it threw, mapped to an outcome).
 */
export type CallPhase = 'observe' | 'output' | 'audit' | 'guard' | 'send' | 'invoke';

export const CALL_PHASES: readonly CallPhase[] = ['observe', 'output', 'audit', 'guard', 'send', 'invoke'];

/** Runs the rest of the chain: with the call given, or with a changed copy of it. */
export type NextHook = (call?: ToolCall) => Promise<CallOutcome>;

/**
 * A step around every tool call (input parsing, audit, output limits, error mapping, time limits…). Hooks form an
 * onion ordered by phase, outermost first; within a phase they keep the order they were given in, unless one asks
 * to sit `before` (outside) or `after` (inside) another hook of its phase, by name. Each runs code before and
 * after `next()`, passes a changed call with `next(call)`, or answers without calling it.
 */
export interface CallHook {
  /** Unique among the host's hooks; other hooks place themselves by it. */
  readonly name: string;
  readonly phase: CallPhase;
  /** Sit outside this hook of the same phase (run before it on the way in). */
  readonly before?: string | undefined;
  /** Sit inside this hook of the same phase (run after it on the way in). */
  readonly after?: string | undefined;
  around(call: ToolCall, next: NextHook): Promise<CallOutcome>;
}
