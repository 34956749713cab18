import {
  App,
  applyDocumentTheme,
  applyHostFonts,
  applyHostStyleVariables,
  type McpUiHostContext,
} from '@modelcontextprotocol/ext-apps';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { CALLABLE_META_KEY } from '../../../core/src/view.js';

/** A tool answer as a view uses it: the structured result, or the error text the host sent. */
export type Answer =
  | { readonly ok: true; readonly value: Record<string, unknown> }
  | { readonly ok: false; readonly text: string };

export function answerOf(result: CallToolResult): Answer {
  const textContent = result.content
    .map((block) => (block.type === 'text' ? block.text : ''))
    .join('\n')
    .trim();
  if (result.isError) return { ok: false, text: textContent || 'The tool failed without a message.' };
  if (result.structuredContent && typeof result.structuredContent === 'object') {
    return { ok: true, value: result.structuredContent };
  }
  try {
    const parsed: unknown = JSON.parse(textContent);
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) {
      return { ok: true, value: parsed as Record<string, unknown> };
    }
  } catch {
    // Not JSON: shown as the error below.
  }
  return { ok: false, text: textContent || 'The tool returned nothing to show.' };
}

/** What a view is handed: the tool's arguments and answer, and a way to call the caller's other tools. */
export interface ViewHost {
  /** Calls a tool through the host (so policy, confirmation and the audit apply) and returns its answer. */
  call(name: string, args: Record<string, unknown>): Promise<Answer>;
  /** Whether the host said this caller may call `name` from the view (a read-only caller gets no write tools). */
  canCall(name: string): boolean;
}

export interface ViewHandlers {
  /** The arguments the tool was called with (before its answer). */
  input?(args: Record<string, unknown>): void;
  /** The tool's answer. */
  answer(answer: Answer, host: ViewHost): void;
}

function applyContext(context: McpUiHostContext | undefined): void {
  if (!context) return;
  if (context.theme) applyDocumentTheme(context.theme);
  if (context.styles?.variables) applyHostStyleVariables(context.styles.variables);
  if (context.styles?.css?.fonts) applyHostFonts(context.styles.css.fonts);
}

/** Connects a view to its host and hands it the tool's input and result as they arrive. */
export function startView(name: string, handlers: ViewHandlers): App {
  const app = new App({ name, version: '0.1.0' }, {}, { autoResize: true });
  let callable = new Set<string>();
  const host: ViewHost = {
    async call(tool, args) {
      try {
        return answerOf(await app.callServerTool({ name: tool, arguments: args }));
      } catch (error) {
        return { ok: false, text: error instanceof Error ? error.message : String(error) };
      }
    },
    canCall: (tool) => callable.has(tool),
  };
  app.ontoolinput = ({ arguments: args }) => handlers.input?.(args ?? {});
  app.ontoolresult = (result) => {
    const names = result._meta?.[CALLABLE_META_KEY];
    callable = new Set(Array.isArray(names) ? names.filter((n): n is string => typeof n === 'string') : []);
    handlers.answer(answerOf(result), host);
  };
  app.onhostcontextchanged = (context) => applyContext(context);
  app.onteardown = async () => ({});
  void app.connect().then(() => applyContext(app.getHostContext()));
  return app;
}
