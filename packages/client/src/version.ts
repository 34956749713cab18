import { readFileSync } from 'node:fs';

// Read once from this package's package.json (one level above both src/ and dist/), so the
// User-Agent never drifts from the published version.
function readVersion(): string {
  try {
    const pkg: unknown = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
    const version = (pkg as { version?: unknown }).version;
    return typeof version === 'string' ? version : 'development';
  } catch {
    return 'development';
  }
}

export const CLIENT_VERSION: string = readVersion();

/** `mcp-panther/<version> (Node.js)`, like the reference server's `(Python)`. */
export const DEFAULT_USER_AGENT = `mcp-panther/${CLIENT_VERSION} (Node.js)`;
