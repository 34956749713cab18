import { type ParsedArgs, sandboxOptions } from '../args.js';
import { loadSandbox } from '../connectPanther.js';

/** Runs the sandbox alone, prints how to point clients at it, and keeps running until SIGINT/SIGTERM. */
export async function sandbox(values: ParsedArgs['values']): Promise<number> {
  const startSandbox = await loadSandbox();
  const running = await startSandbox(sandboxOptions(values));
  process.stdout.write(`PANTHER_INSTANCE_URL=${running.url}\n`);
  process.stdout.write(`PANTHER_API_TOKEN=${running.tokens['admin']}\n`);
  const others = Object.entries(running.tokens).filter(([role]) => role !== 'admin');
  for (const [role, token] of others) process.stdout.write(`# ${role} token: ${token}\n`);
  process.stderr.write(`Panther sandbox on ${running.url} (GraphQL ${running.graphqlUrl}); Ctrl-C to stop\n`);
  await new Promise<void>((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
  await running.close();
  return 0;
}
