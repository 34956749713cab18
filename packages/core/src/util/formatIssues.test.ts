import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { formatIssues } from './formatIssues.js';

const issuesOf = (schema: z.ZodType, value: unknown) => {
  const parsed = schema.safeParse(value, { reportInput: true });
  if (parsed.success) throw new Error('expected a refusal');
  return formatIssues(parsed.error, schema);
};

describe('formatIssues', () => {
  it('says only that a value has the wrong type, not what checks of another type make of it', () => {
    const schema = z.object({ names: z.array(z.string()).min(1).max(20), limit: z.int().max(5) });
    expect(issuesOf(schema, { names: 'a string longer than twenty', limit: 3 })).toEqual([
      { path: 'names', message: 'must be an array (got "a string longer than twenty")' },
    ]);
  });

  it('keeps every problem of values of the right type', () => {
    const schema = z.object({
      names: z.array(z.string().max(2)),
      tags: z.array(z.string()).max(1),
      limit: z.int().max(5),
    });
    expect(issuesOf(schema, { names: ['abc'], tags: ['a', 'b'], limit: 6 })).toEqual([
      { path: 'names[0]', message: 'must be at most 2 characters long (got "abc")' },
      { path: 'tags', message: 'must have at most 1 items (got ["a","b"])' },
      { path: 'limit', message: 'must be <= 5 (got 6)' },
    ]);
  });
});
