import { CORE_VERSION } from '@mcp-panther/core';
import { CLI_VERSION } from '../version.js';

/**
 * The version ranges a new pack's package.json and definePack name. The host's and core's come from the running
 * command; the others are those this repository builds and tests with (templateVersions.test.ts keeps them in step
 * with the workspace).
 */
export const TEMPLATE_VERSIONS = {
  /** mcp-panther: the pack's one dependency (dev, and an optional peer the host provides at run time). */
  host: `^${CLI_VERSION}`,
  /** definePack's `coreRange`: the pack API versions the pack works with. */
  core: `^${CORE_VERSION}`,
  typescript: '~5.9.3',
  vitest: '^4.1.12',
  typesNode: '^20.19.0',
  /** A view's page (`create-pack --view`): the MCP Apps client library mcp-panther's own views use. */
  extApps: '~1.7.5',
  /** What builds a view's page into one file, the bundler this repository builds with. */
  esbuild: '0.28.2',
} as const;

export type TemplateVersions = { readonly [K in keyof typeof TEMPLATE_VERSIONS]: string };

/**
 * Whether `npm install` can fetch mcp-panther from the registry. Until it can (set this at the first release,
 * docs/releasing.md), a new pack's first install links the running mcp-panther instead, without saving it.
 */
export const HOST_ON_NPM = false;
