import { describe, expect, it } from 'vitest';
import { createSessionFlags, sessionKey } from './sessionFlags.js';

describe('session flags', () => {
  it('keeps the first flagged value of a session and counts the others', () => {
    const flags = createSessionFlags();
    expect(flags.get('a')).toBeUndefined();
    flags.note('a', { tool: 'list_alert_comments', path: '$.comments[0].body', signs: ['override'] });
    flags.note('a', { tool: 'get_alert', path: '$.title', signs: ['fake-turn'] });
    expect(flags.get('a')).toEqual({
      first: { tool: 'list_alert_comments', path: '$.comments[0].body', signs: ['override'] },
      count: 2,
    });
    expect(flags.get('b')).toBeUndefined();
  });

  it('forgets the oldest session beyond its size', () => {
    const flags = createSessionFlags(2);
    for (const session of ['a', 'b', 'c']) flags.note(session, { tool: 't', path: '$', signs: ['override'] });
    expect([flags.get('a'), flags.get('b')?.count, flags.get('c')?.count]).toEqual([undefined, 1, 1]);
  });

  it('keys a call by its session, else its caller, else the process', () => {
    const alice = { id: 'sub-1', credential: 'oauth' } as const;
    expect(sessionKey('s1', alice)).toBe('session:s1');
    expect(sessionKey(undefined, alice)).toBe('caller:oauth:sub-1');
    // Two callers sharing a display name are two keys.
    expect(sessionKey(undefined, { id: 'token:alice', credential: 'token' })).not.toBe(
      sessionKey(undefined, alice),
    );
    expect(sessionKey(undefined, undefined)).toBe('process');
  });
});
