/**
 * The toolset an HTTP request asks for: from the path below the MCP endpoint (`/mcp/x/alerts+datalake`,
 * `/mcp/readonly`, both in either order) and from the headers `X-MCP-Toolsets: alerts,datalake`,
 * `X-MCP-Tools: get_alert,list_alerts` and `X-MCP-Readonly: true`. The path and the headers are two requests, each
 * of which must select a tool; names are checked against the loaded packs by the host (an unknown one is a 400).
 */
import type { IncomingHttpHeaders } from 'node:http';
import type { ToolsetRequest } from '../catalog/toolsetRequest.js';

export type ToolsetOfRequest =
  | { readonly ok: true; readonly requests: readonly ToolsetRequest[] }
  | { readonly ok: false; readonly message: string };

/** Names one header or path segment may carry at most, and the longest name. */
const MAX_NAMES = 100;
const MAX_NAME_LENGTH = 100;

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value.join(',') : value;
}

function names(text: string, separator: string, where: string): readonly string[] | string {
  const found = text
    .split(separator)
    .map((name) => name.trim())
    .filter((name) => name !== '');
  if (found.length > MAX_NAMES) return `${where}: at most ${MAX_NAMES} names`;
  const long = found.find((name) => name.length > MAX_NAME_LENGTH);
  if (long !== undefined)
    return `${where}: "${long.slice(0, 40)}…" is not a name (at most ${MAX_NAME_LENGTH} characters)`;
  return found;
}

const TRUE = new Set(['true', '1', 'yes']);
const FALSE = new Set(['false', '0', 'no']);

/**
 * The requests of one HTTP request, or a message for a 400. Undefined when the path is not the MCP endpoint or a
 * toolset path below it (a 404).
 */
export function toolsetOfRequest(
  pathname: string,
  endpoint: string,
  headers: IncomingHttpHeaders,
): ToolsetOfRequest | undefined {
  const base = endpoint.replace(/\/+$/, '');
  const path = pathname.replace(/\/+$/, '') || '/';
  if (path !== base && !path.startsWith(`${base}/`)) return undefined;
  const requests: ToolsetRequest[] = [];

  const segments = path === base ? [] : path.slice(base.length + 1).split('/');
  let packs: readonly string[] | undefined;
  let readOnly = false;
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i];
    if (segment === 'readonly' && !readOnly) readOnly = true;
    else if (segment === 'x' && packs === undefined && segments[i + 1] !== undefined) {
      let decoded: string;
      try {
        decoded = decodeURIComponent(segments[++i] as string);
      } catch {
        return undefined;
      }
      const listed = names(decoded, '+', 'the URL path');
      if (typeof listed === 'string') return { ok: false, message: listed };
      if (listed.length === 0) return undefined;
      packs = listed;
    } else return undefined;
  }
  if (packs !== undefined || readOnly) {
    requests.push({ packs, readOnly, source: { packs: `the URL path ${path}` } });
  }

  const toolsets = header(headers, 'x-mcp-toolsets');
  const tools = header(headers, 'x-mcp-tools');
  const readonlyHeader = header(headers, 'x-mcp-readonly')?.trim().toLowerCase();
  const headerPacks = toolsets === undefined ? [] : names(toolsets, ',', 'X-MCP-Toolsets');
  if (typeof headerPacks === 'string') return { ok: false, message: headerPacks };
  const headerTools = tools === undefined ? [] : names(tools, ',', 'X-MCP-Tools');
  if (typeof headerTools === 'string') return { ok: false, message: headerTools };
  if (
    readonlyHeader !== undefined &&
    readonlyHeader !== '' &&
    !TRUE.has(readonlyHeader) &&
    !FALSE.has(readonlyHeader)
  ) {
    return { ok: false, message: 'X-MCP-Readonly must be true or false' };
  }
  const headerReadOnly = readonlyHeader !== undefined && TRUE.has(readonlyHeader);
  if (headerPacks.length > 0 || headerTools.length > 0 || headerReadOnly) {
    requests.push({
      ...(headerPacks.length > 0 ? { packs: headerPacks } : {}),
      ...(headerTools.length > 0 ? { tools: headerTools } : {}),
      readOnly: headerReadOnly,
      source: { packs: 'X-MCP-Toolsets', tools: 'X-MCP-Tools' },
    });
  }
  return { ok: true, requests };
}
