/**
 * The query limits of src/schema/limits.ts (the id-list caps and Pothos' complexity, depth and
 * breadth) without a validation pass per execution: what does not depend on the variables is
 * worked out once per document and operation name, and an execution evaluates only the rest. The
 * verdicts and their order are those of `validate(schema, document, [idListCapsRule, limitsRule])`
 * filtered to the refusals (QUERY_TOO_COMPLEX, BAD_USER_INPUT), which stays the fallback.
 *
 * A field's complexity function is called once with its arguments and the context behind proxies
 * that note what it reads: when it read no argument holding a variable and nothing of the context,
 * its answer is constant for the document. Complexity functions must be pure (the builder's and
 * `_entities`' are): a function reading anything else than its arguments, context and field would
 * be cached wrongly.
 */
import { getMappedArgumentValues, isThenable, PothosValidationError } from '@pothos/core';
import {
  type ArgumentNode,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type FragmentSpreadNode,
  type GraphQLError,
  type GraphQLField,
  GraphQLList,
  type GraphQLNamedType,
  GraphQLNonNull,
  type GraphQLOutputType,
  type GraphQLSchema,
  getNamedType,
  getVariableValues,
  type InlineFragmentNode,
  isInterfaceType,
  isObjectType,
  isOutputType,
  Kind,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValueNode,
  validate,
} from 'graphql';
import { ID_LIST_CAPS, idListCapsRule, idListRefusal, limitRefusal, limitsRule } from './limits.js';

// @pothos/plugin-complexity's defaults (src/defaults.ts), which its rule applies.
const DEFAULT_COMPLEXITY = 1;
const DEFAULT_LIST_MULTIPLIER = 10;

type ComplexityOption = number | { field?: number; multiplier?: number } | undefined;
type ComplexityFn = (args: unknown, ctx: object, field: GraphQLField<unknown, unknown>) => ComplexityOption;

/** One execution's inputs, as the complexity functions see them. */
interface Run {
  context: object;
  info: {
    fragments: Record<string, FragmentDefinitionNode>;
    variableValues: Record<string, unknown>;
    schema: GraphQLSchema;
  };
}

/** A complexity: a number, or a function of the execution when it depends on it. */
type Complexity = number | ((run: Run) => number);
interface Measure {
  complexity: Complexity;
  depth: number;
  breadth: number;
}

const evaluate = (c: Complexity, run: Run) => (typeof c === 'number' ? c : c(run));

/** What an execution checks, in the order the validation pass reported it. */
type Step =
  | { kind: 'variables'; operation: OperationDefinitionNode; report: boolean }
  | { kind: 'idList'; field: string; variable: string }
  | { kind: 'refusal'; error: () => GraphQLError }
  | { kind: 'limits'; operation: OperationDefinitionNode };

interface Plan {
  steps: Step[];
  fragments: Record<string, FragmentDefinitionNode>;
  /** Per operation: its measure, once an execution with valid variables has worked it out. */
  measures: Map<OperationDefinitionNode, Measure | 'failed'>;
}

const plans = new WeakMap<
  DocumentNode,
  { schema: GraphQLSchema; byOperation: Map<string, Plan | 'fallback'> }
>();

/**
 * The limits' refusals for one execution: QUERY_TOO_COMPLEX, or BAD_USER_INPUT for an id list over
 * its cap or a variable its scalar refuses; empty when it may run.
 */
export function limitRefusals(
  schema: GraphQLSchema,
  document: DocumentNode,
  variableValues: Record<string, unknown>,
  context: object,
  operationName?: string | null,
): GraphQLError[] {
  let cached = plans.get(document);
  if (cached?.schema !== schema) {
    cached = { schema, byOperation: new Map() };
    plans.set(document, cached);
  }
  const key = operationName || '';
  let plan = cached.byOperation.get(key);
  if (!plan) {
    try {
      plan = planDocument(schema, document, operationName || null);
    } catch {
      plan = 'fallback';
    }
    cached.byOperation.set(key, plan);
  }
  if (plan !== 'fallback') {
    try {
      return execute(plan, schema, variableValues, context);
    } catch {
      // A throw (an argument mapper refusing an invalid id) is the validation pass' to answer or
      // throw, as before; the plan stays for the next execution.
    }
  }
  return validationRefusals(schema, document, variableValues, context, operationName);
}

