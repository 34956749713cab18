import type { Host } from '@mcp-panther/core';
import type { ParsedArgs } from '../args.js';
import { openHost, quietUnlessAsked, readConfig } from '../openHost.js';

export interface ToolRow {
  readonly pack: string;
  readonly tool: string;
  readonly access: 'read' | 'write';
  readonly status: 'enabled' | 'hidden';
  readonly reason?: string;
}

export function toolRows(host: Host): ToolRow[] {
  const rows: ToolRow[] = [
    ...host.policy.tools.enabled.map((e) => ({
      pack: e.pack.pack.id,
      tool: e.tool.name,
      access: e.tool.access,
      status: 'enabled' as const,
    })),
    ...host.policy.tools.hidden.map((h) => ({
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
  const host = await openHost(await readConfig(values, quietUnlessAsked(values)));
  try {
    const rows = toolRows(host);
    if (values.json) {
      process.stdout.write(
        `${JSON.stringify({ mode: host.policy.mode, sandbox: host.target.facts?.['sandbox'] === true, tools: rows }, null, 2)}\n`,
      );
    } else {
      const enabled = rows.filter((r) => r.status === 'enabled').length;
      process.stdout.write(`${formatTable(rows)}\n\n`);
      process.stdout.write(
        `${enabled} of ${rows.length} tools enabled (mode ${host.policy.mode}${host.target.facts?.['sandbox'] === true ? ', sandbox' : ''})\n`,
      );
    }
  } finally {
    await host.close();
  }
  return 0;
}
