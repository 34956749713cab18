import type { SandboxContext } from '../context.js';
import type { Route } from '../server/router.js';
import { alertRoutes } from './alerts.js';
import { commentRoutes } from './comments.js';
import { detectionRoutes } from './detections.js';
import { libraryRoutes } from './library.js';
import { tokenRoutes } from './tokens.js';
import { userRoutes } from './users.js';

export function restRoutes(ctx: SandboxContext): Route[] {
  return [
    ...alertRoutes(ctx),
    ...commentRoutes(ctx),
    ...tokenRoutes(ctx),
    ...detectionRoutes(ctx),
    ...libraryRoutes(ctx),
    ...userRoutes(ctx),
  ];
}
