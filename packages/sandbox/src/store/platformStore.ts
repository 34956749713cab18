/**
 * Platform objects in DuckDB (a separate instance from the lake, so lake SQL never sees them).
 * Alerts and comments have typed tables for filtering and paging; everything else is a JSON document
 * keyed by kind and id, filtered with JSON paths.
 */
import { DuckDBInstance, type DuckDBValue } from '@duckdb/node-api';
import { DuckSession, sqlTimestamp } from './duck.js';
import type { Actor, AlertRecord, AlertStatus, CommentDoc, Doc, ObjectKind } from './types.js';

export interface AlertFilter {
  listing: AlertRecord['listing'];
  subtypes?: readonly string[];
  statuses?: readonly string[];
  severities?: readonly string[];
  createdAfter?: Date;
  createdBefore?: Date;
  detectionId?: string;
  nameContains?: string;
  logSources?: readonly string[];
  logTypes?: readonly string[];
  resourceTypes?: readonly string[];
  eventCountMin?: number;
  eventCountMax?: number;
  assigneeIds?: readonly string[];
  sortDir: 'asc' | 'desc';
}

export interface Page<T> {
  items: T[];
  /** Whether another page exists after this one. */
  more: boolean;
}

/** A WHERE clause in parts, with `?` placeholders and their values. */
export interface ObjectQuery {
  where?: string[];
  params?: DuckDBValue[];
  /** SQL over `doc`; defaults to the id. */
  orderBy?: string;
}

export interface StoreListener {
  alertChanged(record: AlertRecord): void;
  commentAdded(comment: CommentDoc): void;
  objectChanged(kind: ObjectKind, doc: Doc): void;
}

interface AlertRow {
  listing: AlertRecord['listing'];
  status: AlertStatus;
  assignee_id: string | null;
  updated_at: string | null;
  updated_by: string | null;
  event_table: string | null;
  doc: string;
}

const ALERT_COLUMNS = 'listing, status, assignee_id, updated_at, updated_by, event_table, doc';

export class PlatformStore {
  private listener: StoreListener | undefined;

  private constructor(
    private readonly instance: DuckDBInstance,
    private readonly db: DuckSession,
  ) {}

  static async create(): Promise<PlatformStore> {
    const instance = await DuckDBInstance.create(':memory:', { threads: '1' });
    const db = new DuckSession(await instance.connect());
    await db.run(`CREATE TABLE alerts (id VARCHAR, listing VARCHAR, type VARCHAR, status VARCHAR, severity VARCHAR, title VARCHAR,
        created_at TIMESTAMP, updated_at VARCHAR, detection_id VARCHAR, log_types VARCHAR[], log_sources VARCHAR[],
        resource_types VARCHAR[], event_count INTEGER, assignee_id VARCHAR, updated_by VARCHAR, event_table VARCHAR,
        doc VARCHAR);
      CREATE TABLE comments (id VARCHAR, alert_id VARCHAR, created_at TIMESTAMP, doc VARCHAR);
      CREATE TABLE objects (kind VARCHAR, id VARCHAR, doc JSON);`);
    return new PlatformStore(instance, db);
  }

  setListener(listener: StoreListener | undefined): void {
    this.listener = listener;
  }

  // ---- loading ----

  async insertAlerts(records: readonly AlertRecord[]): Promise<void> {
    const row =
      '(?, ?, ?, ?, ?, ?, ?::TIMESTAMP, ?, ?, ?::JSON::VARCHAR[], ?::JSON::VARCHAR[], ?::JSON::VARCHAR[], ?, ?, ?, ?, ?)';
    for (const chunk of chunks(records, 100)) {
      await this.db.run(
        `INSERT INTO alerts VALUES ${chunk.map(() => row).join(', ')}`,
        chunk.flatMap((r) => {
          const d = r.doc;
          return [
            d.id,
            r.listing,
            d.type,
            r.status,
            d.severity,
            d.title,
            sqlTimestamp(new Date(d.createdAt)),
            r.updatedAt,
            d.detection?.id ?? null,
            JSON.stringify(d.logTypes),
            JSON.stringify(d.logSources),
            JSON.stringify(d.resourceTypes),
            d.eventCount,
            r.assigneeId,
            r.updatedBy === null ? null : JSON.stringify(r.updatedBy),
            r.eventTable,
            JSON.stringify(d),
          ];
        }),
      );
    }
  }

