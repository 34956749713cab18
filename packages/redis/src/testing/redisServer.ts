import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer, Socket } from 'node:net';

/** A real redis-server on 127.0.0.1, started by the test itself (and killed or restarted by it). */
export interface RedisServer {
  readonly port: number;
  readonly url: string;
  /** SIGKILL: no goodbye to the clients, as when a host dies. */
  kill(): Promise<void>;
  /** Starts again on the same port: empty, or with the data kept in `dataDir`. */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

// Suites declare redis-server with describeWithPrograms (docs/testing.md) and are skipped where it is missing; this
// is for the other callers (the benchmarks).
const MISSING =
  'redis-server is not installed: this starts its own Redis (install it with `apt-get install -y redis-server`, or on macOS `brew install redis`)';

async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  server.close();
  await once(server, 'close');
  if (address === null || typeof address === 'string') throw new Error('no free port');
  return address.port;
}

async function answers(port: number): Promise<boolean> {
  const socket = new Socket();
  try {
    socket.connect(port, '127.0.0.1');
    await once(socket, 'connect');
    socket.write('PING\r\n');
    const [data] = (await once(socket, 'data')) as [Buffer];
    return data.toString().startsWith('+PONG') || data.toString().startsWith('-NOAUTH');
  } catch {
    return false;
  } finally {
    socket.destroy();
  }
}

export interface RedisServerOptions {
  readonly password?: string;
  /** Keep the data in an append-only file in this folder (fsync on every write), so it survives a kill. */
  readonly dataDir?: string;
}

export async function startRedisServer(options: RedisServerOptions = {}): Promise<RedisServer> {
  const port = await freePort();
  let child: ChildProcess | undefined;
  const auth = options.password === undefined ? [] : ['--requirepass', options.password];
  const persistence =
    options.dataDir === undefined
      ? ['--save', '', '--appendonly', 'no']
      : ['--save', '', '--appendonly', 'yes', '--appendfsync', 'always', '--dir', options.dataDir];

  const start = async () => {
    const spawned = spawn(
      'redis-server',
      ['--port', String(port), '--bind', '127.0.0.1', ...persistence, ...auth],
      { stdio: 'ignore' },
    );
    const failed = new Promise<never>((_, reject) => {
      spawned.once('error', (error: NodeJS.ErrnoException) =>
        reject(error.code === 'ENOENT' ? new Error(MISSING) : error),
      );
      spawned.once('exit', (code) =>
        reject(new Error(`redis-server exited with code ${code} on port ${port}`)),
      );
    });
    failed.catch(() => undefined);
    child = spawned;
    // Bounded: about 5 s for the server to answer.
    for (let i = 0; i < 100; i += 1) {
      const up = await Promise.race([answers(port), failed]);
      if (up) return;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    spawned.kill('SIGKILL');
    throw new Error(`redis-server did not answer on 127.0.0.1:${port}`);
  };

  const kill = async () => {
    const current = child;
    child = undefined;
    if (current === undefined || current.exitCode !== null || current.signalCode !== null) return;
    const exited = once(current, 'exit');
    current.kill('SIGKILL');
    await exited;
  };

  await start();
  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    kill,
    restart: start,
    stop: kill,
  };
}
