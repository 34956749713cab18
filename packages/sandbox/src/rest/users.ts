/** Users, roles and HTTP log sources. */
import type { SandboxContext } from '../context.js';
import { badRequest } from '../server/respond.js';
import type { Route } from '../server/router.js';
import { DocFilter, getDoc, listDocs } from './objects.js';
import { Params } from './params.js';

export function userRoutes(ctx: SandboxContext): Route[] {
  return [
    {
      method: 'GET',
      path: '/users',
      anyOf: ['UserRead'],
      handler({ query }) {
        const p = new Params(query);
        const filter = new DocFilter();
        const email = p.string('email');
        if (email !== undefined) {
          // An exact email overrides the other filters.
          filter.equals(email, '$.email', { caseInsensitive: true });
        } else {
          filter
            .contains(p.string('contains'), '$.email', '$.givenName', '$.familyName')
            .oneOf([...p.strings('id'), ...p.list('ids')], '$.id')
            .equals(p.string('status'), '$.status');
          if (p.bool('include-deactivated') !== true) filter.equals('true', '$.enabled');
        }
        return listDocs(ctx, 'users', p, filter, {
          defaultLimit: 60,
          maxLimit: 60,
          orderBy: "json_extract_string(doc, '$.email')",
        });
      },
    },
    {
      method: 'GET',
      path: '/users/{id}',
      anyOf: ['UserRead'],
      async handler({ params }) {
        return { status: 200, body: await getDoc(ctx, 'users', params['id']!, 'User') };
      },
    },
    {
      method: 'GET',
      path: '/roles',
      anyOf: ['UserRead'],
      handler({ query }) {
        const p = new Params(query);
        const filter = new DocFilter();
        const name = p.string('name');
        if (name !== undefined) filter.equals(name, '$.name', { caseInsensitive: true });
        else {
          filter
            .contains(p.string('name-contains'), '$.name')
            .oneOf([...p.strings('id'), ...p.list('ids')], '$.id');
        }
        const dir = p.oneOf('sort-dir', ['asc', 'desc'] as const) ?? 'asc';
        return listDocs(ctx, 'roles', p, filter, {
          defaultLimit: 100,
          maxLimit: 1000,
          orderBy: `lower(json_extract_string(doc, '$.name')) ${dir === 'asc' ? 'ASC' : 'DESC'}`,
        });
      },
    },
    {
      method: 'GET',
      path: '/roles/{id}',
      anyOf: ['UserRead'],
      async handler({ params }) {
        return { status: 200, body: await getDoc(ctx, 'roles', params['id']!, 'Role') };
      },
    },
    {
      method: 'GET',
      path: '/log-sources/http/{id}',
      anyOf: ['LogSourceRead'],
      async handler({ params }) {
        const id = params['id']!;
        if (!/^[0-9a-f-]{36}$/i.test(id)) throw badRequest(`${id} is not a log source id (a UUID)`);
        const { id: _, ...source } = await getDoc(ctx, 'http-sources', id, 'HTTP log source');
        return { status: 200, body: source };
      },
    },
  ];
}