  async insertComments(comments: readonly CommentDoc[]): Promise<void> {
    for (const chunk of chunks(comments, 200)) {
      await this.db.run(
        `INSERT INTO comments VALUES ${chunk.map(() => '(?, ?, ?::TIMESTAMP, ?)').join(', ')}`,
        chunk.flatMap((c) => [
          c.id,
          c.alertId,
          c.createdAt.replace('T', ' ').replace('Z', ''),
          JSON.stringify(c),
        ]),
      );
    }
  }

  async insertObjects(kind: ObjectKind, docs: readonly Doc[]): Promise<void> {
    for (const chunk of chunks(docs, 200)) {
      await this.db.run(
        `INSERT INTO objects VALUES ${chunk.map(() => '(?, ?, ?::JSON)').join(', ')}`,
        chunk.flatMap((d) => [kind, d.id, JSON.stringify(d)]),
      );
    }
  }

  // ---- alerts ----

  async listAlerts(filter: AlertFilter, offset: number, limit: number): Promise<Page<AlertRecord>> {
    const where: string[] = ['listing = ?'];
    const params: DuckDBValue[] = [filter.listing];
    const anyOf = (column: string, values: readonly string[] | undefined) => {
      if (values === undefined || values.length === 0) return;
      where.push(`${column} IN (${values.map(() => '?').join(', ')})`);
      params.push(...values);
    };
    const overlaps = (column: string, values: readonly string[] | undefined) => {
      if (values === undefined || values.length === 0) return;
      where.push(`list_has_any(${column}, ?::JSON::VARCHAR[])`);
      params.push(JSON.stringify(values));
    };
    anyOf('type', filter.subtypes);
    anyOf('status', filter.statuses);
    anyOf('severity', filter.severities);
    anyOf('assignee_id', filter.assigneeIds);
    overlaps('log_sources', filter.logSources);
    overlaps('log_types', filter.logTypes);
    overlaps('resource_types', filter.resourceTypes);
    if (filter.createdAfter !== undefined) {
      where.push('created_at >= ?::TIMESTAMP');
      params.push(sqlTimestamp(filter.createdAfter));
    }
    if (filter.createdBefore !== undefined) {
      where.push('created_at <= ?::TIMESTAMP');
      params.push(sqlTimestamp(filter.createdBefore));
    }
    if (filter.detectionId !== undefined) {
      where.push('detection_id = ?');
      params.push(filter.detectionId);
    }
    if (filter.nameContains !== undefined) {
      where.push("title ILIKE ? ESCAPE '\\'");
      params.push(`%${escapeLike(filter.nameContains)}%`);
    }
    if (filter.eventCountMin !== undefined) {
      where.push('event_count >= ?');
      params.push(filter.eventCountMin);
    }
    if (filter.eventCountMax !== undefined) {
      where.push('event_count <= ?');
      params.push(filter.eventCountMax);
    }
    const dir = filter.sortDir === 'asc' ? 'ASC' : 'DESC';
    const rows = await this.db.rows<AlertRow & Record<string, unknown>>(
      `SELECT ${ALERT_COLUMNS} FROM alerts WHERE ${where.join(' AND ')}
       ORDER BY created_at ${dir}, id ${dir} LIMIT ? OFFSET ?`,
      [...params, limit + 1, offset],
    );
    return { items: rows.slice(0, limit).map(toAlert), more: rows.length > limit };
  }

  async getAlert(id: string): Promise<AlertRecord | undefined> {
    const row = await this.db.one<AlertRow & Record<string, unknown>>(
      `SELECT ${ALERT_COLUMNS} FROM alerts WHERE id = ?`,
      [id],
    );
    return row === undefined ? undefined : toAlert(row);
  }

  async getAlerts(ids: readonly string[]): Promise<AlertRecord[]> {
    if (ids.length === 0) return [];
    const rows = await this.db.rows<AlertRow & Record<string, unknown>>(
      `SELECT ${ALERT_COLUMNS} FROM alerts WHERE list_contains(?::JSON::VARCHAR[], id)`,
      [JSON.stringify(ids)],
    );
    return rows.map(toAlert);
  }

  /** All alerts created in a window (metrics). */
  async alertsBetween(from: Date, to: Date): Promise<AlertRecord[]> {
    const rows = await this.db.rows<AlertRow & Record<string, unknown>>(
      `SELECT ${ALERT_COLUMNS} FROM alerts WHERE created_at >= ?::TIMESTAMP AND created_at <= ?::TIMESTAMP`,
      [sqlTimestamp(from), sqlTimestamp(to)],
    );
    return rows.map(toAlert);
  }

