import { graphqlRequestModule } from './graphqlRequestModule.js';

export interface OperationInfo {
  readonly isMutation: boolean;
  readonly operationName: string | undefined;
}

// Documents are module constants in practice, so a small memo saves parsing one on every call.
const MEMO_LIMIT = 256;
const memo = new Map<string, OperationInfo>();

/**
 * Whether a document is a mutation, and its operation name (for logs), as graphql-request reads them.
 * Call after `loadGraphQLRequest()`.
 */
export function operationInfo(document: string): OperationInfo {
  let info = memo.get(document);
  if (info === undefined) {
    const analysed = graphqlRequestModule().analyzeDocument(document);
    info = { isMutation: analysed.isMutation, operationName: analysed.operationName };
    if (memo.size >= MEMO_LIMIT) memo.clear();
    memo.set(document, info);
  }
  return info;
}
