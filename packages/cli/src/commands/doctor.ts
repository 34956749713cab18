import {
  type ConfigOverride,
  filterTools,
  type Host,
  isMcpHostError,
  isPantherApiError,
  type LoadedConfig,
  maskUrlCredentials,
} from '@mcp-panther/core';
import type { ParsedArgs } from '../args.js';
import { openHost, readConfig } from '../openHost.js';

interface Check {
  readonly name: string;
  readonly ok: boolean;
  readonly detail: string;
}

function usableTools(host: Host): { usable: string[]; unusable: string[] } {
  // What the token allows, whatever the mode and globs say.
  const result = filterTools({
    packs: host.packs.map((p) => ({ ...p, enabled: true })),
    policy: { mode: 'read-write', allowTools: [], denyTools: [] },
    permissions: host.policy.permissions,
  });
  return {
    usable: result.enabled.map((e) => e.tool.name),
    unusable: result.hidden.map((h) => `${h.tool.name} (${h.detail})`),
  };
}

/** The report says what went wrong; log lines (retries, fallbacks) would only interleave with it. */
function quietReport(values: ParsedArgs['values']): ConfigOverride[] {
  return values['log-level'] === undefined && !process.env['LOG_LEVEL']
    ? [{ path: ['logging', 'level'], value: 'error', source: '(default for doctor)' }]
    : [];
}

/**
 * Whether Panther answers at its REST URL at all: any HTTP answer (even 401) counts; a name that does not resolve,
 * a refused connection or a timeout does not. Asked through the host's client, so a proxy is used as for tools.
 */
async function reachPanther(host: Host): Promise<{ ok: boolean; detail: string }> {
  const where = maskUrlCredentials(
    `REST ${host.target.rest}, GraphQL ${host.target.graphql}${host.target.facts?.['sandbox'] === true ? ' (embedded sandbox)' : ''}`,
  );
  try {
    await host.client.rest({ method: 'GET', path: '/api-tokens/self' });
  } catch (error) {
    if (isPantherApiError(error) && (error.code === 'NETWORK' || error.code === 'TIMEOUT')) {
      return { ok: false, detail: `${where}: ${error.message}` };
    }
  }
  return { ok: true, detail: where };
}

/** Checks config, packs, the Panther URL, the token and its permissions; exits 1 when any check fails. */
export async function doctor(values: ParsedArgs['values']): Promise<number> {
  const checks: Check[] = [];
  const report = (): number => {
    const failed = checks.some((c) => !c.ok);
    if (values.json) {
      process.stdout.write(`${JSON.stringify({ ok: !failed, checks }, null, 2)}\n`);
    } else {
      for (const c of checks) process.stdout.write(`${c.ok ? '✓' : '✗'} ${c.name}: ${c.detail}\n`);
      process.stdout.write(failed ? '\nSome checks failed.\n' : '\nAll checks passed.\n');
    }
    return failed ? 1 : 0;
  };

  let loaded: LoadedConfig;
  try {
    loaded = await readConfig(values, [
      ...quietReport(values),
      { path: ['policy', 'hideUnpermittedTools'], value: true, source: '(doctor)' },
    ]);
    checks.push({
      name: 'config',
      ok: true,
      detail: loaded.filepath ?? 'no config file (defaults, environment and flags)',
    });
  } catch (error) {
    checks.push({ name: 'config', ok: false, detail: (error as Error).message });
    return report();
  }

  let host: Host;
  try {
    host = await openHost(loaded);
  } catch (error) {
    const name = isMcpHostError(error) && error.code.startsWith('PACK') ? 'packs' : 'start-up';
    checks.push({ name, ok: false, detail: (error as Error).message });
    return report();
  }
  try {
    checks.push({ name: 'packs', ok: true, detail: host.packs.map((p) => p.pack.id).join(', ') || '(none)' });
    const reached = await reachPanther(host);
    checks.push({ name: 'Panther URL', ...reached });
    if (!reached.ok) {
      checks.push({ name: 'API token', ok: false, detail: 'not checked: Panther could not be reached' });
      return report();
    }
    const permissions = host.policy.permissions;
    if (!permissions) {
      checks.push({ name: 'API token', ok: false, detail: host.policy.permissionsNote ?? 'not checked' });
      return report();
    }
    checks.push({ name: 'API token', ok: true, detail: 'accepted by Panther' });
    checks.push({ name: 'permissions', ok: true, detail: [...permissions].sort().join(', ') || '(none)' });
    const { usable, unusable } = usableTools(host);
    checks.push({
      name: 'tools the token can use',
      ok: usable.length > 0,
      detail: `${usable.length} of ${usable.length + unusable.length}${usable.length > 0 ? `: ${usable.join(', ')}` : ''}`,
    });
    if (unusable.length > 0)
      checks.push({ name: 'tools the token cannot use', ok: true, detail: unusable.join('; ') });
    checks.push({
      name: 'served',
      ok: true,
      detail: `${host.policy.tools.enabled.length} tools in ${host.policy.mode} mode (see "mcp-panther tools")`,
    });
    return report();
  } finally {
    await host.close();
  }
}
