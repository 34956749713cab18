/**
 * Starts the sandbox: generates the data, then serves Panther's REST and GraphQL wire formats on
 * 127.0.0.1. The only module that knows every part; each part has its own folder.
 */
import { AiStreams } from './ai/streams.js';
import { summarizeAlert } from './ai/summary.js';
import { createTokenRegistry } from './auth/tokens.js';
import type { SandboxContext } from './context.js';
import { DataLake } from './datalake/lake.js';
import { QueryRunner } from './datalake/queryRunner.js';
import { generate } from './generate/index.js';
import { createGraphQLHandler } from './graphql/handler.js';
import { rootResolvers } from './graphql/resolvers/index.js';
import { restRoutes } from './rest/index.js';
import { startHttpServer } from './server/httpServer.js';
import { Router } from './server/router.js';
import { PlatformStore } from './store/platformStore.js';
import { StateJournal } from './store/state.js';
import type { Sandbox, SandboxLogger, SandboxOptions, SandboxStats } from './types.js';

const SILENT: SandboxLogger = { debug() {}, info() {}, warn() {}, error() {} };
const DEFAULT_EVENTS = 20_000;
const MAX_EVENTS = 20_000_000;

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const logger = options.logger ?? SILENT;
  const seed = options.seed ?? 1;
  const events = options.events ?? DEFAULT_EVENTS;
  if (!Number.isInteger(events) || events < 0 || events > MAX_EVENTS) {
    throw new RangeError(`events must be an integer between 0 and ${MAX_EVENTS}`);
  }
  if (!Number.isInteger(seed)) throw new RangeError('seed must be an integer');
  if (options.host !== undefined && options.host !== '127.0.0.1') {
    throw new RangeError('the sandbox only listens on 127.0.0.1');
  }
  const started = Date.now();
  const tokens = createTokenRegistry(options.tokens);
  const stats: SandboxStats = {
    dataLakeExecutions: 0,
    cancelledQueries: 0,
    requests: 0,
    requestsByRoute: {},
  };
  const generatedAt = new Date();

  const lake = await DataLake.create();
  const store = await PlatformStore.create();
  let queries: QueryRunner | undefined;
  let closeJournal: () => Promise<void> | undefined = () => undefined;
  let closed = false;
  const closeStores = async () => {
    if (closed) return;
    closed = true;
    await queries?.stopAll();
    await closeJournal();
    store.close();
    lake.close();
  };
  try {
    const result = await generate(lake, store, {
      seed,
      events,
      now: generatedAt,
      tokens: tokens.identities,
      logger,
      adversarial: options.adversarial ?? true,
    });
    let journal: StateJournal | undefined;
    if (options.dataDir !== undefined) {
      journal = await StateJournal.open(options.dataDir, logger);
      const restored = await journal.apply(store);
      store.setListener(journal);
      logger.info('Panther sandbox state restored', { dataDir: options.dataDir, ...restored });
    }
    closeJournal = () => journal?.flush();
    await lake.measureTables();
    await lake.lockDown();
    queries = new QueryRunner(lake, stats, logger);
    const ctx: SandboxContext = {
      store,
      lake,
      queries,
      ai: new AiStreams(),
      tokens,
      stats,
      logger,
      generatedAt,
    };
    await seedSummaries(ctx);
    const router = new Router();
    router.add(...restRoutes(ctx));
    const server = await startHttpServer(
      {
        router,
        tokens,
        stats,
        logger,
        graphql: createGraphQLHandler(ctx, rootResolvers()),
      },
      options.port ?? 0,
    );
    logger.info('Panther sandbox started', {
      url: server.url,
      seed,
      events,
      lakeRows: result.lakeRows,
      alerts: result.alerts,
      detections: result.detections,
      ms: Date.now() - started,
    });
    return {
      url: server.url,
      graphqlUrl: `${server.url}/public/graphql`,
      tokens: { ...tokens.values },
      stats,
      async close() {
        await server.close();
        await closeStores();
      },
    };
  } catch (error) {
    await closeStores();
    throw error;
  }
}

/** A few finished triage summaries on recent severe alerts, so that reading a summary works at once. */
async function seedSummaries(ctx: SandboxContext): Promise<void> {
  const page = await ctx.store.listAlerts(
    {
      listing: 'ALERT',
      severities: ['CRITICAL', 'HIGH'],
      statuses: ['TRIAGED', 'RESOLVED'],
      sortDir: 'desc',
    },
    0,
    3,
  );
  for (const alert of page.items) {
    const text = await summarizeAlert(ctx, alert, {});
    ctx.ai.start(alert.doc.id, text, new Date(Date.parse(alert.doc.createdAt) + 10 * 60_000), true);
  }
}
