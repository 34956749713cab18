import { describe, expect, it } from 'vitest';
import { scopeNamespace } from '../di/createContainer.js';
import { instanceNamespace, sharedScope } from './namespaces.js';

const target = (rest: string) => ({ rest, graphql: `${rest}/public/graphql` });
const ALLOWED = /^[A-Za-z0-9_.:-]{1,200}$/;

describe('shared-store namespaces', () => {
  it('keys cache entries and in-flight reads by instance and token digest, never by the token', () => {
    const acme = target('https://api.acme.runpanther.net');
    const a = sharedScope({ target: acme, namespace: scopeNamespace(acme, 'token-a-0123456789') }).namespace;
    const b = sharedScope({ target: acme, namespace: scopeNamespace(acme, 'token-b-0123456789') }).namespace;
    expect(a).toMatch(/^api\.acme\.runpanther\.net:[0-9a-f]{16}$/);
    expect(a).not.toBe(b);
    expect(a).not.toContain('token-a');
    // Every replica with the same instance and token lands in the same namespace.
    expect(
      sharedScope({ target: acme, namespace: scopeNamespace(acme, 'token-a-0123456789') }).namespace,
    ).toBe(a);
  });

  it('keys the request budget by instance only', () => {
    expect(instanceNamespace(target('https://api.acme.runpanther.net/v1'))).toBe(
      'instance:api.acme.runpanther.net',
    );
    expect(instanceNamespace(target('http://127.0.0.1:8080'))).toBe('instance:127.0.0.1:8080');
  });

  it('turns any host into a name the store accepts', () => {
    const v6 = target('http://[::1]:8080');
    expect(instanceNamespace(v6)).toMatch(ALLOWED);
    expect(sharedScope({ target: v6, namespace: scopeNamespace(v6, 'secret-token') }).namespace).toMatch(
      ALLOWED,
    );
    const long = target(`https://${'a'.repeat(60)}.${'b'.repeat(60)}.${'c'.repeat(60)}.example.com`);
    expect(sharedScope({ target: long, namespace: scopeNamespace(long, 'secret-token') }).namespace).toMatch(
      ALLOWED,
    );
  });
});
