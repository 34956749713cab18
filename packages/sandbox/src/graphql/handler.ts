/**
 * POST /public/graphql: parse, validate, execute against the sandbox schema, and answer with HTTP 200
 * and `{data}` or `{errors: [{message, path, locations, extensions: {code}}]}` as Panther does.
 */
import {
  buildSchema,
  type DocumentNode,
  execute,
  GraphQLError,
  type GraphQLFormattedError,
  type GraphQLSchema,
  getOperationAST,
  Kind,
  parse,
  validate,
} from 'graphql';
import type { TokenIdentity } from '../auth/tokens.js';
import type { SandboxContext } from '../context.js';
import { codeOf } from './errors.js';
import { SCHEMA_SDL } from './schema.js';
import type { GqlContext, RootResolvers } from './types.js';

export function buildSandboxSchema(): GraphQLSchema {
  return buildSchema(SCHEMA_SDL);
}

export function createGraphQLHandler(ctx: SandboxContext, resolvers: RootResolvers) {
  const schema = buildSandboxSchema();
  return async (
    body: unknown,
    identity: TokenIdentity,
    countRoute: (key: string) => void,
  ): Promise<unknown> => {
    const request = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
    if (typeof request['query'] !== 'string') {
      return failure('The body must be JSON with a "query" string', 'BAD_REQUEST');
    }
    let document: DocumentNode;
    try {
      document = parse(request['query']);
    } catch (error) {
      return { errors: [format(error as GraphQLError, 'GRAPHQL_PARSE_FAILED')] };
    }
    const validationErrors = validate(schema, document);
    if (validationErrors.length > 0) {
      return { errors: validationErrors.map((e) => format(e, 'GRAPHQL_VALIDATION_FAILED')) };
    }
    const operationName = typeof request['operationName'] === 'string' ? request['operationName'] : undefined;
    const operation = getOperationAST(document, operationName);
    for (const selection of operation?.selectionSet.selections ?? []) {
      if (selection.kind === Kind.FIELD) countRoute(`graphql ${selection.name.value}`);
    }
    const variables = request['variables'];
    const context: GqlContext = { ctx, identity };
    const result = await execute({
      schema,
      document,
      rootValue: resolvers,
      contextValue: context,
      variableValues:
        typeof variables === 'object' && variables !== null ? (variables as Record<string, unknown>) : {},
      operationName,
    });
    if (result.errors === undefined) return { data: result.data };
    const errors = result.errors.map((error) => {
      // An error outside every field (no path) is about the request: a variable of the wrong type, a missing one.
      const requestError = error.path === undefined;
      const code =
        (error.extensions['code'] as string | undefined) ??
        (requestError ? 'BAD_USER_INPUT' : codeOf(error.originalError));
      if (
        code === 'INTERNAL_SERVER_ERROR' &&
        error.originalError !== undefined &&
        !(error.originalError instanceof GraphQLError)
      ) {
        ctx.logger.error('sandbox GraphQL resolver failed', {
          path: error.path,
          error: String(error.originalError),
        });
      }
      return format(error, code);
    });
    return { data: result.data ?? null, errors };
  };
}

function format(error: GraphQLError, code: string): GraphQLFormattedError {
  const formatted = error.toJSON();
  return { ...formatted, extensions: { ...formatted.extensions, code } };
}

function failure(message: string, code: string) {
  return { errors: [{ message, extensions: { code } }] };
}
