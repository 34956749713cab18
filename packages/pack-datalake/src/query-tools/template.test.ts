import { describe, expect, it } from 'vitest';
import { parseTemplate, TemplateError } from './template.js';

describe('parseTemplate', () => {
  it('finds placeholders in code, with what stands around them', () => {
    const template = parseTemplate(
      'SELECT * FROM t WHERE user_name = {{user}} AND p_occurs_since({{window}}) AND ip IN ({{ips}}) LIMIT {{n}}',
    );
    expect(template.placeholders.map((p) => p.name)).toEqual(['user', 'window', 'ips', 'n']);
    const ips = template.placeholders[2];
    expect([ips?.before?.text, ips?.after?.text]).toEqual(['(', ')']);
    expect(template.placeholders[0]?.position).toBe(34);
  });

  it('reads a template with no placeholders', () => {
    expect(parseTemplate('SELECT 1').placeholders).toEqual([]);
  });

  it.each([
    ["WHERE a = '{{user}}'", 'inside a string'],
    ['WHERE a = $${{user}}$$', 'inside a string'],
    ['SELECT "{{col}}" FROM t', 'inside a quoted identifier'],
    ['SELECT 1 -- {{user}}', 'inside a comment'],
    ['SELECT 1 /* {{ user }} */', 'inside a comment'],
  ])('refuses a placeholder in %s (%s)', (sql, where) => {
    expect(() => parseTemplate(sql)).toThrow(TemplateError);
    expect(() => parseTemplate(sql)).toThrow(where);
  });

  it.each([
    ['SELECT {{ user }}', 'malformed placeholder'],
    ['SELECT {{User}}', 'lower-case letters'],
    ['SELECT {{1x}}', 'SQL not accepted at position 10'],
    ['SELECT {{a-b}}', 'malformed placeholder'],
  ])('refuses the malformed %s', (sql, message) => {
    expect(() => parseTemplate(sql)).toThrow(message);
  });

  it.each([
    ['SELECT abc{{x}}', 'touches abc before it'],
    ["SELECT 'a'{{x}}", "touches 'a' before it"],
    ["SELECT {{x}}'a'", "touches 'a' after it"],
    ['SELECT 1{{x}}', 'touches 1 before it'],
    ['SELECT {{x}}.5', 'touches .5 after it'],
    ['SELECT {{x}}.a', 'touches . after it'],
    ['SELECT {{x}}abc', 'touches abc after it'],
    ['SELECT "c"{{x}}', 'touches "c" before it'],
  ])('refuses %s: the value would run into the SQL beside it', (sql, message) => {
    expect(() => parseTemplate(sql)).toThrow(message);
  });

  it.each([
    ['SELECT 1 AS {{x}}', 'where an alias goes'],
    ['SELECT * FROM {{x}}', 'where a table goes (after FROM)'],
    ['SELECT * FROM t JOIN {{x}} ON 1 = 1', 'where a table goes (after JOIN)'],
    ['SELECT * FROM t, {{x}}', 'in the table list of FROM'],
    ['SELECT * FROM IDENTIFIER({{x}})', 'inside IDENTIFIER(…)'],
    ['SELECT * FROM TABLE({{x}})', 'inside TABLE(…)'],
    ['SELECT * FROM TABLE(RESULT_SCAN({{x}}))', 'inside RESULT_SCAN(…)'],
    ["SELECT IDENTIFIER(CONCAT('panther_logs.public.', {{x}}))", 'inside IDENTIFIER(…)'],
    ['SELECT * FROM @{{x}}', 'where a stage goes'],
  ])('refuses %s: parameters are values, never names', (sql, where) => {
    expect(() => parseTemplate(sql)).toThrow(where);
  });

  it('accepts values beside operators, commas and parentheses', () => {
    const template = parseTemplate(
      'SELECT a, {{x}} FROM t WHERE b-{{n}} > 0 AND c IN ({{list}}) AND d=({{y}})',
    );
    expect(template.placeholders.map((p) => p.name)).toEqual(['x', 'n', 'list', 'y']);
  });

  it('reports SQL the tokenizer refuses, with the position', () => {
    expect(() => parseTemplate("SELECT 'unterminated")).toThrow('SQL not accepted at position 7');
  });
});
