import path from 'node:path';
import { maskUrlCredentials } from '@mcp-panther/core';

/** What the banner says about the server that just started. */
export interface BannerFacts {
  readonly version: string;
  readonly sandbox: boolean;
  /** The Panther the server talks to: the configured instance URL, else the REST URL. */
  readonly panther: string;
  readonly mode: string;
  readonly tools: number;
  readonly hidden: number;
  /** How the user started this command (`mcp-panther`, `npx -y mcp-panther`, `node …/mcp-panther.js`). */
  readonly command: string;
  /** The flags it was started with, repeated in the commands the banner suggests. */
  readonly args: readonly string[];
}

const quote = (arg: string): string =>
  /^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replaceAll("'", "'\\''")}'`;

/**
 * How this process was started, as a command to type again: a bin on the PATH, npx, or node and a script path.
 * `script` is process.argv[1].
 */
export function selfCommand(script: string | undefined, cwd: string): string {
  if (!script) return 'mcp-panther';
  if (script.includes(`${path.sep}_npx${path.sep}`)) return 'npx -y mcp-panther';
  if (path.basename(script) === 'mcp-panther') return 'mcp-panther';
  const relative = path.relative(cwd, script);
  return `node ${quote(relative.startsWith('..') || relative === '' ? script : relative)}`;
}

/**
 * The few lines a person sees when they start the server in a terminal (stderr is a TTY) instead of from an MCP
 * client: what it serves, that it now waits for a client on stdin, and how to look around.
 */
export function serveBanner(facts: BannerFacts, colour: boolean): string {
  const bold = (text: string) => (colour ? `\x1b[1m${text}\x1b[0m` : text);
  const self = [facts.command, ...facts.args.map(quote)].join(' ');
  const panther = facts.sandbox
    ? 'the embedded sandbox, with generated demo data (set PANTHER_INSTANCE_URL and PANTHER_API_TOKEN for yours)'
    : // A URL may carry a user name and password: they are secrets, never shown.
      maskUrlCredentials(facts.panther);
  const hidden = facts.hidden > 0 ? ` (${facts.hidden} hidden: "${facts.command} tools" says why)` : '';
  const tryTools = `${self} tools`;
  const tryInspector = `npx @modelcontextprotocol/inspector ${self}`;
  const width = Math.max(tryTools.length, tryInspector.length);
  return [
    '',
    bold(`mcp-panther ${facts.version} is serving MCP over stdio`),
    `  Panther  ${panther}`,
    `  Mode     ${facts.mode}, ${facts.tools} tools${hidden}`,
    '',
    'It now waits for an MCP client on stdin: an MCP client (Claude Desktop, Cursor, VS Code, Goose) starts it and',
    'talks JSON-RPC over stdin and stdout, so typing here does nothing. To look around instead:',
    `  ${tryTools.padEnd(width)}  lists the tools`,
    `  ${tryInspector.padEnd(width)}  tries them in the MCP Inspector`,
    'Ctrl-C stops it.',
    '',
    '',
  ].join('\n');
}

/** How HTTP callers prove who they are, for the client config the HTTP banner suggests. */
export type HttpAuthKind = 'none' | 'bearer' | 'oauth';

/**
 * The lines a person sees when they start the server over streamable HTTP in a terminal: where it listens, and a
 * client config to paste (Cursor's and VS Code's forms), with the header a shared token needs.
 */
export function httpBanner(facts: BannerFacts, url: string, auth: HttpAuthKind, colour: boolean): string {
  const bold = (text: string) => (colour ? `\x1b[1m${text}\x1b[0m` : text);
  const panther = facts.sandbox
    ? 'the embedded sandbox, with generated demo data (set PANTHER_INSTANCE_URL and PANTHER_API_TOKEN for yours)'
    : maskUrlCredentials(facts.panther);
  const headers = auth === 'bearer' ? ', "headers": { "Authorization": "Bearer <MCP_HTTP_AUTH_TOKEN>" }' : '';
  return [
    '',
    bold(`mcp-panther ${facts.version} is serving MCP over streamable HTTP at ${url}`),
    `  Panther  ${panther}`,
    `  Mode     ${facts.mode}, ${facts.tools} tools`,
    '',
    'Point an MCP client at that URL. To paste into Cursor (.cursor/mcp.json) or VS Code (.vscode/mcp.json):',
    `  { "mcpServers": { "panther": { "url": "${url}"${headers} } } }`,
    `  { "servers": { "panther": { "type": "http", "url": "${url}"${headers} } } }`,
    ...(auth === 'oauth'
      ? ['Callers sign in with the identity provider (server.auth.oauth); the client finds it from this URL.']
      : []),
    'Ctrl-C stops it.',
    '',
    '',
  ].join('\n');
}
