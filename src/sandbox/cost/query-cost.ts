import {
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLObjectType,
  type GraphQLSchema,
  getNamedType,
  getNullableType,
  isAbstractType,
  isLeafType,
  isListType,
  isObjectType,
  Kind,
  type OperationDefinitionNode,
  type SelectionSetNode,
  valueFromAST,
} from 'graphql';

/**
 * The sandbox's cost rule, fitted to the costs real Shopify charged in the captures (NOTES §9), which
 * are far below the old published formula (2 + first × node):
 *
 * - scalar and enum fields: 0; an object field: 1 plus its selection; a `Count` field: 10.
 * - a connection: 2 + m(first) × (cost of one node), where m(n) = 0 for n = 0, else max(1, ⌊2·ln n⌋).
 *   That reproduces every observed point: first 0→2, 1→3, 2→3, 3→4, 5→5, 10→6, 20→7, 50→9, 100→11,
 *   200→12, 250→13. Selecting both `nodes` and `edges` charges the node twice, as Shopify does.
 * - a plain list of objects costs its element's selection once (`changes { item location }` → 2).
 * - a mutation root field: 10 plus its payload's selection (set/adjust with `changes{item location}` → 13).
 * - actual cost: the same walk over the data returned: a null object costs 0 (a payload with a null group
 *   → 10), a connection 2 + the sum over the items returned (2 locations → 4), never more than requested.
 *
 * Deeper documents are charged by the same rule; the captures do not pin those figures (a 4-deep
 * variant read charged 61 where this rule gives less), and docs/sandbox.md says so.
 */
export function connectionMultiplier(first: number): number {
  return first <= 0 ? 0 : Math.max(1, Math.floor(2 * Math.log(first)));
}

interface Walk {
  schema: GraphQLSchema;
  fragments: Map<string, FragmentDefinitionNode>;
  variables: Record<string, unknown>;
}

export function requestedCost(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  fragments: Map<string, FragmentDefinitionNode>,
  variables: Record<string, unknown>,
): number {
  const walk = { schema, fragments, variables };
  return rootCost(walk, operation, undefined);
}

export function actualCost(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  fragments: Map<string, FragmentDefinitionNode>,
  variables: Record<string, unknown>,
  data: Record<string, unknown> | null | undefined,
): number {
  const walk = { schema, fragments, variables };
  return rootCost(walk, operation, data ?? {});
}

function rootCost(
  walk: Walk,
  operation: OperationDefinitionNode,
  data: Record<string, unknown> | undefined,
): number {
  const root =
    operation.operation === 'mutation' ? walk.schema.getMutationType() : walk.schema.getQueryType();
  if (!root) return 0;
  let total = 0;
  for (const field of collectFields(walk, root, operation.selectionSet)) {
    const definition = root.getFields()[field.name.value];
    if (!definition) continue;
    const value = data === undefined ? undefined : data[field.alias?.value ?? field.name.value];
    if (operation.operation === 'mutation') {
      const payload = getNamedType(definition.type) as GraphQLObjectType;
      total += 10;
      // The payload's own objects (group, order, job, bulkOperation) are free; what they select is not.
      for (const child of field.selectionSet ? collectFields(walk, payload, field.selectionSet) : []) {
        const childDefinition = payload.getFields()[child.name.value];
        if (!childDefinition) continue;
        const childValue =
          data === undefined
            ? undefined
            : (value as Record<string, unknown> | null)?.[child.alias?.value ?? child.name.value];
        const childType = getNamedType(childDefinition.type);
        if (
          isObjectType(childType) &&
          !isListType(getNullableType(childDefinition.type)) &&
          child.selectionSet
        ) {
          if (data !== undefined && (childValue === null || childValue === undefined)) continue;
          total += selectionCost(walk, childType, child.selectionSet, childValue, data !== undefined);
        } else total += fieldCost(walk, childDefinition, child, childValue, data !== undefined);
      }
    } else total += fieldCost(walk, definition, field, value, data !== undefined);
  }
  return total;
}

function fieldCost(
  walk: Walk,
  definition: GraphQLField<unknown, unknown>,
  node: FieldNode,
  value: unknown,
  actual: boolean,
): number {
  const named = getNamedType(definition.type);
  if (isLeafType(named)) return 0;
  if (named.name === 'Count') return actual && value === null ? 0 : 10;
  if (actual && (value === null || value === undefined)) return 0;
  if (named.name.endsWith('Connection') && isObjectType(named))
    return connectionCost(walk, named, definition, node, value, actual);
  const composite = named as GraphQLCompositeType;
  if (!node.selectionSet) return 0;
  if (isListType(getNullableType(definition.type))) {
    // userErrors are free; any other list of objects costs 1 plus one element's selection.
    if (named.name.endsWith('UserError')) return 0;
    const first = actual ? (value as unknown[])[0] : undefined;
    if (actual && first === undefined) return 0;
    return 1 + selectionCost(walk, composite, node.selectionSet, first, actual);
  }
  return 1 + selectionCost(walk, composite, node.selectionSet, value, actual);
}

