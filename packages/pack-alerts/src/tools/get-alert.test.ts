import { PantherApiError } from '@mcp-panther/core';
import { createFakeClient, runTool } from '@mcp-panther/core/testing';
import { describe, expect, it } from 'vitest';
import { inputIssue, notFound } from '../testdata/helpers.js';
import getAlert from './get-alert.js';

describe('get_alert', () => {
  it('returns the full alert, deliveries included, from GET /alerts/{id} with the id encoded', async () => {
    const alert = {
      id: 'a/1',
      status: 'OPEN',
      type: 'RULE',
      deliveries: [{ outputId: 'slack' }],
      runbook: 'r',
    };
    const fake = createFakeClient(() => alert);
    await expect(runTool(getAlert, { alert_id: 'a/1' }, fake)).resolves.toEqual({ alert });
    expect(fake.restCalls()).toEqual([
      expect.objectContaining({ method: 'GET', path: '/alerts/a%2F1', cacheKind: 'alerts' }),
    ]);
  });

  it('says which alert was not found, keeping the NOT_FOUND code', async () => {
    const fake = createFakeClient(() => {
      throw notFound();
    });
    const failure = runTool(getAlert, { alert_id: 'missing' }, fake);
    await expect(failure).rejects.toThrow('No alert found with ID: missing');
    await expect(failure).rejects.toMatchObject({ code: 'NOT_FOUND', status: 404 });
  });

  it('lets other Panther errors through unchanged', async () => {
    const denied = new PantherApiError('PERMISSION', 'forbidden', { status: 403 });
    const fake = createFakeClient(() => {
      throw denied;
    });
    await expect(runTool(getAlert, { alert_id: 'a1' }, fake)).rejects.toBe(denied);
  });

  it('requires a non-empty alert_id', () => {
    expect(inputIssue(getAlert, { alert_id: '' })?.path).toBe('alert_id');
    expect(inputIssue(getAlert, {})?.path).toBe('alert_id');
  });
});
