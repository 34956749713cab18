/**
 * What a connection asks to see: some packs (toolsets), some tools, read-only. A request only narrows: what it
 * selects is intersected with what the caller's profile and the server's policy already allow, so no request can
 * add a tool. Within one request, the named packs' tools and the named tools are selected together (a pack plus a
 * few tools of another); several requests (the command's flags, the URL path, the headers) must all select a tool.
 */
import { McpHostError } from '../errors.js';
import type { ValidatedPack } from '../types.js';

export interface ToolsetRequest {
  /** Pack ids whose tools are selected (`alerts`, `datalake`); absent: no pack named. */
  readonly packs?: readonly string[] | undefined;
  /** Tool names selected besides the packs' tools; absent: none named. */
  readonly tools?: readonly string[] | undefined;
  /** Only read tools. */
  readonly readOnly?: boolean | undefined;
  /** Where the request came from, for messages: `X-MCP-Toolsets`, `--toolsets`, `the URL path`. */
  readonly source?: { readonly packs?: string; readonly tools?: string } | undefined;
}

/** A request that names a pack or a tool no loaded pack has. */
export class ToolsetRequestError extends McpHostError {
  override readonly name = 'ToolsetRequestError';

  constructor(message: string) {
    super('USER_INPUT', message);
  }
}

/** True when the request narrows anything at all. */
export function narrows(request: ToolsetRequest): boolean {
  return (request.packs?.length ?? 0) > 0 || (request.tools?.length ?? 0) > 0 || request.readOnly === true;
}

const list = (names: readonly string[]) => names.map((name) => `"${name}"`).join(', ');

/** Refuses a request naming a pack or tool that no loaded pack has (disabled packs count: they exist). */
export function checkToolsetRequest(request: ToolsetRequest, packs: readonly ValidatedPack[]): void {
  const packIds = new Set(packs.map((p) => p.pack.id));
  const unknownPacks = (request.packs ?? []).filter((id) => !packIds.has(id));
  if (unknownPacks.length > 0) {
    throw new ToolsetRequestError(
      `${request.source?.packs ?? 'toolsets'}: unknown ${unknownPacks.length === 1 ? 'pack' : 'packs'} ${list(unknownPacks)}; the packs are ${[...packIds].join(', ') || '(none)'}`,
    );
  }
  const toolNames = new Set(packs.flatMap((p) => p.pack.tools.map((t) => t.name)));
  const unknownTools = (request.tools ?? []).filter((name) => !toolNames.has(name));
  if (unknownTools.length > 0) {
    throw new ToolsetRequestError(
      `${request.source?.tools ?? 'tools'}: unknown ${unknownTools.length === 1 ? 'tool' : 'tools'} ${list(unknownTools)} (no loaded pack has ${unknownTools.length === 1 ? 'it' : 'them'}; "mcp-panther tools" lists every tool)`,
    );
  }
}

/** Whether one request selects a tool of a pack (read-only aside). */
export function selects(request: ToolsetRequest, packId: string, tool: string): boolean {
  const named = (request.packs?.length ?? 0) > 0 || (request.tools?.length ?? 0) > 0;
  return !named || request.packs?.includes(packId) === true || request.tools?.includes(tool) === true;
}

/** What `config://panther` shows of the requests in force. */
export function describeRequests(requests: readonly ToolsetRequest[]): Record<string, unknown> {
  const packs = requests.filter((r) => r.packs?.length).map((r) => [...(r.packs ?? [])]);
  const tools = requests.filter((r) => r.tools?.length).map((r) => [...(r.tools ?? [])]);
  return {
    ...(packs.length > 0 ? { packs: packs.length === 1 ? packs[0] : packs } : {}),
    ...(tools.length > 0 ? { tools: tools.length === 1 ? tools[0] : tools } : {}),
    read_only: requests.some((r) => r.readOnly === true),
  };
}
