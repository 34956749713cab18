/** The public API of @mcp-panther/telemetry: named exports only. */

export type { TelemetryConfig } from './section.js';
export { metricsEnabled, TELEMETRY_SECTION, telemetryConfig } from './section.js';
export type { Telemetry } from './startTelemetry.js';
export { startTelemetry } from './startTelemetry.js';
export type { Env, TraceExport } from './traceSettings.js';
export { resolveTraceExport } from './traceSettings.js';
