import { gqlError, requirePermission } from '../errors.js';
import type { RootResolvers } from '../types.js';
import { roleView, userView } from '../views.js';

export const userResolvers: RootResolvers = {
  async users(_args, context) {
    requirePermission(context, 'UserRead');
    const users = await context.ctx.store.allObjects('users');
    return users.map((u) => userView(context.ctx, u));
  },

  async userById(args, context) {
    requirePermission(context, 'UserRead');
    const user = await context.ctx.store.getObject('users', String(args['id']));
    if (user === undefined) throw gqlError(`User ${args['id']} not found`, 'NOT_FOUND');
    return userView(context.ctx, user);
  },

  async userByEmail(args, context) {
    requirePermission(context, 'UserRead');
    const email = String(args['email']).toLowerCase();
    const user = (await context.ctx.store.allObjects('users')).find(
      (u) => String(u['email']).toLowerCase() === email,
    );
    if (user === undefined) throw gqlError(`No user has the email ${args['email']}`, 'NOT_FOUND');
    return userView(context.ctx, user);
  },

  async roles(args, context) {
    requirePermission(context, 'UserRead');
    const input = (args['input'] ?? {}) as { nameContains?: string | null; sortDir?: string | null };
    const contains = input.nameContains?.toLowerCase();
    const roles = (await context.ctx.store.allObjects('roles'))
      .filter((r) => contains === undefined || String(r['name']).toLowerCase().includes(contains))
      .sort((a, b) => String(a['name']).localeCompare(String(b['name'])));
    if (input.sortDir === 'descending') roles.reverse();
    return roles.map(roleView);
  },

  async roleById(args, context) {
    requirePermission(context, 'UserRead');
    const role = await context.ctx.store.getObject('roles', String(args['id']));
    if (role === undefined) throw gqlError(`Role ${args['id']} not found`, 'NOT_FOUND');
    return roleView(role);
  },

  async roleByName(args, context) {
    requirePermission(context, 'UserRead');
    const name = String(args['name']).toLowerCase();
    const role = (await context.ctx.store.allObjects('roles')).find(
      (r) => String(r['name']).toLowerCase() === name,
    );
    if (role === undefined) throw gqlError(`Role ${args['name']} not found`, 'NOT_FOUND');
    return roleView(role);
  },

  generalSettings() {
    return { pantherVersion: 'v1.110.0 (sandbox)' };
  },
};
