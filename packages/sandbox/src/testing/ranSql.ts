/** Test helper (not built): what the sandbox's data lake actually ran. */
import type { Sandbox } from '../types.js';

/** The SQL the sandbox ran for a query id: what reached Panther, not what the tool meant to send. */
export async function ranSql(
  sandbox: Pick<Sandbox, 'graphqlUrl' | 'tokens'>,
  queryId: string,
): Promise<string> {
  const response = await fetch(sandbox.graphqlUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'X-API-Key': sandbox.tokens.admin },
    body: JSON.stringify({
      query: 'query ($id: ID!) { dataLakeQuery(id: $id) { sql } }',
      variables: { id: queryId },
    }),
  });
  return ((await response.json()) as { data: { dataLakeQuery: { sql: string } } }).data.dataLakeQuery.sql;
}
