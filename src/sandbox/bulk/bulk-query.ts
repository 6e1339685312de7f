import {
  type ArgumentNode,
  type DocumentNode,
  type FieldNode,
  type GraphQLNamedType,
  type GraphQLObjectType,
  getNamedType,
  getNullableType,
  isListType,
  Kind,
  type OperationDefinitionNode,
  parse,
  visit,
} from 'graphql';
import { adminSchema } from '../graphql/admin-schema.ts';

/**
 * Bulk query rules (NOTES §8), each refused as `code: INVALID` on ["query"] with Shopify's words, all
 * that apply at once: a syntax error, a non-query operation, a top-level `node`, `nodes` instead of
 * `edges { node }`, no connection, more than 5 connections, nesting deeper than 2, a nested connection
 * whose parent node lacks `id`, a connection inside a list.
 */
export function checkBulkQuery(text: string): { document: DocumentNode } | { errors: string[] } {
  let document: DocumentNode;
  try {
    document = parse(text);
  } catch (error) {
    const message = (error as Error).message.replace(/^Syntax Error: /, '');
    return {
      errors: [`Invalid bulk query: syntax error, ${text.trim() ? message : 'unexpected end of file'}`],
    };
  }
  const operation = document.definitions.find(
    (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
  );
  if (!operation || operation.operation !== 'query')
    return { errors: ['Invalid operation type. Only `query` operations are supported.'] };
  const schema = adminSchema();
  let connections = 0;
  let deepest = 0;
  const viaNodes: string[] = [];
  const withoutParentId: string[] = [];
  let withinList = false;
  let topLevelNode = false;
  const fieldsOf = (field: FieldNode) =>
    field.selectionSet?.selections.filter((s): s is FieldNode => s.kind === Kind.FIELD) ?? [];
  const walk = (
    field: FieldNode,
    parentType: GraphQLNamedType | undefined,
    depth: number,
    inList: boolean,
    parentNode: FieldNode | undefined,
    parentConnection: string | undefined,
  ) => {
    const definition =
      parentType && 'getFields' in parentType
        ? (parentType as GraphQLObjectType).getFields()[field.name.value]
        : undefined;
    const names = fieldsOf(field).map((f) => f.name.value);
    const isConnection = names.includes('edges') || names.includes('nodes');
    const type = definition ? getNamedType(definition.type) : undefined;
    const isList = definition ? isListType(getNullableType(definition.type)) : false;
    if (isConnection) {
      connections++;
      deepest = Math.max(deepest, depth + 1);
      if (names.includes('nodes')) viaNodes.push(field.name.value);
      if (inList) withinList = true;
      if (
        depth > 0 &&
        parentNode &&
        !fieldsOf(parentNode).some((f) => f.name.value === 'id' && !f.alias) &&
        parentConnection
      ) {
        withoutParentId.push(parentConnection);
      }
      for (const edges of fieldsOf(field).filter((f) => f.name.value === 'edges')) {
        const edgeType =
          type && 'getFields' in type
            ? getNamedType((type as GraphQLObjectType).getFields().edges?.type ?? type)
            : undefined;
        for (const node of fieldsOf(edges).filter((f) => f.name.value === 'node')) {
          const nodeType =
            edgeType && 'getFields' in edgeType
              ? getNamedType((edgeType as GraphQLObjectType).getFields().node?.type ?? edgeType)
              : undefined;
          for (const child of fieldsOf(node)) walk(child, nodeType, depth + 1, false, node, field.name.value);
        }
      }
      return;
    }
    for (const child of fieldsOf(field))
      walk(child, type, depth, inList || isList, parentNode, parentConnection);
  };
  for (const selection of operation.selectionSet.selections) {
    if (selection.kind !== Kind.FIELD) continue;
    if (selection.name.value === 'node' || selection.name.value === 'nodes') topLevelNode = true;
    walk(selection, schema.getQueryType() ?? undefined, 0, false, undefined, undefined);
  }
  const errors: string[] = [];
  if (topLevelNode) errors.push('Bulk queries cannot contain a top level `node` field.');
  if (viaNodes.length) {
    errors.push(
      `All connection fields in a bulk query must select their contents using 'edges' > 'node', e.g: '${viaNodes[0]} { edges { node {'. Selecting via 'nodes' is not supported. Invalid connection fields: ${viaNodes.map((n) => `'${n}'`).join(', ')}.`,
    );
  }
  if (connections === 0) errors.push('Bulk queries must contain at least one connection.');
  if (connections > 5) errors.push('Bulk queries cannot contain more than 5 connections.');
  if (deepest > 2)
    errors.push('Bulk queries cannot contain connections with a nesting depth greater than 2.');
  if (withoutParentId.length) {
    errors.push(
      `The parent 'node' field for a nested connection must select the 'id' field without an alias and must be of 'ID' return type. Connection fields without 'id': ${[...new Set(withoutParentId)].join(', ')}.`,
    );
  }
  if (withinList)
    errors.push('Queries that contain a connection field within a list field are not currently supported.');
  return errors.length ? { errors } : { document };
}

const pageSizeArg = (value: string): ArgumentNode => ({
  kind: Kind.ARGUMENT,
  name: { kind: Kind.NAME, value: 'first' },
  value: { kind: Kind.INT, value },
});

/**
 * The document the runner pages with: every connection asks for 250, and the root connection takes
 * `after: $bulkCursor` so the runner can walk it to the end.
 */
export function pagedDocument(document: DocumentNode): DocumentNode {
  let rootSeen = false;
  const withVariable = visit(document, {
    OperationDefinition(node) {
      return {
        ...node,
        variableDefinitions: [
          ...(node.variableDefinitions ?? []),
          {
            kind: Kind.VARIABLE_DEFINITION,
            variable: { kind: Kind.VARIABLE, name: { kind: Kind.NAME, value: 'bulkCursor' } },
            type: { kind: Kind.NAMED_TYPE, name: { kind: Kind.NAME, value: 'String' } },
          },
        ],
      };
    },
  });
  return visit(withVariable, {
    Field(node) {
      const names =
        node.selectionSet?.selections
          .filter((s): s is FieldNode => s.kind === Kind.FIELD)
          .map((s) => s.name.value) ?? [];
      if (!names.includes('edges')) return undefined;
      const args = (node.arguments ?? []).filter(
        (a) => !['first', 'last', 'after', 'before'].includes(a.name.value),
      );
      args.push(pageSizeArg('250'));
      if (!rootSeen) {
        rootSeen = true;
        args.push({
          kind: Kind.ARGUMENT,
          name: { kind: Kind.NAME, value: 'after' },
          value: { kind: Kind.VARIABLE, name: { kind: Kind.NAME, value: 'bulkCursor' } },
        });
        const selections = node.selectionSet?.selections ?? [];
        const hasPageInfo = names.includes('pageInfo');
        return {
          ...node,
          arguments: args,
          selectionSet: {
            kind: Kind.SELECTION_SET,
            selections: hasPageInfo
              ? selections
              : [
                  ...selections,
                  {
                    kind: Kind.FIELD,
                    name: { kind: Kind.NAME, value: 'pageInfo' },
                    selectionSet: {
                      kind: Kind.SELECTION_SET,
                      selections: ['hasNextPage', 'endCursor'].map((value) => ({
                        kind: Kind.FIELD,
                        name: { kind: Kind.NAME, value },
                      })),
                    },
                  },
                ],
          },
        };
      }
      return { ...node, arguments: args };
    },
  });
}

type Json = Record<string, unknown>;

/** One page of the root connection as JSONL lines: children of nested connections get `__parentId`. */
export function jsonlLines(rootConnection: Json): { lines: string[]; roots: number } {
  const lines: string[] = [];
  const edges = (rootConnection.edges as Array<{ node: Json }> | undefined) ?? [];
  const emit = (node: Json, parentId: string | undefined) => {
    const flat: Json = {};
    const children: Array<Json> = [];
    for (const [key, value] of Object.entries(node)) {
      if (value && typeof value === 'object' && !Array.isArray(value) && 'edges' in (value as Json)) {
        children.push(value as Json);
      } else flat[key] = value;
    }
    if (parentId !== undefined) flat.__parentId = parentId;
    lines.push(JSON.stringify(flat));
    for (const child of children) {
      for (const edge of (child.edges as Array<{ node: Json }>) ?? []) emit(edge.node, String(node.id));
    }
  };
  for (const edge of edges) emit(edge.node, undefined);
  return { lines, roots: edges.length };
}
