import type { RootResolvers } from '../types.js';
import { aiResolvers } from './ai.js';
import { alertResolvers } from './alerts.js';
import { catalogResolvers } from './catalog.js';
import { dataLakeQueryResolvers } from './dataLake.js';
import { metricsResolvers } from './metrics.js';
import { sourceResolvers } from './sources.js';
import { userResolvers } from './users.js';

export function rootResolvers(): RootResolvers {
  return {
    ...aiResolvers,
    ...alertResolvers,
    ...catalogResolvers,
    ...dataLakeQueryResolvers,
    ...metricsResolvers,
    ...sourceResolvers,
    ...userResolvers,
  };
}
