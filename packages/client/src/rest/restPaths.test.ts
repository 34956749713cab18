import { describe, expect, it } from 'vitest';
import { buildRestUrl, defaultCacheKind, firstPathSegment, restTags } from './restPaths.js';

describe('buildRestUrl', () => {
  it('repeats array values and drops null and undefined', () => {
    expect(
      buildRestUrl('https://api.x/', '/alerts', {
        severity: ['HIGH', 'LOW'],
        limit: 25,
        cursor: null,
        status: undefined,
        'event-count-min': 1,
        subtypes: [],
        flag: false,
      }),
    ).toBe('https://api.x/alerts?severity=HIGH&severity=LOW&limit=25&event-count-min=1&flag=false');
  });

  it('sorts keys on request, for cache keys', () => {
    expect(buildRestUrl('https://api.x', '/rules', { b: 2, a: 1 }, { sortKeys: true })).toBe(
      'https://api.x/rules?a=1&b=2',
    );
  });

  it('encodes query values', () => {
    expect(buildRestUrl('https://api.x', '/queries', { name: 'a b&c' })).toBe(
      'https://api.x/queries?name=a+b%26c',
    );
  });

  it('rejects a path without a leading slash', () => {
    expect(() => buildRestUrl('https://api.x', 'alerts')).toThrow(TypeError);
  });
});

describe('defaultCacheKind', () => {
  it.each([
    ['/alerts', 'alerts'],
    ['/alerts/abc/events', 'alerts'],
    ['/alert-comments', 'alerts'],
    ['/rules/AWS.Root', 'detections'],
    ['/policies', 'detections'],
    ['/scheduled-rules', 'detections'],
    ['/simple-rules', 'detections'],
    ['/queries/123', 'detections'],
    ['/globals', 'detections'],
    ['/data-models', 'detections'],
    ['/api-tokens/self', 'identity'],
    ['/users', 'catalog'],
    ['/roles/r1', 'catalog'],
    ['/log-sources/http/s1', 'catalog'],
    ['/something-else', 'none'],
    ['/constructor', 'none'],
  ] as const)('%s → %s', (path, kind) => {
    expect(defaultCacheKind(path)).toBe(kind);
  });
});

describe('restTags', () => {
  it('always includes the first path segment and adds the caller tags', () => {
    expect(restTags('/alert-comments', undefined)).toEqual(['alert-comments']);
    expect(restTags('/alert-comments', ['alerts'])).toEqual(['alert-comments', 'alerts']);
    expect(restTags('/alerts/1', ['alerts'])).toEqual(['alerts']);
  });
  it('reads the first segment of odd paths', () => {
    expect(firstPathSegment('//Rules/x')).toBe('rules');
    expect(firstPathSegment('/')).toBe('');
  });
});
