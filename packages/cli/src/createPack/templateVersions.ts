import { CORE_VERSION } from '@mcp-panther/core';

/**
 * The version ranges a new pack's package.json names. Core's comes from the running core; the others are those
 * this repository builds and tests with (templateVersions.test.ts keeps them in step with the workspace).
 */
export const TEMPLATE_VERSIONS = {
  core: `^${CORE_VERSION}`,
  sandbox: '^0.1.0',
  zodPeer: '^4.0.0',
  zod: '^4.6.7',
  typescript: '~5.9.3',
  vitest: '^4.1.12',
  typesNode: '^20.19.0',
} as const;

export type TemplateVersions = { readonly [K in keyof typeof TEMPLATE_VERSIONS]: string };
