import type { ApolloServerOptionsWithGateway, BaseContext } from '@apollo/server';
import {
  type DocumentNode,
  type ExecutionResult,
  execute,
  GraphQLError,
  type GraphQLSchema,
  getNamedType,
  getVariableValues,
  isInputObjectType,
  type OperationDefinitionNode,
  typeFromAST,
} from 'graphql';
import { type CompiledQuery, compileQuery, isCompiledQuery } from 'graphql-jit';

type Gateway = ApolloServerOptionsWithGateway<BaseContext>['gateway'];

/** Compiled operations kept per process; a client sending endless distinct documents only evicts. */
const MAX_COMPILED = 1000;

/**
 * graphql-jit coerces variables itself and, unlike the spec and graphql-js, does not apply the defaults of
 * input-object fields. Operations with input-object variables (and every mutation, where execution cost
 * is small next to the transaction) therefore run on graphql-js.
 */
export function compilable(schema: GraphQLSchema, op: OperationDefinitionNode): boolean {
  if (op.operation !== 'query') return false;
  return (op.variableDefinitions ?? []).every((v) => {
    const type = typeFromAST(schema, v.type as never);
    return type !== undefined && !isInputObjectType(getNamedType(type));
  });
}

/**
 * graphql-jit wraps resolver errors in its own class (which passes `instanceof GraphQLError` but may lack
 * `extensions`); Apollo and the error mapper expect graphql-js's, with the resolver's error as originalError.
 */
function asGraphQLError(error: unknown): GraphQLError {
  if (error instanceof GraphQLError && error.extensions !== undefined) return error;
  const e = error as Pick<GraphQLError, 'message' | 'path' | 'locations' | 'originalError' | 'extensions'>;
  const err = new GraphQLError(e.message, { path: e.path, originalError: e.originalError ?? undefined, extensions: e.extensions });
  if (e.locations) Object.defineProperty(err, 'locations', { value: e.locations, enumerable: true });
  return err;
}

/**
 * Executes read operations with graphql-jit instead of graphql-js's interpreter: each distinct document is
 * compiled once into a function that walks its selection directly. Resolvers, role checks, scalars and
 * errors are the schema's own; what goes away is the per-field interpretation overhead, which on a day view
 * of ~200 appointments was the largest share of the server's CPU per request. Variables are still coerced
 * by graphql-js first, so bad input gets the same errors (and the same scrubbing) on both paths.
 * Apollo accepts a custom executor only through its gateway interface, hence the shape.
 */
export function jitGateway(schema: GraphQLSchema): Gateway {
  const compiled = new Map<string, CompiledQuery | ExecutionResult | null>();
  const compiledFor = (key: string, document: DocumentNode, op: OperationDefinitionNode, name: string | null) => {
    let entry = compiled.get(key);
    if (entry !== undefined) {
      compiled.delete(key); // re-inserted below: the map's order is least recently used first
    } else {
      entry = compilable(schema, op) ? compileQuery(schema, document, name ?? undefined) : null;
      if (compiled.size >= MAX_COMPILED) compiled.delete(compiled.keys().next().value!);
    }
    compiled.set(key, entry);
    return entry;
  };
  return {
    async load() {
      return {
        executor: async (rc) => {
          const variables = rc.request.variables ?? {};
          // No operation resolved (an operationName the document lacks, or several operations and no name):
          // graphql-js reports it, and Apollo turns that into a 400 validation error.
          if (!rc.operation) {
            return execute({ schema, document: rc.document, contextValue: rc.context, variableValues: variables, operationName: rc.request.operationName });
          }
          const entry = compiledFor(`${rc.queryHash}:${rc.operationName ?? ''}`, rc.document, rc.operation, rc.operationName);
          if (!entry || !isCompiledQuery(entry)) {
            return execute({ schema, document: rc.document, contextValue: rc.context, variableValues: variables, operationName: rc.operationName });
          }
          const coerced = getVariableValues(schema, rc.operation.variableDefinitions ?? [], variables, { maxErrors: 50 });
          if (coerced.errors) return { errors: coerced.errors };
          const result = await entry.query(undefined, rc.context, variables);
          return result.errors ? { ...result, errors: result.errors.map(asGraphQLError) } : result;
        },
      };
    },
    onSchemaLoadOrUpdate(callback) {
      callback({ apiSchema: schema, coreSupergraphSdl: '' });
      return () => {};
    },
    async stop() {},
  };
}
