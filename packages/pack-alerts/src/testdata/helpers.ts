/** Alerts-pack test helpers on top of `@mcp-panther/core/testing` (not part of the build). */
import type { AnyTool, PantherClient, PromptContext } from '@mcp-panther/core';
import { PantherApiError } from '@mcp-panther/core';

/** The input schema's verdict on raw arguments: the first issue's message and path, or undefined when valid. */
export function inputIssue(
  tool: AnyTool,
  args: Record<string, unknown>,
): { path: string; message: string } | undefined {
  const parsed = tool.input.safeParse(args);
  if (parsed.success) return undefined;
  const issue = parsed.error.issues[0];
  return { path: issue?.path.join('.') ?? '', message: issue?.message ?? '' };
}

export const promptContext = (client: PantherClient): PromptContext => ({
  client,
  signal: new AbortController().signal,
});

/** What Panther's REST API answers for an unknown id. */
export const notFound = (message = 'Not Found') => new PantherApiError('NOT_FOUND', message, { status: 404 });
