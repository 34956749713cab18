import type { TokenIdentity } from '../auth/tokens.js';
import type { SandboxContext } from '../context.js';

export interface GqlContext {
  ctx: SandboxContext;
  identity: TokenIdentity;
}

// biome-ignore lint/suspicious/noExplicitAny: GraphQL arguments are validated by the schema before they arrive
export type Args = Record<string, any>;

/** Root field resolvers: graphql-js calls them as rootValue[field](args, context). */
export type RootResolvers = Record<string, (args: Args, context: GqlContext) => unknown>;