/** The validation pass the plan replaces: the fallback, and the reference the unit tests compare with. */
export function validationRefusals(
  schema: GraphQLSchema,
  document: DocumentNode,
  variableValues: Record<string, unknown>,
  context: object,
  operationName?: string | null,
): GraphQLError[] {
  const errors = validate(schema, document, [
    idListCapsRule(variableValues),
    limitsRule(context, variableValues, operationName),
  ]);
  // The uncoded variable errors the rules may also see are left to execution to report.
  return errors.filter(
    (e) => e.extensions.code === 'QUERY_TOO_COMPLEX' || e.extensions.code === 'BAD_USER_INPUT',
  );
}

function execute(
  plan: Plan,
  schema: GraphQLSchema,
  variableValues: Record<string, unknown>,
  context: object,
): GraphQLError[] {
  const refusals: GraphQLError[] = [];
  const coerced = new Map<OperationDefinitionNode, Record<string, unknown> | null>();
  for (const step of plan.steps) {
    if (step.kind === 'variables') {
      const definitions = step.operation.variableDefinitions ?? [];
      if (!definitions.length) {
        coerced.set(step.operation, {});
        continue;
      }
      const result = getVariableValues(schema, definitions, variableValues);
      coerced.set(step.operation, result.errors ? null : result.coerced);
      if (result.errors && step.report) refusals.push(...result.errors.filter(isRefusal));
    } else if (step.kind === 'idList') {
      const length = (variableValues[step.variable] as unknown[] | undefined)?.length;
      if (typeof length === 'number' && length > ID_LIST_CAPS[step.field]!.max) {
        refusals.push(idListRefusal(step.field, length));
      }
    } else if (step.kind === 'refusal') {
      refusals.push(step.error());
    } else {
      const values = coerced.get(step.operation);
      if (!values) continue;
      const run: Run = { context, info: { fragments: plan.fragments, variableValues: values, schema } };
      let measure = plan.measures.get(step.operation);
      if (!measure) {
        measure = measureOperation(run, step.operation);
        plan.measures.set(step.operation, measure);
      }
      if (measure === 'failed') continue;
      const refusal = limitRefusal({ ...measure, complexity: evaluate(measure.complexity, run) });
      if (refusal) refusals.push(refusal);
    }
  }
  return refusals;
}

const isRefusal = (e: GraphQLError) =>
  e.extensions.code === 'QUERY_TOO_COMPLEX' || e.extensions.code === 'BAD_USER_INPUT';

/** The steps of the validation pass, in its order: each definition's, operations' limits last. */
function planDocument(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | null,
): Plan | 'fallback' {
  const fragments: Record<string, FragmentDefinitionNode> = {};
  let operationCount = 0;
  let matching = false;
  for (const def of document.definitions) {
    if (def.kind === Kind.FRAGMENT_DEFINITION) fragments[def.name.value] = def;
    else if (def.kind === Kind.OPERATION_DEFINITION) {
      operationCount += 1;
      matching ||= def.name?.value === operationName;
    }
  }
  // The complexity rule then reports an uncoded error (execution's to report) and checks nothing.
  const limits = operationName == null || matching;
  const steps: Step[] = [];
  for (const def of document.definitions) {
    if (def.kind === Kind.OPERATION_DEFINITION) {
      const selected = limits && (operationName == null || def.name?.value === operationName);
      if (selected) {
        if (!schema.getRootType(def.operation)) return 'fallback';
        steps.push({
          kind: 'variables',
          operation: def,
          report: operationName != null || operationCount === 1,
        });
      }
      idListSteps(schema, def.selectionSet, schema.getRootType(def.operation) ?? undefined, steps);
      if (selected) steps.push({ kind: 'limits', operation: def });
    } else if (def.kind === Kind.FRAGMENT_DEFINITION) {
      idListSteps(schema, def.selectionSet, schema.getType(def.typeCondition.name.value) ?? undefined, steps);
    } else {
      // Type system definitions: validation would refuse them before this runs.
      return 'fallback';
    }
  }
  return { steps, fragments, measures: new Map() };
}

