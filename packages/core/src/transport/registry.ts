import type { TransportLoader } from './types.js';

/** The transports the host knows, by the name `server.transport` uses. A new transport is a new module here. */
export const TRANSPORTS: Readonly<Record<string, TransportLoader>> = Object.freeze({
  stdio: () => import('./stdio.js'),
  'streamable-http': () => import('./http.js'),
});
