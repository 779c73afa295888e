/**
 * For a Hive Gateway that composes this API (README, "Behind a gateway"; test/api/federation-gateway.test.ts):
 * a reference this subgraph resolves to null (another organization's object, an id of another
 * type, one deleted since) reaches the client as a null object with no error, as Apollo Router
 * and Apollo Gateway answer it.
 *
 * Why a gateway plugin: this subgraph answers such a reference correctly, `_entities: [..., null]`
 * with no error. The gateway, though, already holds the reference's key fields from the
 * subgraph that referenced it (`{ __typename: "Reconciliation", id }`); it merges the null in as
 * "no fields", and its own execution then completes each non-null field the client selected
 * (`Reconciliation.reference`) with null: "Cannot return null for non-nullable field", masked as
 * INTERNAL_SERVER_ERROR, while null propagation turns the reference into null anyway. The plugin
 * drops exactly those errors: graphql-js's own (its original error says the same), about a type
 * for which a subgraph answered a null entity with no error in this very request, and none about a
 * type that also failed for real in it (a subgraph's own non-null violation, a null entity with an
 * error): the gateway's errors do not say which reference they are about, so then all are kept.
 *
 * Only a type import: the API itself does not depend on the gateway.
 */
import type { GatewayPlugin } from '@graphql-hive/gateway';
import type { ExecutionResult, GraphQLError } from 'graphql';

const NULL_FIELD = /^Cannot return null for non-nullable field (\w+)\.\w+\.$/;

export function useNullEntities(): GatewayPlugin {
  /**
   * Per request (its context): the types of the entities some subgraph answered null with no error,
   * and the types of a genuine failure (a subgraph's own non-null violation, or a null entity that
   * came with an error): the gateway's errors about those are the client's to see, never dropped.
   */
  const seen = new WeakMap<object, { nulls: Set<string>; failed: Set<string> }>();
  const of = (context: object) => {
    let types = seen.get(context);
    if (!types) {
      types = { nulls: new Set(), failed: new Set() };
      seen.set(context, types);
    }
    return types;
  };
  return {
    onSubgraphExecute({ executionRequest }) {
      const context = executionRequest.context as object | undefined;
      if (!context) return;
      const representations = (executionRequest.variables as { representations?: unknown } | undefined)
        ?.representations;
      return ({ result }) => {
        if (Symbol.asyncIterator in result) return;
        const errors = (result as ExecutionResult).errors ?? [];
        const types = of(context);
        // A subgraph's own "Cannot return null" (a root field's or an entity's): a real failure.
        for (const error of errors) {
          const type = NULL_FIELD.exec(error.message)?.[1];
          if (type) types.failed.add(type);
        }
        if (!Array.isArray(representations)) return;
        const entities = (result.data as { _entities?: unknown } | null | undefined)?._entities;
        if (!Array.isArray(entities)) return;
        // The entities an error is about (one not under an entity's index: any of them).
        const erred = new Set<unknown>(
          errors.map((e) => (e.path?.[0] === '_entities' && typeof e.path[1] === 'number' ? e.path[1] : '*')),
        );
        entities.forEach((entity, i) => {
          const typename = (representations[i] as { __typename?: unknown } | undefined)?.__typename;
          if (entity !== null || typeof typename !== 'string') return;
          (erred.has(i) || erred.has('*') ? types.failed : types.nulls).add(typename);
        });
      };
    },
    onExecute({ args }) {
      const context = args.contextValue as object;
      return {
        onExecuteDone({ result, setResult }) {
          const types = seen.get(context);
          if (!types?.nulls.size || Symbol.asyncIterator in result) return;
          const { errors } = result as ExecutionResult;
          if (!errors?.length) return;
          const kept = errors.filter((error: GraphQLError) => {
            const type = NULL_FIELD.exec(error.message)?.[1];
            const own = !error.originalError || error.originalError.message === error.message;
            return !(type && types.nulls.has(type) && !types.failed.has(type) && own);
          });
          if (kept.length === errors.length) return;
          const { errors: _dropped, ...rest } = result as ExecutionResult;
          setResult(kept.length ? { ...rest, errors: kept } : rest);
        },
      };
    },
  };
}
