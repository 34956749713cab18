import type { RootResolvers } from '../types.js';
import { catalogResolvers } from './catalog.js';
import { dataLakeQueryResolvers } from './dataLake.js';

export function rootResolvers(): RootResolvers {
  return { ...catalogResolvers, ...dataLakeQueryResolvers };
}
