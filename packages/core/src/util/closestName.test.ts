import { describe, expect, it } from 'vitest';
import { closestName, editDistance } from './closestName.js';

describe('editDistance', () => {
  it('counts insertions, deletions, substitutions and swaps of neighbours', () => {
    expect(editDistance('', '')).toBe(0);
    expect(editDistance('mode', 'mode')).toBe(0);
    expect(editDistance('mod', 'mode')).toBe(1);
    expect(editDistance('moed', 'mode')).toBe(1);
    expect(editDistance('ca', 'abc')).toBe(3);
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('', 'abc')).toBe(3);
  });
});

describe('closestName', () => {
  const policy = ['mode', 'allowTools', 'denyTools', 'hideUnpermittedTools', 'confirmWrites', 'toolTimeouts'];

  it('names the field a slip most likely meant', () => {
    expect(closestName('mod', policy)).toBe('mode');
    expect(closestName('moed', policy)).toBe('mode');
    expect(closestName('allowTool', policy)).toBe('allowTools');
    expect(closestName('denytools', policy)).toBe('denyTools');
    expect(closestName('instanceURL', ['instanceUrl', 'restUrl', 'graphqlUrl', 'token'])).toBe('instanceUrl');
    expect(closestName('tokn', ['instanceUrl', 'restUrl', 'graphqlUrl', 'token'])).toBe('token');
  });

  it('names nothing when no field is near, or two are equally near', () => {
    expect(closestName('verbose', policy)).toBeUndefined();
    expect(closestName('x', policy)).toBeUndefined();
    expect(closestName('ab', ['aa', 'bb'])).toBeUndefined();
    expect(closestName('mode', [])).toBeUndefined();
  });
});