/** idListCapsRule's checks under one selection set, in the order the validation pass visits them. */
function idListSteps(
  schema: GraphQLSchema,
  selectionSet: SelectionSetNode,
  parent: GraphQLNamedType | undefined,
  steps: Step[],
): void {
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FRAGMENT_SPREAD) continue;
    if (selection.kind === Kind.INLINE_FRAGMENT) {
      const type = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : parent;
      idListSteps(schema, selection.selectionSet, type ?? undefined, steps);
      continue;
    }
    const name = selection.name.value;
    const cap = ID_LIST_CAPS[name];
    if (cap && parent === schema.getQueryType()) {
      const value = selection.arguments?.find((a) => a.name.value === cap.argument)?.value;
      if (value?.kind === Kind.LIST && value.values.length > cap.max) {
        const length = value.values.length;
        steps.push({ kind: 'refusal', error: () => idListRefusal(name, length) });
      } else if (value?.kind === Kind.VARIABLE) {
        steps.push({ kind: 'idList', field: name, variable: value.name.value });
      }
    }
    if (selection.selectionSet) {
      const field =
        parent && (isObjectType(parent) || isInterfaceType(parent)) ? parent.getFields()[name] : undefined;
      // Meta fields (__schema, __type) lead to introspection types, never to Query.
      idListSteps(schema, selection.selectionSet, field ? getNamedType(field.type) : undefined, steps);
    }
  }
}

/**
 * An operation's measure, as @pothos/plugin-complexity's calculate-complexity works it out, with
 * the complexity of each field that depends on the execution left as a function of it.
 */
function measureOperation(run: Run, operation: OperationDefinitionNode): Measure | 'failed' {
  const type = run.info.schema.getRootType(operation.operation);
  if (!type) return 'failed';
  try {
    return measureSelectionSet(run, operation.selectionSet, type, { active: new Set(), results: new Map() });
  } catch (error) {
    // The complexity rule reports these uncoded (so execution answers) and checks nothing more.
    if (error instanceof PothosValidationError) return 'failed';
    throw error;
  }
}

interface Traversal {
  active: Set<SelectionSetNode>;
  results: Map<SelectionSetNode, Map<GraphQLNamedType, Measure>>;
}

function measureSelectionSet(
  run: Run,
  selectionSet: SelectionSetNode,
  type: GraphQLNamedType,
  traversal: Traversal,
): Measure {
  const cached = traversal.results.get(selectionSet)?.get(type);
  if (cached) return cached;
  if (traversal.active.has(selectionSet)) {
    throw new PothosValidationError('Cannot calculate complexity of a cyclic fragment');
  }
  traversal.active.add(selectionSet);
  let constant = 0;
  const dynamic: ((run: Run) => number)[] = [];
  let depth = 0;
  let breadth = 0;
  for (const selection of selectionSet.selections) {
    let measure: Measure;
    if (selection.kind === Kind.FIELD) {
      measure = measureField(run, selection, type, traversal);
    } else {
      const fragment =
        selection.kind === Kind.FRAGMENT_SPREAD ? run.info.fragments[selection.name.value] : selection;
      if (!fragment)
        throw new PothosValidationError(`Missing fragment ${(selection as FragmentSpreadNode).name.value}`);
      measure = measureFragment(run, fragment, type, traversal);
    }
    if (typeof measure.complexity === 'number') constant += measure.complexity;
    else dynamic.push(measure.complexity);
    breadth += measure.breadth;
    depth = Math.max(depth, measure.depth);
  }
  traversal.active.delete(selectionSet);
  const complexity: Complexity = dynamic.length
    ? (r) => dynamic.reduce((sum, c) => sum + c(r), constant)
    : constant;
  const result = { complexity, depth, breadth };
  const byType = traversal.results.get(selectionSet) ?? new Map<GraphQLNamedType, Measure>();
  traversal.results.set(selectionSet, byType.set(type, result));
  return result;
}

function measureFragment(
  run: Run,
  fragment: FragmentDefinitionNode | InlineFragmentNode,
  type: GraphQLNamedType,
  traversal: Traversal,
): Measure {
  const fragmentType = fragment.typeCondition
    ? run.info.schema.getType(fragment.typeCondition.name.value)
    : type;
  if (!isOutputType(fragmentType)) {
    throw new PothosValidationError(`Expected Type ${type.name} to be an Output type`);
  }
  return measureSelectionSet(run, fragment.selectionSet, fragmentType, traversal);
}

function isList(type: GraphQLOutputType): boolean {
  if (type instanceof GraphQLList) return true;
  if (type instanceof GraphQLNonNull) return isList(type.ofType);
  return false;
}

