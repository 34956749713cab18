import {
  assertPackConventions,
  createTestHost,
  type FakePanther,
  startFakePanther,
  type TestHost,
} from '@mcp-panther/core/testing';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { examplePack } from './index.js';

let panther: FakePanther;
let host: TestHost | undefined;
beforeAll(async () => {
  panther = await startFakePanther();
});
afterEach(async () => {
  await host?.close();
  host = undefined;
});
afterAll(async () => {
  await panther.close();
});

const text = (r: { content: unknown }) => (r.content as { text: string }[])[0]!.text;

describe('example-ioc pack', () => {
  it('follows the pack conventions', () => {
    expect(() => assertPackConventions(examplePack)).not.toThrow();
  });

  it('serves only the read tool in read-only mode', async () => {
    host = await createTestHost({
      packs: [examplePack],
      panther: { url: panther.url, token: panther.tokens.admin },
    });
    expect(await host.tools()).toEqual(['example_count_recent_alerts']);
  });

  it('counts recent alerts by severity', async () => {
    host = await createTestHost({
      packs: [examplePack],
      panther: { url: panther.url, token: panther.tokens.analyst },
    });
    const result = await host.call('example_count_recent_alerts', { hours: 168 });
    expect(result.structuredContent).toEqual({
      hours: 168,
      total: 12,
      by_severity: { CRITICAL: 3, HIGH: 3, MEDIUM: 2, LOW: 2, INFO: 2 },
      truncated: false,
    });
    const critical = await host.call('example_count_recent_alerts', { hours: 168, severities: ['CRITICAL'] });
    expect(critical.structuredContent).toMatchObject({ total: 3, by_severity: { CRITICAL: 3 } });
  });

  it('adds an IOC note in read-write mode and checks the indicator', async () => {
    host = await createTestHost({
      packs: [examplePack],
      panther: { url: panther.url, token: panther.tokens.admin },
      policy: { mode: 'read-write' },
    });
    expect(await host.tools()).toEqual(['example_add_ioc_note', 'example_count_recent_alerts']);
    const ok = await host.call('example_add_ioc_note', {
      alert_id: 'alert-001',
      kind: 'ip',
      indicator: '203.0.113.7',
    });
    expect(ok.structuredContent).toMatchObject({ alert_id: 'alert-001', comment_id: expect.any(String) });
    const bad = await host.call('example_add_ioc_note', {
      alert_id: 'alert-001',
      kind: 'sha256',
      indicator: 'abc',
    });
    expect(text(bad)).toBe('Invalid argument "indicator": is not a valid sha256');
    const missing = await host.call('example_add_ioc_note', {
      alert_id: 'nope',
      kind: 'domain',
      indicator: 'evil.example',
    });
    expect(text(missing)).toBe(
      'example_add_ioc_note failed: Panther rejected the request (400): alertId must name an existing alert',
    );
  });

  it('hides the write tool from a token without AlertModify', async () => {
    host = await createTestHost({
      packs: [examplePack],
      panther: { url: panther.url, token: panther.tokens.analyst },
      policy: { mode: 'read-write' },
    });
    expect(await host.tools()).toEqual(['example_count_recent_alerts']);
  });
});
