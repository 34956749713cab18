import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectPages, startTestSandbox, type TestSandbox } from '../../testing/harness.js';
import { adversarialCorpus } from './layout.js';
import { ADVERSARIAL_PAYLOADS, type PayloadTechnique } from './payloads.js';

// biome-ignore lint/suspicious/noExplicitAny: REST JSON
type Json = any;
const ALL = '/alerts?created-after=2000-01-01T00:00:00Z&limit=50';
const SEED = 5;

describe('the adversarial corpus', () => {
  it('has at least 40 payloads of every technique, with stable ids and a held-out part', () => {
    expect(ADVERSARIAL_PAYLOADS.length).toBeGreaterThanOrEqual(40);
    expect(new Set(ADVERSARIAL_PAYLOADS.map((p) => p.id)).size).toBe(ADVERSARIAL_PAYLOADS.length);
    const techniques: PayloadTechnique[] = [
      'plain-instruction',
      'tag-characters',
      'zero-width',
      'bidi',
      'variation-selectors',
      'fake-tool-call',
      'fake-turn',
      'markdown-link',
      'markdown-image',
      'homoglyph',
      'repetition',
      'hidden-html',
    ];
    expect(new Set(ADVERSARIAL_PAYLOADS.map((p) => p.technique))).toEqual(new Set(techniques));
    const heldout = ADVERSARIAL_PAYLOADS.filter((p) => p.split === 'heldout');
    expect(heldout.length).toBeGreaterThanOrEqual(15);
    expect(ADVERSARIAL_PAYLOADS.length - heldout.length).toBeGreaterThanOrEqual(15);
    expect(adversarialCorpus(3)).toEqual(adversarialCorpus(3));
    expect(adversarialCorpus(3)[0]!.alertId).not.toBe(adversarialCorpus(4)[0]!.alertId);
  });

  describe('seeded', () => {
    let sb: TestSandbox;
    let plain: TestSandbox;
    beforeAll(async () => {
      [sb, plain] = await Promise.all([
        startTestSandbox({ seed: SEED }),
        startTestSandbox({ seed: SEED, adversarial: false }),
      ]);
    }, 120_000);
    afterAll(async () => {
      await Promise.all([sb?.close(), plain?.close()]);
    });

    it('puts every payload where adversarialCorpus says, unchanged', async () => {
      const eventsOf = new Map<string, Json[]>();
      const events = async (alertId: string) => {
        if (!eventsOf.has(alertId))
          eventsOf.set(alertId, await collectPages(sb, `/alerts/${alertId}/events?limit=50`));
        return eventsOf.get(alertId)!;
      };
      for (const c of adversarialCorpus(SEED)) {
        switch (c.carrier) {
          case 'cloudtrail.userAgent':
          case 'okta.userAgent':
          case 'github.team': {
            const row = (await events(c.alertId!)).find((e) => e.p_row_id === c.rowId);
            const value =
              c.carrier === 'okta.userAgent'
                ? row?.client.userAgent.rawUserAgent
                : row?.[c.carrier === 'github.team' ? 'team' : 'userAgent'];
            expect(value, c.id).toBe(c.text);
            break;
          }
          case 'okta.alternateId': {
            const alert = (await sb.rest(`/alerts/${c.alertId}`)).json;
            expect(alert.title, c.id).toContain(c.text);
            expect((await events(c.alertId!))[0].actor.alternateId, c.id).toBe(c.text);
            break;
          }
          case 'cloudtrail.objectKey': {
            const answer = await sb.gql<Json>(
              'mutation R($input: ExecuteDataLakeQueryInput!) { executeDataLakeQuery(input: $input) { id } }',
              {
                input: {
                  sql: `SELECT requestParameters FROM aws_cloudtrail WHERE p_row_id = '${c.rowId}'`,
                  databaseName: 'panther_logs.public',
                },
              },
            );
            let rows: Json[] = [];
            for (let i = 0; i < 500 && rows.length === 0; i++) {
              const poll = await sb.gql<Json>(
                'query P($id: ID!) { dataLakeQuery(id: $id) { status results { edges { node } } } }',
                { id: answer.data!.executeDataLakeQuery.id },
              );
              if (poll.data!.dataLakeQuery.status === 'succeeded')
                rows = poll.data!.dataLakeQuery.results.edges;
              else await new Promise((r) => setTimeout(r, 10));
            }
            const params = rows[0].node.requestParameters;
            expect((typeof params === 'string' ? JSON.parse(params) : params).key, c.id).toBe(c.text);
            break;
          }
          case 'alert.comment': {
            const comment = (await sb.rest(`/alert-comments/${c.commentId}`)).json;
            expect([comment.body, comment.alertId], c.id).toEqual([c.text, c.alertId]);
            expect(comment.createdBy.id).toBe(adversarialCorpus(SEED).find((p) => p.userId)!.userId);
            break;
          }
          case 'user.displayName':
            expect((await sb.rest(`/users/${c.userId}`)).json.familyName, c.id).toBe(c.text);
            break;
          case 'source.label': {
            const sources = await sb.gql<Json>(
              '{ sources { edges { node { integrationId integrationLabel } } } }',
            );
            const source = sources.data!.sources.edges.find((e: Json) => e.node.integrationId === c.sourceId);
            expect(source.node.integrationLabel, c.id).toBe(c.text);
            break;
          }
        }
      }
    }, 60_000);

    it('leaves the normal data as it is: the same alerts, events and users, plus the corpus', async () => {
      const corpusAlerts = new Set(adversarialCorpus(SEED).flatMap((c) => (c.alertId ? [c.alertId] : [])));
      const snapshot = async (s: TestSandbox) =>
        ((await collectPages(s, ALL)) as Json[])
          .map((a) => `${a.id} ${a.title} ${a.eventCount} ${a.status} ${a.assignee?.id ?? '-'}`)
          .sort();
      const [withCorpus, without] = await Promise.all([snapshot(sb), snapshot(plain)]);
      expect(withCorpus.filter((line) => !corpusAlerts.has(line.split(' ')[0]!))).toEqual(without);
      expect(withCorpus.length - without.length).toBe(corpusAlerts.size);
      const users = async (s: TestSandbox) => ((await collectPages(s, '/users?limit=60')) as Json[]).length;
      expect((await users(sb)) - (await users(plain))).toBe(2);
      // Every corpus alert is a week old or more: list_alerts' default window shows none of them.
      const weekAgo = Date.now() - 7 * 86_400_000;
      for (const id of corpusAlerts) {
        expect(Date.parse((await sb.rest(`/alerts/${id}`)).json.createdAt)).toBeLessThan(weekAgo);
      }
    }, 60_000);
  });
});
