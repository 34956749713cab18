import { describe, expect, it } from 'vitest';
import { expandMacros, MacroError, parseOffset } from './macros.js';

const NOW = new Date('2025-05-20T12:00:00.000Z');

describe('parseOffset', () => {
  it('reads seconds and every unit form', () => {
    expect(parseOffset('900', 'm')).toBe(900);
    expect(parseOffset("'900'", 'm')).toBe(900);
    expect(parseOffset("'6 d'", 'm')).toBe(6 * 86_400);
    expect(parseOffset("'2 weeks'", 'm')).toBe(14 * 86_400);
    expect(parseOffset("'96 hrs'", 'm')).toBe(96 * 3600);
    expect(parseOffset("'30m'", 'm')).toBe(1800);
    expect(parseOffset("'1 hour'", 'm')).toBe(3600);
    expect(parseOffset("'45 sec'", 'm')).toBe(45);
    expect(parseOffset("'3 wk'", 'm')).toBe(21 * 86_400);
  });

  it('rejects unknown units with a helpful message', () => {
    expect(() => parseOffset("'6 fortnights'", 'p_occurs_since')).toThrow(MacroError);
    expect(() => parseOffset("'soon'", 'p_occurs_since')).toThrow(/e\.g\. '6 d'/);
  });
});

describe('expandMacros', () => {
  it('expands p_occurs_since against now', () => {
    expect(expandMacros("SELECT 1 FROM t WHERE p_occurs_since('1 d')", NOW)).toBe(
      "SELECT 1 FROM t WHERE (p_event_time >= TIMESTAMP '2025-05-19 12:00:00.000')",
    );
    expect(expandMacros('WHERE P_OCCURS_SINCE(3600, cs)', NOW)).toBe(
      "WHERE (cs.p_event_time >= TIMESTAMP '2025-05-20 11:00:00.000')",
    );
    expect(expandMacros("WHERE p_occurs_since('2 h', 'x', p_parse_time)", NOW)).toBe(
      "WHERE (x.p_parse_time >= TIMESTAMP '2025-05-20 10:00:00.000')",
    );
  });

  it('expands between, around, after and before', () => {
    expect(expandMacros("p_occurs_between('2024-01-02 15:04:05.000', '2024-01-03T00:00:00Z')", NOW)).toBe(
      "(p_event_time BETWEEN TIMESTAMP '2024-01-02 15:04:05.000' AND TIMESTAMP '2024-01-03 00:00:00.000')",
    );
    const around = expandMacros("p_occurs_around('2024-01-15T10:30:00Z', '1 h')", NOW);
    expect(around).toContain("TIMESTAMP '2024-01-15 10:30:00.000' - to_microseconds(3600000000::BIGINT)");
    expect(expandMacros("p_occurs_after('2024-01-01', a)", NOW)).toBe(
      "(a.p_event_time > TIMESTAMP '2024-01-01 00:00:00.000')",
    );
    expect(expandMacros("p_occurs_before('2024-01-01 00:00:00+02:00')", NOW)).toBe(
      "(p_event_time < TIMESTAMP '2023-12-31 22:00:00.000')",
    );
  });

  it('keeps expressions as time arguments and leaves strings and comments alone', () => {
    expect(expandMacros('p_occurs_after(current_date - 1)', NOW)).toBe(
      '(p_event_time > CAST(current_date - 1 AS TIMESTAMP))',
    );
    const sql = "SELECT 'p_occurs_since(1)' AS s -- p_occurs_since(2)\nFROM t";
    expect(expandMacros(sql, NOW)).toBe(sql);
    expect(expandMacros('SELECT my_p_occurs_since(1)', NOW)).toBe('SELECT my_p_occurs_since(1)');
  });

  it('reports bad arguments', () => {
    expect(() => expandMacros('p_occurs_since()', NOW)).toThrow(/takes 1 to 3 arguments/);
    expect(() => expandMacros("p_occurs_between('yesterday', 'today')", NOW)).toThrow(/invalid timestamp/);
    expect(() => expandMacros("p_occurs_since('1 d', 'a b')", NOW)).toThrow(/table alias/);
  });
});
