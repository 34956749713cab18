import type { PantherClient } from '@mcp-panther/client';
import type { ElicitRequestFormParams, ElicitResult } from '@modelcontextprotocol/sdk/types.js';
import type { ConfirmWrites } from '../config/schema.js';
import type { AnyTool, Logger, PolicyMode } from '../define/types.js';
import type { Caller, ValidatedPack } from '../types.js';

/** Asks the person a question through their client (MCP elicitation, form mode) and returns their answer. */
export type Elicit = (
  request: Omit<ElicitRequestFormParams, 'mode'>,
  options?: { readonly timeoutMs?: number },
) => Promise<ElicitResult>;

/** One tool call on its way through the call hooks. Hooks read it and leave notes for the hooks outside them. */
export interface ToolCall {
  readonly tool: AnyTool;
  readonly pack: ValidatedPack;
  /**
   * The arguments as the client sent them. The limit-output hook replaces a resume cursor it issued with the
   * tool's own cursor before the input is parsed.
   */
  args: unknown;
  /** The arguments after the input hook parsed them with the tool's schema (undefined before). */
  input: unknown;
  /** The Panther client this call uses (one per Panther token). */
  readonly client: PantherClient;
  readonly mode: PolicyMode;
  /** Which writes the person must confirm before they are sent (`policy.confirmWrites`). */
  readonly confirmWrites: ConfirmWrites;
  /** Asks the person through the client; undefined when the client cannot be asked (no form elicitation). */
  readonly elicit: Elicit | undefined;
  /** Aborted when the client cancels the request or goes away. */
  readonly signal: AbortSignal;
  readonly caller: Caller | undefined;
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
  /** Facts hooks leave for the hooks outside them (for example the confirmation, for the audit record). */
  readonly notes: Record<string, unknown>;
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
    }
  | {
      readonly ok: false;
      /** A host error code (`USER_INPUT`, `INTERNAL`…) or a Panther error code (`NOT_FOUND`…). */
      readonly code: string;
      readonly text: string;
    };

/**
 * A step around every tool call (input parsing, audit, timing, output limits, error mapping…). Hooks form an
 * onion, outermost first: each runs code before and after `next()`, or answers without calling it.
 */
export interface CallHook {
  readonly name: string;
  around(call: ToolCall, next: () => Promise<CallOutcome>): Promise<CallOutcome>;
}
