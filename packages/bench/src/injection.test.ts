import { ADVERSARIAL_PAYLOADS, startSandbox } from '@mcp-panther/sandbox';
import { describe, expect, it } from 'vitest';
import { falsePositivesOn, recallOn } from './injection.js';
import { sandboxApi } from './sandboxApi.js';

describe('the injection detector on the sandbox', () => {
  it('flags the corpus and nothing of the 20,000 normal events and the platform objects', async () => {
    const dev = recallOn(ADVERSARIAL_PAYLOADS.filter((p) => p.split === 'dev'));
    const heldout = recallOn(ADVERSARIAL_PAYLOADS.filter((p) => p.split === 'heldout'));
    console.log(`detector recall: dev ${dev.found}/${dev.total}, held-out ${heldout.found}/${heldout.total}`);
    expect(dev.missed).toEqual([]);
    // The held-out part measures the detector; it is reported, and must not fall below what was measured.
    expect(heldout.found / heldout.total).toBeGreaterThanOrEqual(0.9);

    const sandbox = await startSandbox({ events: 20_000, adversarial: false });
    try {
      const api = sandboxApi({
        url: sandbox.url,
        graphqlUrl: sandbox.graphqlUrl,
        token: sandbox.tokens.admin,
      });
      const normal = await falsePositivesOn(api);
      console.log(
        `detector false positives: ${normal.flagged.length} of ${normal.strings} strings (${normal.events} events)`,
      );
      expect(normal.events).toBeGreaterThanOrEqual(20_000);
      expect(
        normal.flagged.map((f) => `${f.source} ${f.id} ${f.path} ${f.signs}: ${f.value.slice(0, 120)}`),
      ).toEqual([]);
    } finally {
      await sandbox.close();
    }
  }, 180_000);
});
