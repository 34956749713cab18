import { describe, expect, it } from 'vitest';
import { collectPages, startTestSandbox, type TestSandbox } from '../testing/harness.js';

// biome-ignore lint/suspicious/noExplicitAny: REST JSON
type Json = any;
const ALL = '/alerts?created-after=2000-01-01T00:00:00Z&limit=50';

async function snapshot(sb: TestSandbox) {
  const alerts: Json[] = [];
  for (const type of ['ALERT', 'DETECTION_ERROR', 'SYSTEM_ERROR'])
    alerts.push(...(await collectPages(sb, `${ALL}&type=${type}`)));
  return alerts
    .map(
      (a) =>
        `${a.id} ${a.detection?.id ?? a.systemError.type} ${a.eventCount} ${a.status} ${a.assignee?.id ?? '-'}`,
    )
    .sort();
}

describe('generator', () => {
  it('gives the same alerts for the same seed, and others for another seed', async () => {
    const [a, b, c] = await Promise.all([
      startTestSandbox({ seed: 11 }),
      startTestSandbox({ seed: 11 }),
      startTestSandbox({ seed: 12 }),
    ]);
    try {
      const [first, second, other] = await Promise.all([snapshot(a), snapshot(b), snapshot(c)]);
      expect(first.length).toBeGreaterThan(30);
      expect(second).toEqual(first);
      expect(other).not.toEqual(first);
      const events = async (sb: TestSandbox, id: string) =>
        ((await collectPages(sb, `/alerts/${id}/events?limit=50`)) as Json[]).map((e) => e.p_row_id).sort();
      const id = first[0]!.split(' ')[0]!;
      expect(await events(b, id)).toEqual(await events(a, id));
    } finally {
      await Promise.all([a.close(), b.close(), c.close()]);
    }
  });

  it('produces alerts of every status and severity, assigned or not, with events in the last two weeks', async () => {
    const sb = await startTestSandbox({ seed: 1, events: 5000 });
    try {
      const alerts = (await collectPages(sb, ALL)) as Json[];
      expect(new Set(alerts.map((a) => a.status))).toEqual(
        new Set(['OPEN', 'TRIAGED', 'RESOLVED', 'CLOSED']),
      );
      expect(new Set(alerts.map((a) => a.severity))).toEqual(
        new Set(['INFO', 'LOW', 'MEDIUM', 'HIGH', 'CRITICAL']),
      );
      expect(alerts.some((a) => a.assignee === null)).toBe(true);
      expect(alerts.some((a) => a.assignee !== null)).toBe(true);
      const twoWeeks = Date.now() - 15 * 86_400_000;
      expect(
        alerts.every((a) => Date.parse(a.createdAt) > twoWeeks && Date.parse(a.createdAt) <= Date.now()),
      ).toBe(true);
      const lastWeek = (await collectPages(
        sb,
        `/alerts?created-after=${new Date(Date.now() - 7 * 86_400_000).toISOString()}`,
      )) as Json[];
      expect(lastWeek.length).toBeGreaterThan(10);
      // Stories: the attack chains fire their detections.
      const detections = new Set(alerts.map((a) => a.detection.id));
      for (const id of [
        'AWS.Console.LoginWithoutMFA',
        'AWS.IAM.AdminPolicyAttached',
        'Okta.BruteForceLogins',
        'GitHub.Repo.MadePublic',
        'AWS.VPCFlow.PortScan',
      ]) {
        expect(detections, id).toContain(id);
      }
    } finally {
      await sb.close();
    }
  });
});
