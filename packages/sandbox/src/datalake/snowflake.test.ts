import { describe, expect, it } from 'vitest';
import { snowflakeStringValue, translateSnowflake } from './snowflake.js';

describe('translateSnowflake', () => {
  it('turns colon paths into JSON extraction', () => {
    expect(
      translateSnowflake("SELECT userIdentity:arn FROM t WHERE requestParameters:bucketName = 'x'"),
    ).toBe(
      "SELECT json_extract_string(userIdentity, '$.arn') FROM t WHERE json_extract_string(requestParameters, '$.bucketName') = 'x'",
    );
    expect(translateSnowflake('t.client:geographicalContext.country')).toBe(
      "json_extract_string(t.client, '$.geographicalContext.country')",
    );
    expect(translateSnowflake('p_enrichment:ipinfo_asn:"client.ipAddress"')).toBe(
      `json_extract_string(p_enrichment, '$.ipinfo_asn')` + ':"client.ipAddress"',
    );
    expect(translateSnowflake('target:"a.b"[0].id')).toBe(`json_extract_string(target, '$."a.b"[0].id')`);
  });

  it('maps casts and leaves DuckDB casts, strings and times alone', () => {
    expect(translateSnowflake('x::VARIANT, y::timestamp_ntz, z::varchar, w::INT')).toBe(
      'x::JSON, y::TIMESTAMP, z::varchar, w::INT',
    );
    expect(translateSnowflake('SELECT \'10:30:00\' AS t, "a:b" FROM x')).toBe(
      'SELECT \'10:30:00\' AS t, "a:b" FROM x',
    );
    expect(translateSnowflake('userIdentity:userName::string')).toBe(
      "json_extract_string(userIdentity, '$.userName')::VARCHAR",
    );
  });

  it('translates common Snowflake functions', () => {
    expect(translateSnowflake("ARRAY_CONTAINS('1.2.3.4'::VARIANT, p_any_ip_addresses)")).toBe(
      "list_contains(p_any_ip_addresses, '1.2.3.4')",
    );
    expect(translateSnowflake('array_size(p_any_emails)')).toBe('len(p_any_emails)');
    expect(translateSnowflake("IFF(a > 1, 'x', 'y')")).toBe("if(a > 1, 'x', 'y')");
    expect(translateSnowflake('DATEADD(day, -7, CURRENT_TIMESTAMP())')).toBe(
      '(CAST(CURRENT_TIMESTAMP AS TIMESTAMP) + INTERVAL (-7) day)',
    );
    expect(translateSnowflake("DATEDIFF('hours', a, b)")).toBe("date_diff('hour', a, b)");
    expect(translateSnowflake('ARRAY_CONTAINS(actor:id::variant, ids)')).toBe(
      "list_contains(ids, json_extract_string(actor, '$.id'))",
    );
  });

  it('reads backslash escapes in strings as Snowflake does, and writes them for DuckDB', () => {
    expect(translateSnowflake(String.raw`SELECT 'C:\\temp\\' AS p, 'it\'s' AS q`)).toBe(
      String.raw`SELECT 'C:\temp\' AS p, 'it''s' AS q`,
    );
    expect(translateSnowflake(String.raw`SELECT '\x41\u0042\103\d'`)).toBe("SELECT 'ABCd'");
    expect(translateSnowflake(String.raw`SELECT 'tab\there'`)).toBe("SELECT 'tab\there'");
    // No backslash, a prefixed literal, comments and identifiers: unchanged.
    for (const sql of ["SELECT 'plain', X'41'", String.raw`SELECT 1 -- it\'s`, String.raw`SELECT "a\b"`]) {
      expect(translateSnowflake(sql)).toBe(sql);
    }
  });

  it('reads one whole literal only', () => {
    expect(snowflakeStringValue("'a''b'")).toBe("a'b");
    expect(snowflakeStringValue(String.raw`'a\\'`)).toBe('a\\');
    expect(snowflakeStringValue(String.raw`'a\'`)).toBeUndefined();
    expect(snowflakeStringValue("'a' 'b'")).toBeUndefined();
  });
});
