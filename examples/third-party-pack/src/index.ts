import { definePack } from '@mcp-panther/core';
import { z } from 'zod';
import { addIocNote } from './tools/add-ioc-note.js';
import { countRecentAlerts } from './tools/count-recent-alerts.js';

/**
 * An example third-party pack: it lives outside packages/, imports only `@mcp-panther/core`'s public API, and
 * is loaded by package name from a config file (`"packs": ["example-mcp-panther-pack"]`).
 */
export const examplePack = definePack({
  id: 'example-ioc',
  title: 'Example: alert counts and IOC notes',
  description: 'A small third-party pack that shows how to write one.',
  coreRange: '^0.1.0',
  configSchema: z
    .object({ maxPages: z.int().min(1).max(20).default(4).describe('Most alert pages to read per count') })
    .default({ maxPages: 4 }),
  tools: [countRecentAlerts, addIocNote],
  instructions: 'example_count_recent_alerts gives a quick count of recent alerts by severity.',
});

export default examplePack;
