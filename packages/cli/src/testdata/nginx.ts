import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { freePort } from './harness.js';

/** Debian's nginx run in the foreground for a test: on a loopback port, every file in the test's own folder. */
export interface Nginx {
  /** `http://127.0.0.1:PORT`. */
  readonly url: string;
  /** The access log so far, one `METHOD|URI|STATUS|UPSTREAMS` line per request (`A, B`: tried A, then B). */
  accessLog(): Promise<string[]>;
  stop(): Promise<void>;
}

/** Replaces `pattern` in `text`, failing when it is not there: the example file changed shape. */
function replaceOnce(text: string, pattern: RegExp, replacement: string, what: string): string {
  if (!pattern.test(text)) throw new Error(`the nginx example has no ${what} (${pattern})`);
  return text.replace(pattern, replacement);
}

/**
 * The example site with what only a test may change: the upstream's servers become `upstreams`, and the TLS
 * listener a plain one on `listen` (certificates are the deployment's own). Everything else is kept as written.
 */
export function siteForTest(example: string, listen: string, upstreams: readonly string[]): string {
  let site = replaceOnce(
    example,
    /^( *)server \d+\.\d+\.\d+\.\d+:\d+ ([^;\n]*);\n(?:\1server [^\n]*\n)*/m,
    upstreams.map((address) => `$1server ${address} $2;\n`).join(''),
    'upstream servers',
  );
  site = replaceOnce(site, /listen 443 ssl;/, `listen ${listen};`, 'TLS listener');
  site = replaceOnce(site, /^ *ssl_certificate .*\n/m, '', 'ssl_certificate');
  return replaceOnce(site, /^ *ssl_certificate_key .*\n/m, '', 'ssl_certificate_key');
}

/**
 * Starts `nginx` (master and one worker) in the foreground serving the site file `example`, templated by
 * `siteForTest` for a free loopback port and `upstreams`, and waits until it answers. Run as root (CI), the
 * workers keep root's user so that they can use the test's private folder; otherwise nginx ignores `user`.
 */
export async function startNginx(options: {
  readonly example: string;
  readonly upstreams: readonly string[];
  readonly dir: string;
  readonly timeoutMs?: number;
}): Promise<Nginx> {
  const dir = path.join(options.dir, 'nginx');
  await mkdir(path.join(dir, 'temp'), { recursive: true });
  const port = await freePort();
  const site = siteForTest(await readFile(options.example, 'utf8'), `127.0.0.1:${port}`, options.upstreams);
  await writeFile(path.join(dir, 'site.conf'), site);
  const accessLog = path.join(dir, 'access.log');
  const temp = (name: string) => `${name}_temp_path ${path.join(dir, 'temp', name)};`;
  await writeFile(
    path.join(dir, 'nginx.conf'),
    [
      ...(process.getuid?.() === 0 ? ['user root root;'] : []),
      'worker_processes 1;',
      `pid ${path.join(dir, 'nginx.pid')};`,
      'events { worker_connections 256; }',
      'http {',
      "  log_format upstreams '$request_method|$request_uri|$status|$upstream_addr';",
      `  access_log ${accessLog} upstreams;`,
      `  ${temp('client_body')} ${temp('proxy')} ${temp('fastcgi')} ${temp('uwsgi')} ${temp('scgi')}`,
      `  include ${path.join(dir, 'site.conf')};`,
      '}',
      '',
    ].join('\n'),
  );
  const errorLog = path.join(dir, 'error.log');
  const child: ChildProcess = spawn(
    'nginx',
    ['-p', dir, '-e', errorLog, '-c', path.join(dir, 'nginx.conf'), '-g', 'daemon off;'],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let stderr = '';
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  const exited = once(child, 'exit');
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
    child.kill('SIGTERM'); // fast shutdown: the master stops its worker and exits
    await exited;
    clearTimeout(timer);
  };
  const deadline = Date.now() + (options.timeoutMs ?? 15_000);
  for (;;) {
    if (child.exitCode !== null) {
      const log = await readFile(errorLog, 'utf8').catch(() => '');
      throw new Error(`nginx exited with ${child.exitCode}:\n${stderr}${log}`);
    }
    const answered = await fetch(`${url}/healthz`).then(
      (response) => response.status === 200,
      () => false,
    );
    if (answered) break;
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`nginx did not answer /healthz on ${url} in time:\n${stderr}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    url,
    accessLog: async () => (await readFile(accessLog, 'utf8')).split('\n').filter((line) => line !== ''),
    stop,
  };
}
