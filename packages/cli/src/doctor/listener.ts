import { once } from 'node:events';
import { createServer } from 'node:net';
import type { Check } from './check.js';

/**
 * Whether `serve` could listen on `host:port`: binds it and lets it go at once. A port in use (or not allowed)
 * is named with the setting that chose it.
 */
export async function checkListener(
  name: string,
  host: string,
  port: number,
  setting: string,
): Promise<Check> {
  if (port === 0) return { name, ok: true, detail: `${host}, a free port chosen at start-up` };
  const server = createServer();
  try {
    server.listen(port, host);
    await Promise.race([
      once(server, 'listening'),
      once(server, 'error').then(([error]) => Promise.reject(error)),
    ]);
    return { name, ok: true, detail: `${host}:${port} is free` };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why =
      code === 'EADDRINUSE'
        ? 'is taken by another program'
        : code === 'EACCES'
          ? 'may not be used by this user'
          : code === 'EADDRNOTAVAIL'
            ? 'names an address this host does not have'
            : `cannot be listened on (${code ?? (error as Error).message})`;
    return {
      name,
      ok: false,
      detail: `${host}:${port} ${why}`,
      fix: `stop what holds it, or choose another port with ${setting}`,
    };
  } finally {
    if (server.listening) {
      server.close();
      await once(server, 'close');
    }
  }
}
