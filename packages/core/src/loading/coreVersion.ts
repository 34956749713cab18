import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** core's package folder (same depth from src/ and dist/). */
export const CORE_PACKAGE_DIR = fileURLToPath(new URL('../../', import.meta.url));

/** The running @mcp-panther/core version, checked against each pack's `coreRange`. */
export const CORE_VERSION: string = (
  JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }
).version;
