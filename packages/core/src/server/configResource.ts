import type { ReadResourceResult, Resource } from '@modelcontextprotocol/sdk/types.js';
import type { ConfirmWrites } from '../config/schema.js';

export const CONFIG_RESOURCE_URI = 'config://panther';

/** What `config://panther` shows (and `mcp-panther tools` prints): never the token. */
export type HostInfo = HostInfoFields & Readonly<Record<string, unknown>>;

interface HostInfoFields {
  readonly rest_api_url: string;
  readonly gql_api_url: string;
  readonly mode: 'read-only' | 'read-write';
  /** Which writes the person must confirm (`policy.confirmWrites`). */
  readonly confirm_writes: ConfirmWrites;
  readonly packs: readonly { id: string; title: string; source: string; enabled: boolean; tools: number }[];
  readonly available_tools: readonly string[];
  readonly hidden_tools: readonly { name: string; pack: string; reason: string; detail: string }[];
  readonly available_prompts: readonly string[];
  readonly available_resources: readonly string[];
  /** URI templates of the resources this server reads through its tools (`panther://alerts/{id}`). */
  readonly available_resource_templates: readonly string[];
  /** The token's permissions when known (null when not read or switched off). */
  readonly token_permissions: readonly string[] | null;
  readonly token_permissions_note?: string;
}

/** The `resources/list` entry of `config://panther`. */
export const CONFIG_RESOURCE: Resource = {
  uri: CONFIG_RESOURCE_URI,
  name: 'panther-config',
  title: 'Panther configuration',
  description:
    'The resolved Panther URLs, the policy mode, the packs and the tools this server exposes or hides.',
  mimeType: 'application/json',
};

export function readConfigResource(info: HostInfo): ReadResourceResult {
  return {
    contents: [
      { uri: CONFIG_RESOURCE_URI, mimeType: 'application/json', text: JSON.stringify(info, null, 2) },
    ],
  };
}
