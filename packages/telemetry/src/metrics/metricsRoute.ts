import type { HttpRoute } from '@mcp-panther/core';
import type { Metrics } from './createMetrics.js';

/** `/metrics` as an operational route: the exposition text, behind a bearer token or loopback only. */
export function metricsRoute(
  metrics: Metrics,
  options: { readonly path: string; readonly authToken: string | undefined },
): HttpRoute {
  return {
    path: options.path,
    tokenSetting: 'telemetry.metrics.authToken (MCP_METRICS_AUTH_TOKEN)',
    bearerToken: options.authToken,
    async handle(req, res) {
      const { contentType, body } = await metrics.render();
      res.writeHead(200, {
        'content-type': contentType,
        'content-length': String(Buffer.byteLength(body)),
        'cache-control': 'no-store',
      });
      res.end(req.method === 'HEAD' ? undefined : body);
    },
  };
}
