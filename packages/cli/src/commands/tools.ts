import type { Host, PolicyState } from '@mcp-panther/core';
import { type ParsedArgs, toolsetFlags, UsageError } from '../args.js';
import { openHost, quietUnlessAsked, readConfig } from '../openHost.js';

export interface ToolRow {
  readonly pack: string;
  readonly tool: string;
  readonly access: 'read' | 'write';
  readonly status: 'enabled' | 'hidden';
  readonly reason?: string;
}

/** The policy outcome a profile's callers get, or the top-level one. */
export function policyFor(host: Host, profile: string | undefined): PolicyState {
  if (profile === undefined) return host.policy;
  const policy = host.profiles.get(profile);
  if (policy === undefined) {
    const known = [...host.profiles.keys()];
    throw new UsageError(
      `--profile: no profile "${profile}" in the config (${known.length > 0 ? `profiles: ${known.join(', ')}` : 'it has no profiles'})`,
    );
  }
  return policy;
}

export function toolRows(host: Host, policy: PolicyState = host.policy): ToolRow[] {
  const rows: ToolRow[] = [
    ...policy.tools.enabled.map((e) => ({
      pack: e.pack.pack.id,
      tool: e.tool.name,
      access: e.tool.access,
      status: 'enabled' as const,
    })),
    ...policy.tools.hidden.map((h) => ({
      pack: h.pack.pack.id,
      tool: h.tool.name,
      access: h.tool.access,
      status: 'hidden' as const,
      reason: `${h.reason}: ${h.detail}`,
    })),
  ];
  return rows.sort((a, b) => (a.pack === b.pack ? (a.tool < b.tool ? -1 : 1) : a.pack < b.pack ? -1 : 1));
}

export function formatTable(rows: readonly ToolRow[]): string {
  const widths = {
    pack: Math.max(4, ...rows.map((r) => r.pack.length)),
    tool: Math.max(4, ...rows.map((r) => r.tool.length)),
  };
  const line = (pack: string, tool: string, access: string, status: string) =>
    `${pack.padEnd(widths.pack)}  ${tool.padEnd(widths.tool)}  ${access.padEnd(6)}  ${status}`;
  return [
    line('PACK', 'TOOL', 'ACCESS', 'STATUS'),
    ...rows.map((r) =>
      line(r.pack, r.tool, r.access, r.status === 'enabled' ? 'enabled' : `hidden (${r.reason})`),
    ),
  ].join('\n');
}

/** Prints every tool of every loaded pack: enabled, or hidden with the reason. */
export async function tools(values: ParsedArgs['values']): Promise<number> {
  const host = await openHost(
    await readConfig(values, quietUnlessAsked(values)),
    undefined,
    toolsetFlags(values),
  );
  try {
    const policy = policyFor(host, values.profile);
    const rows = toolRows(host, policy);
    const info = host.info(values.profile);
    if (values.json) {
      process.stdout.write(
        `${JSON.stringify(
          {
            mode: policy.mode,
            ...(values.profile === undefined ? {} : { profile: values.profile }),
            sandbox: host.target.facts?.['sandbox'] === true,
            ...(info['toolset'] === undefined ? {} : { toolset: info['toolset'] }),
            tools: rows,
            resource_templates: info.available_resource_templates,
          },
          null,
          2,
        )}\n`,
      );
    } else {
      const enabled = rows.filter((r) => r.status === 'enabled').length;
      process.stdout.write(`${formatTable(rows)}\n\n`);
      const templates = info.available_resource_templates;
      if (templates.length > 0) process.stdout.write(`Resource templates: ${templates.join(', ')}\n`);
      process.stdout.write(
        `${enabled} of ${rows.length} tools enabled (${values.profile === undefined ? '' : `profile ${values.profile}, `}mode ${policy.mode}${host.target.facts?.['sandbox'] === true ? ', sandbox' : ''}${info['toolset'] === undefined ? '' : `, toolset ${JSON.stringify(info['toolset'])}`})\n`,
      );
    }
  } finally {
    await host.close();
  }
  return 0;
}
