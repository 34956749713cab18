// The container's health check: GET /healthz on the server's own port when it serves HTTP (MCP_TRANSPORT), else
// success (a stdio server has no port; its container lives as long as the process). Exit 0 healthy, 1 not.
const transport = (process.env.MCP_TRANSPORT ?? 'stdio').toLowerCase();
if (transport === 'stdio') process.exit(0);

const bind = process.env.MCP_HOST ?? '127.0.0.1';
// A wildcard address is reached on loopback; a specific one where it listens.
const host = bind === '0.0.0.0' || bind === '::' || bind === '' ? '127.0.0.1' : bind;
const url = new URL('http://localhost/healthz');
url.hostname = host.includes(':') ? `[${host}]` : host;
url.port = process.env.MCP_PORT ?? '3000';

try {
  const response = await fetch(url, { signal: AbortSignal.timeout(4_000) });
  if (!response.ok) {
    console.error(`${url} answered ${response.status}`);
    process.exit(1);
  }
} catch (error) {
  console.error(`${url} did not answer: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
