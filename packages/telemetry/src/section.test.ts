import { loadConfig } from '@mcp-panther/core';
import { describe, expect, it } from 'vitest';
import { metricsEnabled, TELEMETRY_SECTION, telemetryConfig } from './section.js';

const load = (env: Record<string, string>) =>
  loadConfig({ cwd: '/nonexistent-dir-for-tests', env, sections: [TELEMETRY_SECTION] });

describe('the telemetry config section', () => {
  it('is off by default', async () => {
    const config = telemetryConfig((await load({})).sections);
    expect(metricsEnabled(config.metrics)).toBe(false);
    expect(config.traces.endpoint).toBeUndefined();
  });

  it('turns metrics on from the environment, a port alone included', async () => {
    const byFlag = telemetryConfig((await load({ MCP_METRICS: 'true' })).sections);
    expect(metricsEnabled(byFlag.metrics)).toBe(true);
    expect(byFlag.metrics.port).toBeUndefined();
    const byPort = telemetryConfig((await load({ MCP_METRICS_PORT: '9464' })).sections);
    expect(byPort.metrics).toMatchObject({ port: 9464, host: '127.0.0.1', path: '/metrics' });
    expect(metricsEnabled(byPort.metrics)).toBe(true);
  });

  it('names the bad field and the variable that set it, never the value', async () => {
    const error = await load({ MCP_METRICS_AUTH_TOKEN: 'short-secret' }).catch((e: unknown) => e as Error);
    expect(String(error)).toContain('telemetry.metrics.authToken');
    expect(String(error)).toContain('MCP_METRICS_AUTH_TOKEN');
    expect(String(error)).not.toContain('short-secret');
  });
});
