import { type Host, usesProcessStdio } from '@mcp-panther/core';
import { startTelemetry, telemetryConfig } from '@mcp-panther/telemetry';
import { type ParsedArgs, toolsetFlags } from '../args.js';
import { type BannerFacts, httpBanner, selfCommand, serveBanner } from '../banner.js';
import { openHost, readConfig } from '../openHost.js';
import { CLI_VERSION } from '../version.js';
import { watchForReload } from '../watchReload.js';

/**
 * Resolves when the process should stop: SIGINT/SIGTERM, or over stdio the MCP client going away (stdin ends or
 * closes, or a write to stdout fails because the client closed the pipe: EPIPE). Pipe errors are handled here,
 * so a client that disappears is a clean shutdown, not an unhandled 'error' event and a stack trace.
 */
function stopSignal(stdio: boolean): { stopped: Promise<string>; dispose(): void } {
  let stop: (reason: string) => void = () => {};
  const stopped = new Promise<string>((resolve) => {
    stop = resolve;
  });
  // Ctrl-C reaches every process of the terminal's group, and a launcher in between (npx, pnpm) passes it on
  // again: the repeats are ignored while the server shuts down, so that it still ends cleanly with exit code 0
  // (bin.ts ends the process if the shutdown takes more than a few seconds).
  const onSigint = () => stop('SIGINT');
  const onSigterm = () => stop('SIGTERM');
  const ignoreRepeat = () => {};
  const onStdinEnd = () => stop('stdin closed');
  const onStdinError = (error: Error) =>
    stop(`stdin error (${(error as NodeJS.ErrnoException).code ?? error.message})`);
  const onStdoutError = (error: Error) =>
    stop(`stdout error (${(error as NodeJS.ErrnoException).code ?? error.message}): the client went away`);
  // Logs go to stderr: if that pipe breaks too there is nobody left to tell, and it must not crash the server.
  const onStderrError = () => {};
  process.once('SIGINT', onSigint);
  process.once('SIGTERM', onSigterm);
  process.on('SIGINT', ignoreRepeat);
  process.on('SIGTERM', ignoreRepeat);
  process.stderr.on('error', onStderrError);
  if (stdio) {
    process.stdin.once('end', onStdinEnd);
    process.stdin.once('close', onStdinEnd);
    // `on`, not `once`: a broken pipe can report more than one failed write.
    process.stdin.on('error', onStdinError);
    process.stdout.on('error', onStdoutError);
  }
  return {
    stopped,
    dispose() {
      process.off('SIGINT', onSigint);
      process.off('SIGTERM', onSigterm);
      if (stdio) {
        process.stdin.off('end', onStdinEnd);
        process.stdin.off('close', onStdinEnd);
      }
      // The pipe listeners and ignoreRepeat stay: a late write to a broken pipe, or a repeated Ctrl-C, must stay
      // harmless until the process exits.
    },
  };
}

/** Serves MCP until SIGINT/SIGTERM (or, over stdio, until the client goes away). Nothing but MCP goes to stdout. */
export async function serve(values: ParsedArgs['values']): Promise<number> {
  const loaded = await readConfig(values);
  const stdio = usesProcessStdio(loaded.config.server.transport);
  // Listening before the host starts: a client that leaves during start-up still ends in a clean shutdown.
  const stop = stopSignal(stdio);
  let host: Awaited<ReturnType<typeof openHost>>;
  let telemetry: Awaited<ReturnType<typeof startTelemetry>> | undefined;
  let listening: string | undefined;
  try {
    // Loads prom-client and the OpenTelemetry SDK only when the config or OTEL_* variables turn them on.
    telemetry = await startTelemetry(telemetryConfig(loaded.sections), {
      version: CLI_VERSION,
      allowedHosts: loaded.config.server.allowedHosts,
    });
    const started = telemetry;
    host = await openHost(loaded, (parts) => started?.parts(parts) ?? parts, toolsetFlags(values));
    // What replicas share: its state and counters are metrics too.
    if (host.sharedStore) telemetry?.trackSharedStore(host.sharedStore);
  } catch (error) {
    stop.dispose();
    await telemetry?.close();
    throw error;
  }
  try {
    const running = await host.serve();
    listening = running.url;
    await telemetry?.attach(running, { logger: host.logger, transport: loaded.config.server.transport });
  } catch (error) {
    stop.dispose();
    await host.close();
    await telemetry?.close();
    throw error;
  }
  const watcher = watchForReload(host, loaded, values);
  // Started by hand in a terminal rather than by an MCP client: say what is running and what to do with it.
  if (stdio && process.stderr.isTTY) process.stderr.write(banner(host));
  if (!stdio && listening !== undefined && process.stderr.isTTY) {
    const server = loaded.config.server;
    const auth = server.auth ? 'oauth' : server.authToken ? 'bearer' : 'none';
    process.stderr.write(httpBanner(facts(host), listening, auth, !process.env['NO_COLOR']));
  }
  const reason = await stop.stopped;
  watcher?.close();
  stop.dispose();
  host.logger.info('shutting down', { reason });
  await host.close();
  // After the host: the spans of the last calls are exported before the process ends.
  await telemetry?.close();
  // Nothing more will be read; a stdin left open by the client must not keep the process alive.
  if (stdio) process.stdin.destroy();
  return 0;
}

function facts(host: Host): BannerFacts {
  return {
    version: CLI_VERSION,
    sandbox: host.target.facts?.['sandbox'] === true,
    panther: host.config.panther.instanceUrl ?? host.target.rest,
    mode: host.policy.mode,
    tools: host.policy.tools.enabled.length,
    hidden: host.policy.tools.hidden.length,
    command: selfCommand(process.argv[1], process.cwd()),
    args: process.argv.slice(2),
  };
}

function banner(host: Host): string {
  return serveBanner(facts(host), !process.env['NO_COLOR']);
}
