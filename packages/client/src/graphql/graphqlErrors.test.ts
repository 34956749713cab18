import { describe, expect, it } from 'vitest';
import { codeForGraphQLErrors, errorFromGraphQLErrors, normaliseGraphQLErrors } from './graphqlErrors.js';

describe('codeForGraphQLErrors', () => {
  it.each([
    [{ message: 'x', extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }, 'INVALID_INPUT'],
    [{ message: 'x', extensions: { code: 'BAD_USER_INPUT' } }, 'INVALID_INPUT'],
    [{ message: 'x', extensions: { code: 'InvalidInput' } }, 'INVALID_INPUT'],
    [{ message: 'x', extensions: { code: 'NotFound' } }, 'NOT_FOUND'],
    [{ message: 'x', extensions: { code: 'NOT_FOUND' } }, 'NOT_FOUND'],
    [{ message: 'x', extensions: { code: 'UNAUTHENTICATED' } }, 'AUTH'],
    [{ message: 'x', extensions: { code: 'FORBIDDEN' } }, 'PERMISSION'],
    [{ message: 'alert abc not found' }, 'NOT_FOUND'],
    [{ message: 'access denied' }, 'PERMISSION'],
    [{ message: 'Cannot query field "nope" on type "Query".' }, 'INVALID_INPUT'],
    [{ message: 'Variable "$input" got invalid value' }, 'INVALID_INPUT'],
    [{ message: 'internal failure' }, 'UPSTREAM'],
    [{ message: 'x', extensions: { code: 'INTERNAL_SERVER_ERROR' } }, 'UPSTREAM'],
  ] as const)('%j → %s', (error, code) => {
    expect(codeForGraphQLErrors([error])).toBe(code);
  });
});

describe('normaliseGraphQLErrors', () => {
  it('keeps message, path and extensions, and redacts the secret', () => {
    expect(
      normaliseGraphQLErrors(
        [
          { message: 'bad key s3cret', path: ['alert', 0, {}], extensions: { code: 'X' }, locations: [] },
          'plain',
        ],
        's3cret',
      ),
    ).toEqual([
      { message: 'bad key [redacted]', path: ['alert', 0], extensions: { code: 'X' } },
      { message: 'plain' },
    ]);
  });
});

describe('errorFromGraphQLErrors', () => {
  it('names the first error and counts the rest', () => {
    const error = errorFromGraphQLErrors([{ message: 'first' }, { message: 'second' }], 200);
    expect(error.message).toBe('Panther GraphQL error: first (and 1 more)');
    expect(error.graphqlErrors).toHaveLength(2);
    expect(error.code).toBe('UPSTREAM');
  });
});
