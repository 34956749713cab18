import { describe, expect, it } from 'vitest';
import { guardSql } from '../sql/guard.js';
import { tokenize } from '../sql/tokenize.js';
import { sqlIntegerLiteral, sqlStringLiteral } from '../support/sql-literal.js';
import { HOSTILE_STRINGS } from '../testdata/hostile.js';
import { BindingError, bindTemplate } from './bind.js';
import { parseTemplate } from './template.js';

const TEMPLATE = parseTemplate(
  'SELECT p_event_time, actor FROM panther_logs.public.okta_systemlog ' +
    'WHERE actor = {{user}} AND p_occurs_since({{window}}) AND ip IN ({{ips}}) LIMIT {{n}}',
);

const significant = (sql: string) => tokenize(sql).filter((t) => t.kind !== 'space' && t.kind !== 'comment');

describe('bindTemplate', () => {
  it('puts each literal where its placeholder was', () => {
    const sql = bindTemplate(
      TEMPLATE,
      new Map([
        ['user', sqlStringLiteral("O'Brien")],
        ['window', sqlIntegerLiteral(86_400)],
        ['ips', ['10.0.0.1', '10.0.0.2'].map(sqlStringLiteral).join(', ')],
        ['n', sqlIntegerLiteral(10)],
      ]),
    );
    expect(sql).toBe(
      'SELECT p_event_time, actor FROM panther_logs.public.okta_systemlog ' +
        "WHERE actor = 'O''Brien' AND p_occurs_since(86400) AND ip IN ('10.0.0.1', '10.0.0.2') LIMIT 10",
    );
  });

  it.each(HOSTILE_STRINGS.map((value) => [value.length > 60 ? `${value.slice(0, 20)}…` : value, value]))(
    'binds %j without changing the statement',
    (_label, value) => {
      const literals = new Map([
        ['user', sqlStringLiteral(value)],
        ['window', sqlIntegerLiteral(3600)],
        ['ips', [value, value].map(sqlStringLiteral).join(', ')],
        ['n', sqlIntegerLiteral(-1)],
      ]);
      const sql = bindTemplate(TEMPLATE, literals);
      const tokens = significant(sql);
      // The same statement as with a harmless value: only the string literals' contents differ.
      const reference = significant(
        bindTemplate(TEMPLATE, new Map([...literals, ['user', "'x'"], ['ips', "'x', 'x'"]])),
      );
      expect(tokens.map((t) => t.kind)).toEqual(reference.map((t) => t.kind));
      expect(tokens.filter((t) => t.kind !== 'string').map((t) => t.text)).toEqual(
        reference.filter((t) => t.kind !== 'string').map((t) => t.text),
      );
      // The guard still sees one read-only SELECT with its time filter.
      expect(guardSql(sql, { databaseName: 'panther_logs.public' })).toMatchObject({
        statement: 'SELECT',
        timeFilter: 'macro',
      });
    },
  );

  it('refuses a literal that would add SQL (the check behind the literal routine)', () => {
    const template = parseTemplate('SELECT * FROM t WHERE a = {{user}}');
    expect(() => bindTemplate(template, new Map([['user', "'x' OR 1=1"]]))).toThrow(BindingError);
    expect(() => bindTemplate(template, new Map([['user', "'x'; DROP TABLE t"]]))).toThrow(BindingError);
    expect(() => bindTemplate(template, new Map([['user', '1 --']]))).toThrow(BindingError);
  });

  it('refuses a missing value', () => {
    expect(() => bindTemplate(TEMPLATE, new Map())).toThrow('no value for {{user}}');
  });
});
