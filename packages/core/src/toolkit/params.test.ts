import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  cursorParam,
  FIELD_NAME_MAX_LENGTH,
  fieldsParam,
  ID_MAX_LENGTH,
  idParam,
  isoDateTimeParam,
  textParam,
} from './params.js';

/** What a schema says about a value: the first issue's message, or 'ok'. */
function verdict(schema: z.ZodType, value: unknown): string {
  const parsed = schema.safeParse(value);
  return parsed.success ? 'ok' : (parsed.error.issues[0]?.message ?? '');
}

const advertised = (schema: z.ZodType) => {
  const { $schema: _, ...json } = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' });
  return json;
};

describe('idParam', () => {
  it('accepts the ids Panther hands out', () => {
    for (const id of [
      'df1eb66cede030f1a6d29362ba437178',
      '3f0c9f6e-5a7b-4c1d-9e2f-0a1b2c3d4e5f',
      'AWS.CloudTrail.Stopped',
      'Custom Rule 1',
      'panther_base_helpers',
      'Standard.AWS.CloudTrail',
      'a+b@example.com',
      "o'brien@example.com",
      'a/b',
    ]) {
      expect(verdict(idParam(), id), id).toBe('ok');
    }
  });

  it('takes only letters, digits, _ and - with the word character set', () => {
    expect(verdict(idParam({ characters: 'word' }), 'df1eb66cede030f1a6d29362ba437178')).toBe('ok');
    expect(verdict(idParam({ characters: 'word' }), '3f0c9f6e-5a7b-4c1d-9e2f-0a1b2c3d4e5f')).toBe('ok');
    for (const id of ["a'b", 'a b', 'a.b', 'a,b', 'a@b']) {
      expect(verdict(idParam({ characters: 'word' }), id), id).toBe(
        'must be an id of ASCII letters, digits, _ or -',
      );
    }
  });

  it('refuses a lone surrogate with its own message, whichever half and wherever it is', () => {
    for (const id of ['x\uD800y', '\uDC00', 'abc\uD83D']) {
      expect(verdict(idParam(), id)).toBe('must be well-formed text (it contains a lone UTF-16 surrogate)');
      expect(verdict(idParam({ characters: 'word' }), id)).toBe(
        'must be well-formed text (it contains a lone UTF-16 surrogate)',
      );
    }
  });

  it('refuses control and non-ASCII characters, naming what is allowed', () => {
    for (const id of ['a\nb', 'a\u0000b', 'a\tb', 'a\u007fb', 'é', '😀']) {
      expect(verdict(idParam(), id), JSON.stringify(id)).toBe('must be an id of printable ASCII characters');
    }
  });

  it('refuses an empty id and one over the bound', () => {
    expect(verdict(idParam(), '')).toBe('must not be empty');
    expect(verdict(idParam(), 'a'.repeat(ID_MAX_LENGTH))).toBe('ok');
    expect(verdict(idParam(), 'a'.repeat(ID_MAX_LENGTH + 1))).toMatch(/<=256/);
    expect(verdict(idParam({ maxLength: 40 }), 'a'.repeat(41))).toMatch(/<=40/);
  });

  it('advertises only its bound', () => {
    expect(advertised(idParam({ maxLength: 64 }))).toEqual({ type: 'string', maxLength: 64 });
  });
});

describe('textParam and cursorParam', () => {
  it('take any well-formed text up to the bound, including surrogate pairs', () => {
    expect(verdict(textParam(10), 'ünïcødé 😀')).toBe('ok');
    expect(verdict(textParam(10), '')).toBe('ok');
    expect(verdict(textParam(10), 'x'.repeat(11))).toMatch(/<=10/);
    expect(verdict(cursorParam(), 'eyJrIjoidiJ9')).toBe('ok');
    expect(verdict(cursorParam(), 'c'.repeat(4097))).toMatch(/<=4096/);
  });

  it('refuse a lone surrogate', () => {
    expect(verdict(textParam(10), 'a\uDFFF')).toBe(
      'must be well-formed text (it contains a lone UTF-16 surrogate)',
    );
    expect(verdict(cursorParam(), '\uD800')).toBe(
      'must be well-formed text (it contains a lone UTF-16 surrogate)',
    );
  });

  it('advertise their bound', () => {
    expect(advertised(textParam(200))).toEqual({ type: 'string', maxLength: 200 });
    expect(advertised(cursorParam())).toEqual({ type: 'string', maxLength: 4096 });
  });
});

describe('isoDateTimeParam', () => {
  it('parses to a Date in UTC', () => {
    expect(isoDateTimeParam().parse('2024-05-01T10:00:00+02:00')).toEqual(new Date('2024-05-01T08:00:00Z'));
    expect(isoDateTimeParam().parse('2024-05-01')).toEqual(new Date('2024-05-01T00:00:00Z'));
  });

  it('refuses what Date.parse would guess at, with a message showing what is allowed', () => {
    for (const value of ["' OR '1'='1", '2001', 'Tue May 01 2024', '2024-02-30']) {
      expect(verdict(isoDateTimeParam(), value), value).toBe(
        'expected an ISO-8601 date-time such as 2024-05-01T00:00:00Z',
      );
    }
    expect(verdict(isoDateTimeParam(), '2'.repeat(41))).toMatch(/<=40/);
    expect(verdict(isoDateTimeParam(), 20240501)).toMatch(/expected string/);
  });

  it('advertises a bounded string', () => {
    expect(advertised(isoDateTimeParam())).toEqual({ type: 'string', maxLength: 40 });
  });
});

describe('fieldsParam', () => {
  const fields = fieldsParam(['id', 'title', 'severity']);

  it('takes known names, in any order', () => {
    expect(fields.parse(['severity', 'id'])).toEqual(['severity', 'id']);
  });

  it('refuses unknown names, listing the allowed ones', () => {
    expect(verdict(fields, ['body', 'body', 'x'])).toBe(
      'must name fields from id, title, severity (unknown: "body", "x")',
    );
  });

  it('refuses too many names and over-long ones', () => {
    expect(verdict(fields, [])).toBe('ok');
    expect(verdict(fields, ['id', 'id', 'id', 'id'])).toMatch(/<=3/);
    expect(verdict(fields, ['x'.repeat(FIELD_NAME_MAX_LENGTH + 1)])).toMatch(/<=64/);
  });

  it('advertises a bounded list of bounded strings, not the names', () => {
    expect(advertised(fields)).toEqual({
      type: 'array',
      maxItems: 3,
      items: { type: 'string', maxLength: FIELD_NAME_MAX_LENGTH },
    });
  });
});
