import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSandbox } from '../testing/harness.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sandbox-state-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('persistence under dataDir', () => {
  it('keeps alert changes, comments and disabled detections across restarts', async () => {
    const first = await startTestSandbox({ seed: 5, dataDir: dir });
    const [alert] = (await first.rest('/alerts?created-after=2000-01-01T00:00:00Z&status=OPEN&limit=1')).json
      .results;
    const users = (await first.rest('/users')).json.results;
    expect(
      (
        await first.rest('/alerts', {
          method: 'PATCH',
          body: { ids: [alert.id], status: 'RESOLVED', assignee: users[0].id },
        })
      ).status,
    ).toBe(204);
    await first.rest('/alert-comments', {
      method: 'POST',
      body: { alertId: alert.id, body: 'persisted note', format: 'PLAIN_TEXT' },
    });
    const rule = (await first.rest('/rules/GitHub.Repo.MadePublic')).json;
    await first.rest('/rules/GitHub.Repo.MadePublic?run-tests-first=false', {
      method: 'PUT',
      body: { ...rule, enabled: false },
    });
    await first.close();

    const second = await startTestSandbox({ seed: 5, dataDir: dir });
    try {
      const again = (await second.rest(`/alerts/${alert.id}`)).json;
      expect(again.status).toBe('RESOLVED');
      expect(again.assignee.id).toBe(users[0].id);
      const comments = (await second.rest(`/alert-comments?alert-id=${alert.id}&limit=50`)).json.results;
      expect(comments.map((c: { body: string }) => c.body)).toContain('persisted note');
      expect((await second.rest('/rules/GitHub.Repo.MadePublic')).json.enabled).toBe(false);
      // Tokens are new on each start; the data is not.
      expect(second.tokens.admin).not.toBe(first.tokens.admin);
    } finally {
      await second.close();
    }
    expect(await readdir(dir)).toContain('sandbox-state.json');
  });

  it('moves an unreadable state file aside and starts clean', async () => {
    const broken = await mkdtemp(join(tmpdir(), 'sandbox-broken-'));
    await writeFile(join(broken, 'sandbox-state.json'), '{not json');
    const warnings: string[] = [];
    const sb = await startTestSandbox({
      dataDir: broken,
      logger: { debug() {}, info() {}, warn: (m) => warnings.push(m), error() {} },
    });
    await sb.close();
    expect(warnings.some((w) => w.includes('unreadable'))).toBe(true);
    expect((await readdir(broken)).some((f) => f.startsWith('sandbox-state.json.unreadable-'))).toBe(true);
    await rm(broken, { recursive: true, force: true });
  });
});
