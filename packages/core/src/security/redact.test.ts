import { describe, expect, it } from 'vitest';
import { createRedactor, maskUrlCredentials, REDACTED } from './redact.js';

describe('createRedactor', () => {
  const secret = 'tok"en\\with-quotes';
  const redact = createRedactor(() => [secret, 'abc', undefined]);

  it('replaces raw and JSON-escaped spellings of a secret in text', () => {
    expect(redact.text(`raw ${secret} here`)).toBe(`raw ${REDACTED} here`);
    const line = JSON.stringify({ header: secret });
    expect(line).not.toContain(secret);
    expect(redact.text(line)).toBe(`{"header":"${REDACTED}"}`);
  });

  it('replaces secrets inside values, keys included, without touching clean values', () => {
    const clean = { a: [1, 'x'], b: { c: null } };
    expect(redact.value(clean)).toBe(clean);
    expect(redact.value({ list: [`key=${secret}`], [secret]: 1, n: 2 })).toEqual({
      list: [`key=${REDACTED}`],
      [REDACTED]: 1,
      n: 2,
    });
  });

  it('ignores secrets too short to redact safely', () => {
    expect(redact.text('abc')).toBe('abc');
  });

  it('sees secrets added after it was made', () => {
    const secrets: string[] = [];
    const late = createRedactor(() => secrets);
    secrets.push('late-secret');
    expect(late.text('a late-secret b')).toBe(`a ${REDACTED} b`);
  });
});

describe('maskUrlCredentials', () => {
  it('hides user-info in URLs and leaves other text alone', () => {
    expect(maskUrlCredentials('https://user:p%40ss@acme.example.com/x')).toBe(
      'https://***@acme.example.com/x',
    );
    expect(maskUrlCredentials('http://token@host:8080')).toBe('http://***@host:8080');
    expect(maskUrlCredentials('https://acme.example.com/a@b')).toBe('https://acme.example.com/a@b');
    expect(maskUrlCredentials('mail me at a@b.c')).toBe('mail me at a@b.c');
  });
});
