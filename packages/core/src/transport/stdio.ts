import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import type { RunningTransport, TransportContext } from './types.js';

/** MCP over the process's stdin and stdout (one client: the process that started the server). */
export async function serve(context: TransportContext): Promise<RunningTransport> {
  const server = context.createServer();
  await server.connect(new StdioServerTransport());
  return { close: () => server.close() };
}