  async updateAlerts(
    ids: readonly string[],
    patch: { status?: AlertStatus; assigneeId?: string | null },
    actor: Actor,
    at: Date,
  ): Promise<AlertRecord[]> {
    const sets: string[] = ['updated_at = ?', 'updated_by = ?'];
    const params: DuckDBValue[] = [at.toISOString(), JSON.stringify(actor)];
    if (patch.status !== undefined) {
      sets.push('status = ?');
      params.push(patch.status);
    }
    if (patch.assigneeId !== undefined) {
      sets.push('assignee_id = ?');
      params.push(patch.assigneeId);
    }
    await this.db.run(`UPDATE alerts SET ${sets.join(', ')} WHERE list_contains(?::JSON::VARCHAR[], id)`, [
      ...params,
      JSON.stringify(ids),
    ]);
    const updated = await this.getAlerts(ids);
    for (const record of updated) this.listener?.alertChanged(record);
    return updated;
  }

  /** Restores a persisted alert state (no listener call). */
  async restoreAlert(
    id: string,
    state: Pick<AlertRecord, 'status' | 'assigneeId' | 'updatedAt' | 'updatedBy'>,
  ) {
    await this.db.run(
      'UPDATE alerts SET status = ?, assignee_id = ?, updated_at = ?, updated_by = ? WHERE id = ?',
      [
        state.status,
        state.assigneeId,
        state.updatedAt,
        state.updatedBy === null ? null : JSON.stringify(state.updatedBy),
        id,
      ],
    );
  }

  // ---- comments ----

  async listComments(alertId: string, offset: number, limit: number): Promise<Page<CommentDoc>> {
    const rows = await this.db.rows<{ doc: string }>(
      'SELECT doc FROM comments WHERE alert_id = ? ORDER BY created_at, id LIMIT ? OFFSET ?',
      [alertId, limit + 1, offset],
    );
    return {
      items: rows.slice(0, limit).map((r) => JSON.parse(r.doc) as CommentDoc),
      more: rows.length > limit,
    };
  }

  async addComment(comment: CommentDoc, persist = true): Promise<void> {
    await this.insertComments([comment]);
    if (persist) this.listener?.commentAdded(comment);
  }

  async getComment(id: string): Promise<CommentDoc | undefined> {
    const row = await this.db.one<{ doc: string }>('SELECT doc FROM comments WHERE id = ?', [id]);
    return row === undefined ? undefined : (JSON.parse(row.doc) as CommentDoc);
  }

  // ---- documents ----

  async listObjects(kind: ObjectKind, query: ObjectQuery, offset: number, limit: number): Promise<Page<Doc>> {
    const where = ['kind = ?', ...(query.where ?? [])];
    const rows = await this.db.rows<{ doc: string }>(
      `SELECT CAST(doc AS VARCHAR) AS doc FROM objects WHERE ${where.join(' AND ')}
       ORDER BY ${query.orderBy ?? 'id'}, id LIMIT ? OFFSET ?`,
      [kind, ...(query.params ?? []), limit + 1, offset],
    );
    return { items: rows.slice(0, limit).map((r) => JSON.parse(r.doc) as Doc), more: rows.length > limit };
  }

  async allObjects(kind: ObjectKind): Promise<Doc[]> {
    return (await this.listObjects(kind, {}, 0, 1_000_000)).items;
  }

  async getObject(kind: ObjectKind, id: string): Promise<Doc | undefined> {
    const row = await this.db.one<{ doc: string }>(
      'SELECT CAST(doc AS VARCHAR) AS doc FROM objects WHERE kind = ? AND id = ?',
      [kind, id],
    );
    return row === undefined ? undefined : (JSON.parse(row.doc) as Doc);
  }

  async putObject(kind: ObjectKind, doc: Doc, persist = true): Promise<void> {
    await this.db.run('DELETE FROM objects WHERE kind = ? AND id = ?', [kind, doc.id]);
    await this.insertObjects(kind, [doc]);
    if (persist) this.listener?.objectChanged(kind, doc);
  }

  close(): void {
    this.db.close();
    this.instance.closeSync();
  }
}

function toAlert(row: AlertRow): AlertRecord {
  return {
    doc: JSON.parse(row.doc) as AlertRecord['doc'],
    listing: row.listing,
    status: row.status,
    assigneeId: row.assignee_id,
    updatedAt: row.updated_at,
    updatedBy: row.updated_by === null ? null : (JSON.parse(row.updated_by) as Actor),
    eventTable: row.event_table,
  };
}

export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
