import type { Catalogue } from './catalogue.js';

/** Where the command sits inside the bundle: the `mcp-panther` package as npm would unpack it, without DuckDB. */
export const ENTRY_POINT = 'server/bin/mcp-panther.js';

const REPOSITORY = 'https://github.com/mcp-panther/mcp-panther';

/** A setting's placeholder in `mcp_config`, which the client replaces with the person's value. */
const setting = (key: string): string => `\${user_config.${key}}`;

/**
 * The bundle's manifest.json (MCPB manifest 0.3). The client asks for the settings in `user_config` when the
 * extension is installed, keeps the API token in the system's secret store (`sensitive`), and starts the command
 * with them as the environment variables it reads. The bundle holds no native code, so one file serves every
 * platform a client runs on; it has no sandbox (DuckDB is native), hence the instance URL is required.
 */
export function bundleManifest(version: string, catalogue: Catalogue) {
  return {
    manifest_version: '0.3',
    name: 'mcp-panther',
    display_name: 'Panther',
    version,
    description: 'Triage Panther alerts, query security logs in the data lake and review detections.',
    long_description: [
      'Work with the [Panther](https://panther.com) security platform from Claude: triage and resolve alerts,',
      'query security logs in the data lake, read and tune detections, and inspect users, roles, log sources and',
      'metrics.',
      '',
      '**Read-only by default**: write tools (changing an alert, disabling a detection) are offered only in',
      '`read-write` mode, and a destructive write is sent only after you confirm it. Tools your API token has no',
      'permission for are hidden. Panther data is treated as untrusted input; tokens never appear in answers or',
      'logs.',
    ].join('\n'),
    author: { name: 'mcp-panther contributors', url: REPOSITORY },
    repository: { type: 'git', url: `${REPOSITORY}.git` },
    homepage: REPOSITORY,
    documentation: `${REPOSITORY}#readme`,
    support: `${REPOSITORY}/issues`,
    license: 'Apache-2.0',
    keywords: ['panther', 'security', 'siem', 'alerts', 'detections', 'soc'],
    server: {
      type: 'node',
      entry_point: ENTRY_POINT,
      mcp_config: {
        command: 'node',
        args: [`\${__dirname}/${ENTRY_POINT}`],
        env: {
          PANTHER_INSTANCE_URL: setting('instance_url'),
          PANTHER_API_TOKEN: setting('api_token'),
          MCP_PANTHER_MODE: setting('mode'),
        },
      },
    },
    tools: catalogue.tools.map(({ name, description }) => ({ name, description })),
    // The list is the built-in tools: a config file in the command's working directory can add more (its
    // `queryTools` become tools, its packs bring theirs), so the client must ask the server for the full list.
    tools_generated: true,
    prompts: catalogue.prompts.map(({ name, description, arguments: args, text }) => ({
      name,
      description,
      arguments: args,
      text,
    })),
    prompts_generated: false,
    user_config: {
      instance_url: {
        type: 'string',
        title: 'Panther instance URL',
        description: 'The address of your Panther console, for example https://acme.runpanther.net',
        required: true,
      },
      api_token: {
        type: 'string',
        title: 'Panther API token',
        description:
          'An API token from Panther (Settings > API Tokens). Give it only the permissions you want Claude to use.',
        sensitive: true,
        required: true,
      },
      mode: {
        type: 'string',
        title: 'Mode',
        description:
          'read-only (the default) offers no tool that changes anything in Panther; read-write adds them.',
        default: 'read-only',
        required: false,
      },
    },
    compatibility: {
      platforms: ['darwin', 'win32', 'linux'],
      runtimes: { node: '>=20.19.0' },
    },
  };
}

export type BundleManifest = ReturnType<typeof bundleManifest>;
