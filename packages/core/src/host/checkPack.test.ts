import semver from 'semver';
import { describe, expect, it } from 'vitest';
import { satisfiesCaret } from './checkPack.js';

describe('satisfiesCaret', () => {
  it('agrees with semver on plain caret ranges', () => {
    const parts = [0, 1, 2, 10];
    const versions = parts.flatMap((a) => parts.flatMap((b) => parts.map((c) => `${a}.${b}.${c}`)));
    for (const range of versions.map((v) => `^${v}`)) {
      for (const version of versions) {
        expect(satisfiesCaret(version, range), `${version} vs ${range}`).toBe(
          semver.satisfies(version, range, { includePrerelease: true }),
        );
      }
    }
  });

  it('leaves other ranges and prereleases to semver', () => {
    expect(satisfiesCaret('0.1.0', '>=0.0.1')).toBeUndefined();
    expect(satisfiesCaret('0.1.0', '~0.1.0')).toBeUndefined();
    expect(satisfiesCaret('0.1.0', '^0.1')).toBeUndefined();
    expect(satisfiesCaret('0.1.0-beta.1', '^0.1.0')).toBeUndefined();
    expect(satisfiesCaret('0.1.0', '*')).toBeUndefined();
  });
});
