import type { DuckDBValue } from '@duckdb/node-api';
import type { SandboxContext } from '../context.js';
import { notFound } from '../server/respond.js';
import type { RestResult } from '../server/router.js';
import { escapeLike } from '../store/platformStore.js';
import type { ObjectKind } from '../store/types.js';
import { decodeCursor, nextCursor } from './cursor.js';
import type { Params } from './params.js';

/** Builds the WHERE clause of a document list from query parameters (JSON paths over `doc`). */
export class DocFilter {
  readonly where: string[] = [];
  readonly params: DuckDBValue[] = [];

  /** Case-insensitive substring over any of the JSON paths. */
  contains(value: string | undefined, ...paths: string[]): this {
    if (value === undefined) return this;
    const like = `%${escapeLike(value.toLowerCase())}%`;
    this.where.push(
      `(${paths.map((p) => `lower(json_extract_string(doc, '${p}')) LIKE ? ESCAPE '\\'`).join(' OR ')})`,
    );
    for (const _ of paths) this.params.push(like);
    return this;
  }

  equals(
    value: string | boolean | undefined,
    path: string,
    options: { caseInsensitive?: boolean } = {},
  ): this {
    if (value === undefined) return this;
    if (options.caseInsensitive === true) {
      this.where.push(`lower(json_extract_string(doc, '${path}')) = ?`);
      this.params.push(String(value).toLowerCase());
    } else {
      this.where.push(`json_extract_string(doc, '${path}') = ?`);
      this.params.push(String(value));
    }
    return this;
  }

  oneOf(values: readonly string[], path: string): this {
    if (values.length === 0) return this;
    this.where.push(`list_contains(?::JSON::VARCHAR[], json_extract_string(doc, '${path}'))`);
    this.params.push(JSON.stringify(values));
    return this;
  }

  /** The JSON array at `path` shares at least one value with `values` (optionally case-insensitive). */
  overlaps(values: readonly string[], path: string, options: { caseInsensitive?: boolean } = {}): this {
    if (values.length === 0) return this;
    const list = `coalesce(CAST(json_extract(doc, '${path}') AS VARCHAR[]), [])`;
    if (options.caseInsensitive === true) {
      this.where.push(`list_has_any(list_transform(${list}, x -> lower(x)), ?::JSON::VARCHAR[])`);
      this.params.push(JSON.stringify(values.map((v) => v.toLowerCase())));
    } else {
      this.where.push(`list_has_any(${list}, ?::JSON::VARCHAR[])`);
      this.params.push(JSON.stringify(values));
    }
    return this;
  }

  raw(sql: string, ...params: DuckDBValue[]): this {
    this.where.push(sql);
    this.params.push(...params);
    return this;
  }
}

export interface ListOptions {
  defaultLimit: number;
  maxLimit: number;
  orderBy?: string;
  /** Turns each stored document into what the list returns. */
  view?: (doc: Record<string, unknown>) => Record<string, unknown>;
}

export async function listDocs(
  ctx: SandboxContext,
  kind: ObjectKind,
  p: Params,
  filter: DocFilter,
  options: ListOptions,
): Promise<RestResult> {
  const limit = p.limit(options.defaultLimit, options.maxLimit);
  const offset = decodeCursor(kind, p.string('cursor'));
  const page = await ctx.store.listObjects(
    kind,
    {
      where: filter.where,
      params: filter.params,
      ...(options.orderBy === undefined ? {} : { orderBy: options.orderBy }),
    },
    offset,
    limit,
  );
  const view = options.view ?? ((d) => d);
  return {
    status: 200,
    body: { results: page.items.map(view), next: nextCursor(kind, offset, limit, page.more) },
  };
}

export async function getDoc(ctx: SandboxContext, kind: ObjectKind, id: string, what: string) {
  const doc = await ctx.store.getObject(kind, id);
  if (doc === undefined) throw notFound(`${what} ${id} not found`);
  return doc;
}
