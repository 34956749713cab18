import type { ClientStats, UpstreamCallEvent } from '@mcp-panther/client';
import type { CallOutcome, SharedStoreStatus, SharedStoreView, ToolCall } from '@mcp-panther/core';
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

/** A Panther client's counters, read at each scrape. */
export interface StatsSource {
  readonly stats: Readonly<ClientStats>;
}

/** The host's metrics (prom-client), fed by observers and read from live counters at each scrape. */
export interface Metrics {
  observeCall(call: ToolCall, outcome: CallOutcome, durationMs: number): void;
  observeUpstream(event: UpstreamCallEvent): void;
  /** A Panther client whose cache hits, coalesced reads, rate-limit waits and part errors are reported. */
  trackClient(client: StatsSource): void;
  /** Where the number of open MCP sessions is read. */
  trackSessions(count: () => number | undefined): void;
  /** What replicas share (`Host.sharedStore`): its state and counters are read at each scrape. */
  trackSharedStore(store: SharedStoreView): void;
  /** The exposition text and its content type. */
  render(): Promise<{ readonly contentType: string; readonly body: string }>;
}

// Tool calls run from milliseconds (a cached read) to the client's 30 s timeout (a data lake query).
const CALL_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];
const UPSTREAM_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];
const PREFIX = 'mcp_panther_';

type SummedStat = 'cacheHits' | 'coalesced' | 'throttledWaits' | 'partErrors' | 'retries';

/** Builds the registry. Labels are names, codes and route templates only: never a token, argument or identifier. */
export function createMetrics(options: { readonly processMetrics: boolean }): Metrics {
  const registry = new Registry();
  if (options.processMetrics) collectDefaultMetrics({ register: registry });
  const registers = [registry];
  const clients: StatsSource[] = [];
  let sessions: () => number | undefined = () => undefined;
  const stores: SharedStoreView[] = [];

  const calls = new Counter({
    name: `${PREFIX}tool_calls_total`,
    help: 'Tool calls by tool, caller profile and outcome (ok or error, with the error code).',
    labelNames: ['tool', 'profile', 'outcome', 'code'] as const,
    registers,
  });
  const callSeconds = new Histogram({
    name: `${PREFIX}tool_call_duration_seconds`,
    help: 'Time from a tool call arriving to its result, hooks included.',
    labelNames: ['tool', 'profile', 'outcome'] as const,
    buckets: CALL_BUCKETS,
    registers,
  });
  const upstream = new Counter({
    name: `${PREFIX}upstream_requests_total`,
    help: 'Requests sent to Panther (each retry counts) by API, operation and HTTP status or error code.',
    labelNames: ['api', 'operation', 'status'] as const,
    registers,
  });
  const upstreamSeconds = new Histogram({
    name: `${PREFIX}upstream_request_duration_seconds`,
    help: 'Time of one request to Panther, from sending to the answer read.',
    labelNames: ['api', 'operation'] as const,
    buckets: UPSTREAM_BUCKETS,
    registers,
  });

  const summed = (name: string, help: string, stat: SummedStat) =>
    new Counter({
      name: `${PREFIX}${name}`,
      help,
      registers,
      collect() {
        let total = 0;
        for (const client of clients) total += client.stats[stat];
        this.reset();
        this.inc(total);
      },
    });
  summed('cache_hits_total', 'Reads answered from the cache.', 'cacheHits');
  summed('coalesced_calls_total', 'Reads that joined an identical read already in flight.', 'coalesced');
  summed(
    'rate_limit_waits_total',
    'Waits imposed by the request-rate limit or a 429 from Panther.',
    'throttledWaits',
  );
  summed('upstream_retries_total', 'Reads retried after a network failure or a 5xx.', 'retries');
  summed(
    'part_errors_total',
    'Operations of a cache store, rate limiter or single flight that failed or timed out (the call went on without it).',
    'partErrors',
  );
  new Gauge({
    name: `${PREFIX}upstream_in_flight`,
    help: 'Requests to Panther in flight now.',
    registers,
    collect() {
      let total = 0;
      for (const client of clients) total += client.stats.inFlight;
      this.set(total);
    },
  });
  new Gauge({
    name: `${PREFIX}sessions_active`,
    help: 'Open MCP sessions on the HTTP transport.',
    registers,
    collect() {
      this.set(sessions() ?? 0);
    },
  });
  return {
    observeCall(call, outcome, durationMs) {
      const tool = call.tool.name;
      const profile = call.caller?.profile ?? '';
      const result = outcome.ok ? 'ok' : 'error';
      calls.inc({ tool, profile, outcome: result, code: outcome.ok ? '' : outcome.code });
      callSeconds.observe({ tool, profile, outcome: result }, durationMs / 1000);
    },
    observeUpstream(event) {
      const status = event.code ?? String(event.status ?? '');
      upstream.inc({ api: event.api, operation: event.operation, status });
      upstreamSeconds.observe({ api: event.api, operation: event.operation }, event.durationMs / 1000);
    },
    trackClient: (client) => void clients.push(client),
    trackSessions(count) {
      sessions = count;
    },
    trackSharedStore(store) {
      if (stores.length === 0) registerSharedStoreMetrics(registers, stores);
      stores.push(store);
    },
    async render() {
      return { contentType: registry.contentType, body: await registry.metrics() };
    },
  };
}

/**
 * The shared-store metrics, registered once a store is tracked (a host that shares nothing shows none of them),
 * labelled by the store's kind (`redis`).
 */
function registerSharedStoreMetrics(registers: Registry[], stores: readonly SharedStoreView[]): void {
  const each = (read: (status: SharedStoreStatus) => void) => {
    for (const store of stores) read(store.status());
  };
  new Gauge({
    name: `${PREFIX}shared_store_up`,
    help: 'Whether the shared store is in use now (1), or the local cache, single-flight and limiter serve (0).',
    labelNames: ['kind'] as const,
    registers,
    collect() {
      this.reset();
      each((status) => this.set({ kind: status.kind }, status.state === 'up' ? 1 : 0));
    },
  });
  new Counter({
    name: `${PREFIX}shared_store_outages_total`,
    help: 'Times the shared store was given up (the local cache, single-flight and limiter took over).',
    labelNames: ['kind'] as const,
    registers,
    collect() {
      this.reset();
      each((status) => this.inc({ kind: status.kind }, status.outages));
    },
  });
  new Counter({
    name: `${PREFIX}shared_store_rejoins_total`,
    help: 'Times the shared store was taken back after an outage.',
    labelNames: ['kind'] as const,
    registers,
    collect() {
      this.reset();
      each((status) => this.inc({ kind: status.kind }, status.rejoins));
    },
  });
  new Counter({
    name: `${PREFIX}shared_store_fallbacks_total`,
    help: 'Calls served locally while the shared store was out of reach, by what (cache, singleFlight, rateLimiter).',
    labelNames: ['kind', 'part'] as const,
    registers,
    collect() {
      this.reset();
      each((status) => {
        for (const [part, count] of Object.entries(status.fallbacks))
          this.inc({ kind: status.kind, part }, count);
      });
    },
  });
}
