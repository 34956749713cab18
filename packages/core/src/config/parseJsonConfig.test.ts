import { describe, expect, it } from 'vitest';
import { ConfigFileError } from './loadTypeScriptConfig.js';
import { findJsonSyntaxProblem, parseJsonConfig } from './parseJsonConfig.js';

function problem(text: string): { at: string; problem: string } | undefined {
  const found = findJsonSyntaxProblem(text);
  return found && { at: text.slice(found.offset), problem: found.problem };
}

describe('findJsonSyntaxProblem', () => {
  it('finds nothing in valid JSON', () => {
    for (const text of ['{}', '[]', ' {"a": [1, -2.5e3, true, false, null, "x\\n\\u00e9"]} ', '"s"', '0']) {
      expect(JSON.parse(text)).toBeDefined();
      expect(findJsonSyntaxProblem(text)).toBeUndefined();
    }
  });

  it('points at the comma before a closing bracket', () => {
    expect(problem('{"a": 1,\n}')).toEqual({
      at: ',\n}',
      problem: 'a comma before } is not allowed in JSON',
    });
    expect(problem('[1, 2, ]')).toEqual({ at: ', ]', problem: 'a comma before ] is not allowed in JSON' });
  });

  it('says what was expected and what was found', () => {
    expect(problem('{a: 1}')).toEqual({
      at: 'a: 1}',
      problem: 'expected a field name in double quotes, found "a"',
    });
    expect(problem('{"a" 1}')).toEqual({ at: '1}', problem: 'expected ":" after the field name, found "1"' });
    expect(problem('{"a": 1 "b": 2}')).toEqual({
      at: '"b": 2}',
      problem: 'expected "," or "}" after a field, found "\\""',
    });
    expect(problem('[1 2]')?.problem).toBe('expected "," or "]" after an item, found "2"');
    expect(problem('{"a": tru}')?.problem).toBe('expected a value, found "t"');
    expect(problem('{"a": \'x\'}')?.problem).toBe('strings must use double quotes');
    expect(problem('{} {}')).toEqual({
      at: '{}',
      problem: 'expected the end of the file after the value, found "{"',
    });
  });

  it('reports strings that are not closed or hold what JSON forbids', () => {
    expect(problem('{"a": "x}')).toEqual({ at: '"x}', problem: 'this string is never closed' });
    expect(problem('{"a": "x\ny"}')?.problem).toMatch(/must end on the line it starts/);
    expect(problem('{"a": "\\q"}')?.problem).toBe('"\\\\q" is not a JSON escape');
    expect(problem('{"a": "\\u12"}')?.problem).toBe('a \\u escape needs four hex digits');
    expect(problem('{"a": ')).toEqual({ at: '', problem: 'expected a value, found the end of the file' });
  });
});

describe('parseJsonConfig', () => {
  it('parses JSON (an empty file or a byte-order mark included)', () => {
    expect(parseJsonConfig('c.json', '\ufeff{"a": 1}')).toEqual({ a: 1 });
    expect(parseJsonConfig('c.json', '  \n')).toEqual({});
  });

  it('throws one error naming the file, the line and column, with one code frame', () => {
    const text = '{\n  "policy": {\n    "mode": "read-only",\n  }\n}\n';
    let error: unknown;
    try {
      parseJsonConfig('/x/c.json', text);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigFileError);
    const { filepath, message } = error as ConfigFileError;
    expect(filepath).toBe('/x/c.json');
    expect(message.split('\n')[0]).toBe(
      'JSON syntax error at line 3, column 24: a comma before } is not allowed in JSON',
    );
    expect(message).toContain('> 3 |     "mode": "read-only",\n    |                        ^');
    expect(message.match(/\^/g)).toHaveLength(1);
    expect(message.match(/> 3 \|/g)).toHaveLength(1);
  });
});