function connectionCost(
  walk: Walk,
  connectionType: GraphQLObjectType,
  definition: GraphQLField<unknown, unknown>,
  node: FieldNode,
  value: unknown,
  actual: boolean,
): number {
  const args = argumentValues(walk, definition, node);
  const size = Number(args.first ?? args.last ?? 0);
  const requested =
    2 + connectionMultiplier(size) * perItemCost(walk, connectionType, node, undefined, false);
  if (!actual) return requested;
  return Math.min(requested, 2 + perItemCost(walk, connectionType, node, value, true));
}

/** One node's cost (requested), or the sum over the returned nodes (actual). */
function perItemCost(
  walk: Walk,
  connectionType: GraphQLObjectType,
  node: FieldNode,
  value: unknown,
  actual: boolean,
): number {
  let total = 0;
  if (!node.selectionSet) return 0;
  for (const field of collectFields(walk, connectionType, node.selectionSet)) {
    const name = field.name.value;
    const key = field.alias?.value ?? name;
    const items = actual ? (((value as Record<string, unknown>)[key] as unknown[]) ?? []) : [undefined];
    if (name === 'nodes') {
      const nodeType = getNamedType(connectionType.getFields().nodes?.type) as GraphQLCompositeType;
      for (const item of items)
        total +=
          1 + (field.selectionSet ? selectionCost(walk, nodeType, field.selectionSet, item, actual) : 0);
    }
    if (name === 'edges') {
      const edgeType = getNamedType(connectionType.getFields().edges?.type) as GraphQLObjectType;
      const nodeType = getNamedType(edgeType.getFields().node?.type) as GraphQLCompositeType;
      for (const item of items) {
        for (const edgeField of field.selectionSet ? collectFields(walk, edgeType, field.selectionSet) : []) {
          if (edgeField.name.value !== 'node' || !edgeField.selectionSet) continue;
          const nodeValue = actual
            ? (item as Record<string, unknown>)[edgeField.alias?.value ?? 'node']
            : undefined;
          total += 1 + selectionCost(walk, nodeType, edgeField.selectionSet, nodeValue, actual);
        }
      }
    }
  }
  return total;
}

function selectionCost(
  walk: Walk,
  type: GraphQLCompositeType,
  selectionSet: SelectionSetNode,
  value: unknown,
  actual: boolean,
): number {
  if (isAbstractType(type)) {
    const candidates = walk.schema.getPossibleTypes(type);
    const typename = actual ? (value as { __typename?: string } | null)?.__typename : undefined;
    const chosen = typename ? candidates.filter((t) => t.name === typename) : candidates;
    return Math.max(0, ...chosen.map((t) => selectionCost(walk, t, selectionSet, value, actual)));
  }
  if (!isObjectType(type)) return 0;
  let total = 0;
  for (const field of collectFields(walk, type, selectionSet)) {
    const definition = type.getFields()[field.name.value];
    if (!definition) continue;
    const fieldValue = actual
      ? (value as Record<string, unknown> | null)?.[field.alias?.value ?? field.name.value]
      : undefined;
    total += fieldCost(walk, definition, field, fieldValue, actual);
  }
  return total;
}

function collectFields(walk: Walk, type: GraphQLObjectType, selectionSet: SelectionSetNode): FieldNode[] {
  const fields: FieldNode[] = [];
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) fields.push(selection);
    else {
      const fragment =
        selection.kind === Kind.INLINE_FRAGMENT ? selection : walk.fragments.get(selection.name.value);
      if (!fragment) continue;
      const condition = fragment.typeCondition?.name.value;
      if (condition && condition !== type.name && !type.getInterfaces().some((i) => i.name === condition)) {
        const conditionType = walk.schema.getType(condition);
        if (!conditionType || !isAbstractType(conditionType) || !walk.schema.isSubType(conditionType, type))
          continue;
      }
      fields.push(...collectFields(walk, type, fragment.selectionSet));
    }
  }
  return fields;
}

function argumentValues(
  walk: Walk,
  definition: GraphQLField<unknown, unknown>,
  node: FieldNode,
): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const arg of node.arguments ?? []) {
    const argDef = definition.args.find((a) => a.name === arg.name.value);
    if (!argDef) continue;
    values[arg.name.value] = valueFromAST(arg.value, argDef.type, walk.variables);
  }
  return values;
}
