import { expect, it } from 'vitest';
import { describeWithPrograms } from '../index.js';

// Run by describeWithPrograms.test.ts in a Vitest of its own: one suite whose program is missing, one whose is not.

describeWithPrograms(
  [{ command: 'mcp-panther-absent-program', install: 'apt-get install -y absent-program' }],
  'a suite that needs a program this machine lacks',
  () => {
    it('does not run', () => {
      throw new Error('ran without its program');
    });
  },
);

describeWithPrograms(
  [{ command: 'node', install: 'see nodejs.org' }],
  'a suite whose program is here',
  () => {
    it('runs', () => {
      expect(1 + 1).toBe(2);
    });
  },
);
