/**
 * Fills the lake and the platform store for a seed and a size. Bulk noise is set-based SQL; stories,
 * resources and platform objects are small and built in JS. The same seed gives the same data (relative
 * to the generation time) and the same alert ids.
 */
import type { TokenIdentity } from '../auth/tokens.js';
import { insertRows } from '../datalake/insert.js';
import type { DataLake } from '../datalake/lake.js';
import {
  LOG_TABLE_DEFS,
  LOOKUP_TABLE_DEFS,
  MONITOR_TABLE_DEFS,
  RESOURCE_TABLE_DEF,
  RULE_MATCH_TABLE_DEFS,
  SIGNALS_TABLE_DEF,
  type TableDef,
} from '../datalake/tables.js';
import type { PlatformStore } from '../store/platformStore.js';
import type { Doc } from '../store/types.js';
import type { SandboxLogger } from '../types.js';
import { buildAlerts } from './alertRecords.js';
import { seedCorpus } from './corpus/seedCorpus.js';
import { ACTIVE_DETECTIONS } from './detections/active.js';
import { catalogDetections } from './detections/catalog.js';
import { ACTIVE_POLICIES } from './detections/policies.js';
import type { DetectionSpec } from './detections/types.js';
import { dataModelDocs, detectionDocs, globalDocs, queryDocs } from './library.js';
import { runMatchers } from './matches.js';
import { NOISE_SHARES, type NoiseTable, noiseSql } from './noise/index.js';
import { assignableUsers, generateRoles, generateUsers } from './people.js';
import { Random } from './random.js';
import { ASN_ROWS, generateClassificationFailures, generateResources, LOCATION_ROWS } from './reference.js';
import { httpSourceDocs, schemaDocs, sourceDocs } from './sources.js';
import { randomMacrosSql } from './sqlLists.js';
import { generateStories } from './stories.js';

const WINDOW_MS = 14 * 86_400_000;

export interface GenerateOptions {
  seed: number;
  events: number;
  now: Date;
  tokens: readonly TokenIdentity[];
  logger: SandboxLogger;
  /** Seed the adversarial corpus beside the normal data (`corpus/payloads.ts`). */
  adversarial: boolean;
}

export interface GenerateResult {
  alerts: number;
  detections: number;
  lakeRows: number;
}

export function allDetections(): DetectionSpec[] {
  return [...ACTIVE_DETECTIONS, ...ACTIVE_POLICIES, ...catalogDetections()];
}

function matchTable(name: string): TableDef {
  const def = RULE_MATCH_TABLE_DEFS.find((t) => t.name === name);
  if (def === undefined) throw new Error(`unknown rule match table ${name}`);
  return def;
}

function table(name: string): TableDef {
  const def = [...LOG_TABLE_DEFS, RESOURCE_TABLE_DEF, ...LOOKUP_TABLE_DEFS, ...MONITOR_TABLE_DEFS].find(
    (t) => t.name === name,
  );
  if (def === undefined) throw new Error(`unknown table ${name}`);
  return def;
}

export async function generate(
  lake: DataLake,
  store: PlatformStore,
  options: GenerateOptions,
): Promise<GenerateResult> {
  const { seed, events, now, logger } = options;
  const db = lake.internal;
  const started = Date.now();
  await db.run(randomMacrosSql(seed, now, WINDOW_MS));

  let lakeRows = 0;
  for (const [name, share] of Object.entries(NOISE_SHARES) as [NoiseTable, number][]) {
    const n = Math.max(0, Math.round(events * share));
    for (const sql of noiseSql(name, n)) await db.run(sql);
    lakeRows += n;
  }
  logger.debug('sandbox noise generated', { rows: lakeRows, ms: Date.now() - started });

  const rng = new Random(seed);
  const stories = generateStories(seed, now, rng);
  for (const [name, rows] of Object.entries(stories)) {
    await insertRows(db, table(name), rows);
    lakeRows += rows.length;
  }
  await insertRows(db, RESOURCE_TABLE_DEF, generateResources(seed, now, rng));
  await insertRows(db, table('ipinfo_asn'), ASN_ROWS);
  await insertRows(db, table('ipinfo_location'), LOCATION_ROWS);
  await insertRows(db, table('classification_failures'), generateClassificationFailures(seed, now, rng));

  const detections = allDetections();
  const matched = await runMatchers(db, detections, seed, now);
  logger.debug('sandbox detections matched', { alerts: matched.length, ms: Date.now() - started });

  const roles = generateRoles(now);
  const users = generateUsers(now, roles);
  const history = buildAlerts(matched, seed, now, assignableUsers(users, roles));
  const authors = users.filter((u) => u.role.name === 'Detection Engineer' || u.role.name === 'Admin');
  const admin = users.find((u) => u.role.name === 'Admin')!;
  const sources = sourceDocs(now);

  if (options.adversarial) {
    // After the matchers ran: the normal alerts, their ids and their history are the same without it.
    const corpus = seedCorpus(seed, now, detections, roles);
    for (const [name, rows] of Object.entries(corpus.logRows)) {
      await insertRows(db, table(name), rows);
      lakeRows += rows.length;
    }
    for (const [name, rows] of Object.entries(corpus.matchRows)) {
      await insertRows(db, matchTable(name), rows);
    }
    await insertRows(db, SIGNALS_TABLE_DEF, corpus.signalRows);
    history.alerts.push(...corpus.alerts);
    history.comments.push(...corpus.comments);
    users.push(...corpus.users);
    sources.push(...corpus.sources);
  }

  await store.insertAlerts(history.alerts);
  await store.insertComments(history.comments);
  for (const kind of ['rules', 'scheduled-rules', 'simple-rules', 'policies'] as const) {
    await store.insertObjects(
      kind,
      detectionDocs(
        detections.filter((d) => d.kind === kind),
        authors,
        now,
      ),
    );
  }
  await store.insertObjects('globals', globalDocs(authors, now));
  await store.insertObjects('data-models', dataModelDocs(now));
  await store.insertObjects('queries', queryDocs(now));
  await store.insertObjects('users', users as unknown as Doc[]);
  await store.insertObjects('roles', roles as unknown as Doc[]);
  await store.insertObjects('api-tokens', tokenDocs(options.tokens, admin.id, now));
  await store.insertObjects('http-sources', httpSourceDocs(seed));
  await store.insertObjects('sources', sources);
  await store.insertObjects('schemas', schemaDocs(now));
  logger.debug('sandbox platform objects generated', { ms: Date.now() - started });
  return { alerts: history.alerts.length, detections: detections.length, lakeRows };
}

function tokenDocs(tokens: readonly TokenIdentity[], adminId: string, now: Date): Doc[] {
  const created = new Date(now.getTime() - 30 * 86_400_000).toISOString();
  return tokens.map((t) => ({
    id: t.id,
    name: t.label,
    permissions: [...t.permissions],
    allowedCIDRBlocks: [],
    createdAt: created,
    createdBy: { id: adminId, type: 'user' },
    updatedAt: created,
    updatedBy: { id: adminId, type: 'user' },
    expiresAt: null,
    lastUsedAt: null,
    rotatedAt: null,
  }));
}
