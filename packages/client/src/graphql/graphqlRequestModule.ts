/**
 * graphql-request (and graphql under it) is imported on the first GraphQL call, not at start-up: REST-only
 * paths and the start of the server do not need it.
 */
export type GraphQLRequestModule = typeof import('graphql-request');

let loading: Promise<GraphQLRequestModule> | undefined;
let loaded: GraphQLRequestModule | undefined;

export function loadGraphQLRequest(): Promise<GraphQLRequestModule> {
  loading ??= import('graphql-request').then((module) => {
    loaded = module;
    return module;
  });
  return loading;
}

/** The module once `loadGraphQLRequest()` has resolved. */
export function graphqlRequestModule(): GraphQLRequestModule {
  if (loaded === undefined) throw new Error('graphql-request is not loaded yet (await loadGraphQLRequest())');
  return loaded;
}