function measureField(run: Run, selection: FieldNode, type: GraphQLNamedType, traversal: Traversal): Measure {
  const fieldName = selection.name.value;
  const field = (isObjectType(type) || isInterfaceType(type)) && type.getFields()[fieldName];
  let option: unknown;
  if (field) option = field.extensions?.complexity;
  else if (!fieldName.startsWith('__')) {
    throw new PothosValidationError(`Unknown field selected (${type.name}.${fieldName})`);
  }
  const sub =
    field && selection.selectionSet
      ? measureSelectionSet(run, selection.selectionSet, getNamedType(field.type), traversal)
      : null;
  const depth = 1 + (sub?.depth ?? 0);
  const breadth = 1 + (sub?.breadth ?? 0);
  const cost = (value: ComplexityOption, subComplexity: number) => {
    const multiplier =
      typeof value === 'object' && value.multiplier !== undefined
        ? value.multiplier
        : field && isList(field.type)
          ? DEFAULT_LIST_MULTIPLIER
          : 1;
    return (
      (sub ? subComplexity * Math.max(multiplier, 0) : 0) +
      (typeof value === 'number' ? value : (value?.field ?? DEFAULT_COMPLEXITY))
    );
  };
  if (!field || typeof option !== 'function') {
    const value = option as ComplexityOption;
    const complexity: Complexity =
      typeof sub?.complexity === 'function'
        ? (
            (subComplexity) => (r: Run) =>
              cost(value, subComplexity(r))
          )(sub.complexity)
        : cost(value, sub?.complexity ?? 0);
    return { complexity, depth, breadth };
  }
  const fn = option as ComplexityFn;
  const once = traced(run, field, selection, fn);
  const option$ = once.constant
    ? () => once.value
    : (r: Run) => fn(getMappedArgumentValues(field, selection, r.context, r.info), r.context, field);
  const complexity: Complexity =
    once.constant && typeof sub?.complexity !== 'function'
      ? cost(once.value, sub?.complexity ?? 0)
      : (r: Run) => cost(option$(r), sub ? evaluate(sub.complexity, r) : 0);
  return { complexity, depth, breadth };
}

const hasVariable = (value: ValueNode): boolean =>
  value.kind === Kind.VARIABLE ||
  (value.kind === Kind.LIST && value.values.some(hasVariable)) ||
  (value.kind === Kind.OBJECT && value.fields.some((f) => hasVariable(f.value)));

/**
 * Calls a field's complexity function with this execution's arguments and notes whether its answer
 * can depend on another execution: it read an argument holding a variable (an argument mapper could
 * move one anywhere), or the context.
 */
function traced(
  run: Run,
  field: GraphQLField<unknown, unknown>,
  selection: FieldNode,
  fn: ComplexityFn,
): { constant: boolean; value: ComplexityOption } {
  const variableArgs = new Set(
    (selection.arguments ?? []).filter((a: ArgumentNode) => hasVariable(a.value)).map((a) => a.name.value),
  );
  const mappers = (field.extensions?.pothosArgMappers as unknown[] | undefined)?.length ?? 0;
  let dependent = variableArgs.size > 0 && mappers > 0;
  const context = new Proxy(run.context, {
    get: (target, key, receiver) => {
      dependent = true;
      return Reflect.get(target, key, receiver);
    },
    has: (target, key) => {
      dependent = true;
      return Reflect.has(target, key);
    },
    ownKeys: (target) => {
      dependent = true;
      return Reflect.ownKeys(target);
    },
  });
  const args = getMappedArgumentValues(field, selection, context, run.info);
  if (isThenable(args) || typeof args !== 'object' || args === null) {
    return { constant: false, value: fn(args, run.context, field) };
  }
  const reads = (key: string | symbol) => {
    if (typeof key === 'string' && variableArgs.has(key)) dependent = true;
  };
  const tracedArgs = new Proxy(args, {
    get: (target, key, receiver) => {
      reads(key);
      return Reflect.get(target, key, receiver);
    },
    has: (target, key) => {
      reads(key);
      return Reflect.has(target, key);
    },
    getOwnPropertyDescriptor: (target, key) => {
      reads(key);
      return Reflect.getOwnPropertyDescriptor(target, key);
    },
    ownKeys: (target) => {
      if (variableArgs.size) dependent = true;
      return Reflect.ownKeys(target);
    },
  });
  const value = fn(tracedArgs, context, field);
  return { constant: !dependent, value };
}
