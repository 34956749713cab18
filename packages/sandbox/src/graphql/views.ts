/**
 * GraphQL views of platform objects. Fields that need another lookup are functions, which graphql-js
 * calls only when a client selects them.
 */
import { GRAPHQL_PERMISSIONS } from '../auth/permissions.js';
import type { SandboxContext } from '../context.js';
import { alertEvents } from '../services/alerts.js';
import { findDetection } from '../services/detections.js';
import type { Actor, AlertRecord, Doc } from '../store/types.js';
import { decodeGqlCursor, pageInfo, pageSize } from './resolvers/paging.js';
import type { Args } from './types.js';

const ENUM_PERMISSIONS = new Set<string>(GRAPHQL_PERMISSIONS);

export function roleView(doc: Doc) {
  return {
    ...doc,
    permissions: ((doc['permissions'] as string[] | undefined) ?? []).filter((p) => ENUM_PERMISSIONS.has(p)),
    updatedBy: null,
  };
}

export function userView(ctx: SandboxContext, doc: Doc) {
  return {
    ...doc,
    __typename: 'User',
    async role() {
      const role = await ctx.store.getObject('roles', (doc['role'] as { id: string }).id);
      return role === undefined ? null : roleView(role);
    },
  };
}

export async function userById(ctx: SandboxContext, id: string | null) {
  if (id === null) return null;
  const doc = await ctx.store.getObject('users', id);
  return doc === undefined ? null : userView(ctx, doc);
}

/** An Actor union value: a User or an APIToken (system actors have no GraphQL type). */
export async function actorView(ctx: SandboxContext, actor: Actor | null) {
  if (actor === null) return null;
  if (actor.type === 'user') return userById(ctx, actor.id);
  if (actor.type !== 'api-token') return null;
  const token = await ctx.store.getObject('api-tokens', actor.id);
  if (token === undefined) return null;
  return {
    ...token,
    __typename: 'APIToken',
    rotatedBy: null,
    value: null,
    createdBy: () => userById(ctx, (token['createdBy'] as Actor).id),
    updatedBy: () => userById(ctx, (token['updatedBy'] as Actor).id),
  };
}

async function originView(ctx: SandboxContext, record: AlertRecord) {
  const { detection, systemError } = record.doc;
  if (systemError !== null) {
    return {
      __typename: 'SystemError',
      type: systemError.type,
      relatedComponent: systemError.relatedComponent,
    };
  }
  if (detection === null) return { __typename: 'DeletedDetection', id: record.doc.id };
  const doc = await findDetection(ctx.store, detection.id);
  if (doc !== undefined) {
    return {
      __typename: 'Detection',
      id: doc.id,
      name: doc['displayName'] ?? doc.id,
      description: doc['description'] ?? null,
      type: detection.type,
      createdAt: doc['createdAt'],
      updatedAt: doc['lastModified'] ?? null,
      createdBy: () => actorView(ctx, (doc['createdBy'] as Actor | undefined) ?? null),
      updatedBy: () => actorView(ctx, (doc['lastModifiedBy'] as Actor | undefined) ?? null),
    };
  }
  return { __typename: 'DeletedDetection', id: detection.id };
}

const DELIVERY_URLS: Record<string, string> = {
  '#security-alerts': 'https://acme.slack.com/archives/C0SECALERTS',
  'PagerDuty: Security On-Call': 'https://acme.pagerduty.com/incidents',
};

export function alertView(ctx: SandboxContext, record: AlertRecord) {
  const d = record.doc;
  return {
    __typename: 'Alert',
    id: d.id,
    title: d.title,
    severity: d.severity,
    status: record.status,
    type: d.type,
    createdAt: d.createdAt,
    updatedAt: record.updatedAt,
    description: d.description,
    reference: d.reference,
    runbook: d.runbook,
    firstEventOccurredAt: d.firstEventOccurredAt,
    lastReceivedEventAt: d.lastReceivedEventAt,
    deliveries: d.deliveries.map((delivery) => ({
      ...delivery,
      url: DELIVERY_URLS[String(delivery['label'])] ?? '',
    })),
    assignee: () => userById(ctx, record.assigneeId),
    updatedBy: () => actorView(ctx, record.updatedBy),
    origin: () => originView(ctx, record),
    async events(args: Args) {
      const input = (args['input'] ?? {}) as Args;
      const size = pageSize(input['pageSize'], 25, 50);
      const scope = `gql-alert-events:${d.id}`;
      const offset = decodeGqlCursor(scope, input['cursor']);
      const page = await alertEvents(ctx, record, offset, size);
      return {
        edges: page.rows.map((node) => ({ node })),
        pageInfo: pageInfo(scope, offset, size, page.more),
      };
    },
  };
}
