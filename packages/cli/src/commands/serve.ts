import type { ParsedArgs } from '../args.js';
import { openHost, readConfig } from '../openHost.js';

/** Serves MCP until SIGINT/SIGTERM (or, over stdio, until stdin closes). Nothing but MCP goes to stdout. */
export async function serve(values: ParsedArgs['values']): Promise<number> {
  const loaded = await readConfig(values);
  const host = await openHost(loaded);
  try {
    await host.serve();
  } catch (error) {
    await host.close();
    throw error;
  }
  await new Promise<void>((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
    if (loaded.config.server.transport === 'stdio') {
      process.stdin.once('end', () => resolve());
      process.stdin.once('close', () => resolve());
    }
  });
  host.logger.info('shutting down');
  await host.close();
  return 0;
}
