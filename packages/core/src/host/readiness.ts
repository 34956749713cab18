import type { PantherProbe, PantherState } from '../catalog/probePanther.js';
import type { SharedStoreState, SharedStoreView } from '../sharedStore/types.js';

/** Whether this server can serve calls now: what a load balancer's readiness check reads (`GET /readyz`). */
export interface Readiness {
  readonly ready: boolean;
  /** Panther, as its last answer to `GET /api-tokens/self` left it. */
  readonly panther: PantherState;
  /** What replicas share (Redis), when configured: ready only while `up`. */
  readonly sharedStore?: SharedStoreState | undefined;
}

/** How long one Panther answer stands for readiness: checks closer together than this share it. */
export const READINESS_MAX_AGE_MS = 2_000;

/**
 * Readiness from Panther's state (asked again when the last answer is older than `maxAgeMs`, one question at a
 * time however many checks arrive) and the shared store's state (read as it is). Never throws.
 */
export function createReadiness(options: {
  readonly probe: () => Promise<PantherProbe>;
  /** The answer start-up already got. */
  readonly initial: PantherProbe;
  readonly sharedStore?: SharedStoreView | undefined;
  readonly maxAgeMs?: number | undefined;
  readonly now?: () => number;
}): () => Promise<Readiness> {
  const now = options.now ?? Date.now;
  const maxAgeMs = options.maxAgeMs ?? READINESS_MAX_AGE_MS;
  let last = { state: options.initial.state, at: now() };
  let asking: Promise<void> | undefined;
  const refresh = (): Promise<void> => {
    asking ??= options
      .probe()
      .then((probe) => {
        last = { state: probe.state, at: now() };
      })
      .finally(() => {
        asking = undefined;
      });
    return asking;
  };
  return async () => {
    if (now() - last.at >= maxAgeMs) await refresh().catch(() => {});
    const sharedStore = options.sharedStore?.status().state;
    const ready = last.state === 'ok' && (sharedStore === undefined || sharedStore === 'up');
    return { ready, panther: last.state, ...(sharedStore === undefined ? {} : { sharedStore }) };
  };
}
