import { describe, expect, it } from 'vitest';
import * as telemetry from './index.js';

// The public surface is deliberate: adding or removing an export should be a visible change in review.
describe('public API', () => {
  it('@mcp-panther/telemetry exports exactly these values', () => {
    expect(Object.keys(telemetry).sort()).toEqual([
      'TELEMETRY_SECTION',
      'metricsEnabled',
      'resolveTraceExport',
      'startTelemetry',
      'telemetryConfig',
    ]);
  });

  it('starts nothing when nothing is configured', async () => {
    const config = telemetry.telemetryConfig({});
    expect(await telemetry.startTelemetry(config, { env: {}, version: '0.0.0' })).toBeUndefined();
  });
});
