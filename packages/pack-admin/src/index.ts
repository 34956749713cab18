/**
 * @mcp-panther/pack-admin: the public API is the pack object (named export and default).
 * Users, roles, the token's permissions, log sources and ingestion metrics.
 */
import { definePack } from '@mcp-panther/core';
import getBytesProcessed from './tools/get-bytes-processed-per-log-type-and-source.js';
import getHttpLogSource from './tools/get-http-log-source.js';
import getPermissions from './tools/get-permissions.js';
import getRole from './tools/get-role.js';
import getUser from './tools/get-user.js';
import listLogSources from './tools/list-log-sources.js';
import listRoles from './tools/list-roles.js';
import listUsers from './tools/list-users.js';

export const adminPack = definePack({
  id: 'admin',
  title: 'Administration',
  description: 'Panther users, roles, token permissions, log sources and ingestion metrics.',
  version: '0.1.0',
  coreRange: '^0.1.0',
  tools: [
    listUsers,
    getUser,
    listRoles,
    getRole,
    getPermissions,
    listLogSources,
    getHttpLogSource,
    getBytesProcessed,
  ],
  instructions: 'get_permissions shows what the API token may do; secrets of log sources are never returned.',
});

export default adminPack;
