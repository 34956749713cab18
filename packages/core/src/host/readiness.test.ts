import { describe, expect, it } from 'vitest';
import type { PantherProbe } from '../catalog/probePanther.js';
import type { SharedStoreState, SharedStoreStatus } from '../sharedStore/types.js';
import { createReadiness } from './readiness.js';

const probeOf = (state: PantherProbe['state']): PantherProbe => ({ state, detail: state });

function store(state: () => SharedStoreState) {
  return {
    status: () => ({ state: state() }) as SharedStoreStatus,
    onStateChange: () => () => {},
  };
}

describe('createReadiness', () => {
  it('is ready while Panther answers and the shared store is up', async () => {
    let redis: SharedStoreState = 'up';
    const readiness = createReadiness({
      probe: async () => probeOf('ok'),
      initial: probeOf('ok'),
      sharedStore: store(() => redis),
    });
    expect(await readiness()).toEqual({ ready: true, panther: 'ok', sharedStore: 'up' });
    redis = 'down';
    expect(await readiness()).toEqual({ ready: false, panther: 'ok', sharedStore: 'down' });
  });

  it('asks Panther again only when its last answer is older than maxAgeMs, once for concurrent checks', async () => {
    let clock = 0;
    let asked = 0;
    let answer: PantherProbe['state'] = 'unreachable';
    const readiness = createReadiness({
      probe: async () => {
        asked += 1;
        return probeOf(answer);
      },
      initial: probeOf('ok'),
      maxAgeMs: 1_000,
      now: () => clock,
    });
    expect(await readiness()).toEqual({ ready: true, panther: 'ok' });
    expect(asked).toBe(0);
    clock = 1_000;
    const both = await Promise.all([readiness(), readiness()]);
    expect(both.map((r) => r.panther)).toEqual(['unreachable', 'unreachable']);
    expect(asked).toBe(1);
    answer = 'ok';
    expect((await readiness()).ready).toBe(false);
    clock = 2_500;
    expect(await readiness()).toEqual({ ready: true, panther: 'ok' });
    expect(asked).toBe(2);
  });
});
