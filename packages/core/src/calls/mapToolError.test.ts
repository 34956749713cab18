import { PantherApiError } from '@mcp-panther/client';
import { describe, expect, it } from 'vitest';
import { McpHostError, ToolInputError } from '../errors.js';
import { listThings } from '../testdata/packs.js';
import { mapToolError } from './mapToolError.js';

const text = (error: unknown) => mapToolError(listThings, error).text;

/** An error as the client makes it for an answer from Panther: its own message, Panther's words in `detail`. */
const answered = (
  code: PantherApiError['code'],
  options: { status?: number; detail?: string; retryAfterMs?: number; graphql?: boolean },
) =>
  new PantherApiError(code, 'the client may word this any way it likes', {
    status: options.status,
    retryAfterMs: options.retryAfterMs,
    detail: options.detail,
    graphqlErrors: options.graphql ? [{ message: options.detail ?? '' }] : undefined,
  });

describe('mapToolError', () => {
  it("says what each code means and adds Panther's words, from the error's data alone", () => {
    expect(text(answered('PERMISSION', { status: 403, detail: 'forbidden' }))).toBe(
      'list_things failed: Panther denied the request (403): forbidden; the API token lacks a permission (list_things needs AlertRead)',
    );
    expect(text(answered('AUTH', { status: 401 }))).toBe(
      'list_things failed: Panther rejected the API token (401); check PANTHER_API_TOKEN',
    );
    expect(text(answered('NOT_FOUND', { status: 404, detail: 'alert not found' }))).toBe(
      'list_things failed: Not found in Panther (404): alert not found',
    );
    expect(text(answered('RATE_LIMITED', { status: 429, retryAfterMs: 2500 }))).toBe(
      "list_things failed: Panther's rate limit was reached (429); try again in 3 s",
    );
    expect(
      text(answered('INVALID_INPUT', { status: 200, detail: 'Cannot query field "x"', graphql: true })),
    ).toBe('list_things failed: Panther rejected the request: Cannot query field "x"');
    expect(text(answered('UPSTREAM', { status: 502, detail: 'Bad gateway' }))).toBe(
      'list_things failed: Panther failed (502): Bad gateway',
    );
  });

  it("uses the client's message where Panther said nothing", () => {
    const timeout = new PantherApiError('TIMEOUT', 'Panther did not answer within 30000 ms', {
      detail: undefined,
    });
    expect(mapToolError(listThings, timeout)).toMatchObject({
      text: 'list_things failed: Panther did not answer within 30000 ms',
      log: 'warn',
      code: 'TIMEOUT',
    });
    const tooLarge = new PantherApiError('RESPONSE_TOO_LARGE', "Panther's answer exceeded 16 MiB", {
      status: 200,
      detail: undefined,
    });
    expect(mapToolError(listThings, tooLarge)).toMatchObject({
      text: "list_things failed: Panther's answer exceeded 16 MiB",
      log: 'warn',
    });
    const refused = new PantherApiError('INVALID_INPUT', 'Request not sent to Panther: its URL is too long', {
      detail: undefined,
    });
    expect(text(refused)).toBe('list_things failed: Request not sent to Panther: its URL is too long');
    const notJson = new PantherApiError(
      'UPSTREAM',
      'Panther answered HTTP 200 with a body that is not JSON',
      {
        status: 200,
        detail: undefined,
      },
    );
    expect(text(notJson)).toBe('list_things failed: Panther answered HTTP 200 with a body that is not JSON');
  });

  it('keeps the text of an error a tool made by hand', () => {
    expect(text(new PantherApiError('NOT_FOUND', 'No alert found with ID: a1', { status: 404 }))).toBe(
      'list_things failed: Not found in Panther (404): No alert found with ID: a1',
    );
    expect(text(new PantherApiError('UPSTREAM', 'AI inference failed (stream s1)'))).toBe(
      'list_things failed: AI inference failed (stream s1)',
    );
  });

  it('passes the message of input, time-limit, cancellation and stated failures through', () => {
    expect(
      mapToolError(listThings, new ToolInputError('cursor', 'cannot be combined with several types')),
    ).toEqual({
      text: 'Invalid argument "cursor": cannot be combined with several types',
      log: 'none',
      code: 'USER_INPUT',
    });
    const cases = [
      ['TOOL_TIMEOUT', 'none'],
      ['CANCELLED', 'none'],
      ['TOOL_FAILED', 'warn'],
    ] as const;
    for (const [code, log] of cases) {
      expect(mapToolError(listThings, new McpHostError(code, `said by ${code}`))).toEqual({
        text: `said by ${code}`,
        log,
        code,
      });
    }
  });

  it('hides every other error behind a log reference, with code INTERNAL', () => {
    for (const error of [
      new TypeError('x is undefined'),
      new McpHostError('CONFIG_INVALID', 'bad'),
      'a string',
    ]) {
      const mapped = mapToolError(listThings, error);
      expect(mapped).toMatchObject({ log: 'error', code: 'INTERNAL' });
      expect(mapped.ref).toMatch(/^[0-9a-f]{8}$/);
      expect(mapped.text).toBe(
        `list_things failed with an internal error (reference ${mapped.ref} in the server log)`,
      );
    }
  });
});
