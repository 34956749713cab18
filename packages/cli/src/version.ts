import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The CLI package folder (same depth from src/ and dist/): pack names are also resolved from here. */
export const CLI_PACKAGE_DIR = fileURLToPath(new URL('../', import.meta.url));

export const CLI_VERSION: string = (
  JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }
).version;
