import { PantherApiError } from '@mcp-panther/client';
import { describe, expect, it } from 'vitest';
import { ToolInputError } from '../errors.js';
import { listThings } from '../testdata/packs.js';
import { mapToolError } from './toolErrors.js';

const text = (error: unknown) => mapToolError(listThings, error).text;

describe('mapToolError', () => {
  it("keeps Panther's own text and says what the status means, once", () => {
    expect(
      text(
        new PantherApiError(
          'PERMISSION',
          'The API token lacks a permission this call needs (HTTP 403): forbidden',
          { status: 403 },
        ),
      ),
    ).toBe(
      'list_things failed: Panther denied the request (403): forbidden; the API token lacks a permission (list_things needs AlertRead)',
    );
    expect(
      text(new PantherApiError('AUTH', 'Panther rejected the API token (HTTP 401)', { status: 401 })),
    ).toBe('list_things failed: Panther rejected the API token (401); check PANTHER_API_TOKEN');
    expect(
      text(new PantherApiError('NOT_FOUND', 'Panther answered HTTP 404: alert not found', { status: 404 })),
    ).toBe('list_things failed: Not found in Panther (404): alert not found');
    expect(
      text(
        new PantherApiError('RATE_LIMITED', 'Panther rate limit reached (HTTP 429); retry after 3 s', {
          status: 429,
          retryAfterMs: 2500,
        }),
      ),
    ).toBe("list_things failed: Panther's rate limit was reached (429); try again in 3 s");
    expect(text(new PantherApiError('INVALID_INPUT', 'Panther GraphQL error: Cannot query field "x"'))).toBe(
      'list_things failed: Panther rejected the request (400): Cannot query field "x"',
    );
    expect(text(new PantherApiError('TIMEOUT', 'Panther did not answer within 30000 ms'))).toBe(
      'list_things failed: Panther did not answer within 30000 ms',
    );
  });

  it('passes input errors through and hides unknown errors behind a log reference', () => {
    expect(text(new ToolInputError('cursor', 'cannot be combined with several types'))).toBe(
      'Invalid argument "cursor": cannot be combined with several types',
    );
    const mapped = mapToolError(listThings, new TypeError('x is undefined'));
    expect(mapped.log).toBe('error');
    expect(mapped.text).toBe(
      `list_things failed with an internal error (reference ${mapped.ref} in the server log)`,
    );
  });
});
