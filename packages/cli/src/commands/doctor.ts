import {
  type ConfigOverride,
  filterTools,
  type Host,
  type HostConfig,
  isMcpHostError,
  type LoadedConfig,
  maskUrlCredentials,
  PANTHER_FIXES,
  probePanther,
  usesProcessStdio,
} from '@mcp-panther/core';
import { checkRedis, redisConfig } from '@mcp-panther/redis/host';
import { metricsEnabled, telemetryConfig } from '@mcp-panther/telemetry';
import { type ParsedArgs, toolsetFlags } from '../args.js';
import { type Check, renderCheck } from '../doctor/check.js';
import { checkIdentityProvider } from '../doctor/identityProvider.js';
import { checkListener } from '../doctor/listener.js';
import { checkProfiles } from '../doctor/profiles.js';
import { openHost, readConfig } from '../openHost.js';

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
async function reachPanther(host: Host): Promise<Check> {
  const where = maskUrlCredentials(
    `REST ${host.target.rest}, GraphQL ${host.target.graphql}${host.target.facts?.['sandbox'] === true ? ' (embedded sandbox)' : ''}`,
  );
  const probe = await probePanther(host.client);
  if (probe.state === 'unreachable' || probe.state === 'not-panther') {
    return {
      name: 'Panther URL',
      ok: false,
      detail: `${where}: ${probe.detail}`,
      fix: PANTHER_FIXES[probe.state],
    };
  }
  return { name: 'Panther URL', ok: true, detail: where };
}

/** The host's own token: accepted, its permissions, and what it can serve. */
function hostTokenChecks(host: Host): Check[] {
  const permissions = host.policy.permissions;
  if (!permissions) {
    return [
      {
        name: 'API token',
        ok: false,
        detail: host.policy.permissionsNote ?? 'not checked',
        fix: 'check PANTHER_API_TOKEN (or panther.token) and that the token is not expired',
      },
    ];
  }
  const { usable, unusable } = usableTools(host);
  return [
    { name: 'API token', ok: true, detail: 'accepted by Panther' },
    { name: 'permissions', ok: true, detail: [...permissions].sort().join(', ') || '(none)' },
    {
      name: 'tools the token can use',
      ok: usable.length > 0,
      detail: `${usable.length} of ${usable.length + unusable.length}${usable.length > 0 ? `: ${usable.join(', ')}` : ''}`,
      ...(usable.length > 0 ? {} : { fix: 'give the token the permissions of the tools it should serve' }),
    },
    ...(unusable.length > 0
      ? [{ name: 'tools the token cannot use', ok: true, detail: unusable.join('; ') }]
      : []),
    {
      name: 'served',
      ok: true,
      detail: `${host.policy.tools.enabled.length} tools in ${host.policy.mode} mode (see "mcp-panther tools")`,
    },
  ];
}

/**
 * The config without its team part and Redis: doctor checks each profile's secret and Redis itself, so that one
 * missing secret or a wrong Redis password is reported as a failed check, not as a start-up that stopped.
 */
function withoutTeamAndRedis(loaded: LoadedConfig): LoadedConfig {
  const { auth: _auth, ...server } = loaded.config.server;
  const config: HostConfig = { ...loaded.config, server, profiles: {} };
  const { redis: _redis, ...sections } = loaded.sections;
  return { ...loaded, config, sections };
}

/** The listeners `serve` would open: the MCP HTTP one, and the metrics one when it has a port of its own. */
async function listenerChecks(loaded: LoadedConfig): Promise<Check[]> {
  const checks: Check[] = [];
  const { server } = loaded.config;
  // A transport on the process's stdin and stdout opens no listener to check.
  if (!usesProcessStdio(server.transport)) {
    checks.push(await checkListener('HTTP listener', server.host, server.port, 'server.port or MCP_PORT'));
  }
  const { metrics } = telemetryConfig(loaded.sections);
  if (metricsEnabled(metrics) && metrics.port !== undefined) {
    checks.push(
      await checkListener(
        'metrics listener',
        metrics.host,
        metrics.port,
        'telemetry.metrics.port or MCP_METRICS_PORT',
      ),
    );
  }
  return checks;
}

/**
 * Checks the deployment: the config, the packs, the Panther URL and token, every profile's token (or the one
 * `--profile` names), the identity provider, Redis, and the listeners `serve` would open. Every failure says what
 * to do; the exit code is 1 when any check fails.
 */
export async function doctor(values: ParsedArgs['values']): Promise<number> {
  const checks: Check[] = [];
  const report = (): number => {
    const failed = checks.some((c) => !c.ok);
    if (values.json) {
      process.stdout.write(`${JSON.stringify({ ok: !failed, checks }, null, 2)}\n`);
    } else {
      for (const c of checks) process.stdout.write(renderCheck(c));
      process.stdout.write(failed ? '\nSome checks failed.\n' : '\nAll checks passed.\n');
    }
    return failed ? 1 : 0;
  };

  let loaded: LoadedConfig;
  try {
    loaded = await readConfig(values, [
      ...quietReport(values),
      { path: ['policy', 'hideUnpermittedTools'], value: true, source: '(doctor)' },
      // Doctor reports what is wrong with Panther itself, check by check, instead of stopping at start-up.
      { path: ['panther', 'allowUnreachable'], value: true, source: '(doctor)' },
    ]);
    checks.push({
      name: 'config',
      ok: true,
      detail: loaded.filepath ?? 'no config file (defaults, environment and flags)',
    });
  } catch (error) {
    checks.push({
      name: 'config',
      ok: false,
      detail: (error as Error).message,
      fix: 'correct the fields named above',
    });
    return report();
  }

  const profiles = loaded.config.profiles;
  if (values.profile !== undefined && !Object.hasOwn(profiles, values.profile)) {
    const known = Object.keys(profiles);
    checks.push({
      name: 'profile',
      ok: false,
      detail: `no profile "${values.profile}" in the config (${known.length > 0 ? `profiles: ${known.join(', ')}` : 'it has no profiles'})`,
      fix: 'name one of the config profiles',
    });
    return report();
  }

  let host: Host;
  try {
    host = await openHost(withoutTeamAndRedis(loaded), undefined, toolsetFlags(values));
  } catch (error) {
    const name = isMcpHostError(error) && error.code.startsWith('PACK') ? 'packs' : 'start-up';
    checks.push({ name, ok: false, detail: (error as Error).message });
    return report();
  }
  try {
    checks.push({ name: 'packs', ok: true, detail: host.packs.map((p) => p.pack.id).join(', ') || '(none)' });
    const reached = await reachPanther(host);
    checks.push(reached);
    if (reached.ok) {
      checks.push(...hostTokenChecks(host));
      const selected =
        values.profile === undefined ? profiles : { [values.profile]: profiles[values.profile]! };
      checks.push(...(await checkProfiles(host, selected, loaded.config.panther.token)));
    } else {
      checks.push({ name: 'API token', ok: false, detail: 'not checked: Panther could not be reached' });
    }
  } finally {
    await host.close();
  }

  const oauth = loaded.config.server.auth?.oauth;
  if (oauth) checks.push(...(await checkIdentityProvider(oauth)));
  const redis = redisConfig(loaded.sections);
  if (redis) {
    const found = await checkRedis(redis.url);
    checks.push({
      name: 'Redis',
      ok: found.ok,
      detail: found.detail,
      ...(found.fix === undefined ? {} : { fix: found.fix }),
    });
  }
  checks.push(...(await listenerChecks(loaded)));
  return report();
}
