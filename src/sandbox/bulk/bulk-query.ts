import {
  type ArgumentNode,
  type DocumentNode,
  type FieldNode,
  Kind,
  type OperationDefinitionNode,
  parse,
  visit,
} from 'graphql';

/**
 * Bulk query rules (NOTES §8), each refused as `code: INVALID` on ["query"]: a syntax error, no
 * connection, `nodes` instead of `edges { node }`, a top-level `node`, more than 5 connections, nesting
 * deeper than 2, or an operation other than a query. Pure.
 */
export function checkBulkQuery(text: string): { document: DocumentNode } | { error: string } {
  let document: DocumentNode;
  try {
    document = parse(text);
  } catch (error) {
    const message = (error as Error).message.replace(/^Syntax Error: /, '');
    return { error: `Invalid bulk query: syntax error, ${text.trim() ? message : 'unexpected end of file'}` };
  }
  const operation = document.definitions.find(
    (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
  );
  if (!operation || operation.operation !== 'query')
    return { error: 'Bulk operations are only supported for queries.' };
  let connections = 0;
  let deepest = 0;
  let usesNodes = false;
  let topLevelNode = false;
  const walk = (field: FieldNode, depth: number) => {
    const names =
      field.selectionSet?.selections
        .filter((s): s is FieldNode => s.kind === Kind.FIELD)
        .map((s) => s.name.value) ?? [];
    const isConnection = names.includes('edges') || names.includes('nodes');
    if (isConnection) {
      connections++;
      deepest = Math.max(deepest, depth + 1);
      if (names.includes('nodes')) usesNodes = true;
    }
    for (const child of field.selectionSet?.selections ?? []) {
      if (child.kind === Kind.FIELD) walk(child, depth + (isConnection ? 1 : 0));
    }
  };
  for (const selection of operation.selectionSet.selections) {
    if (selection.kind !== Kind.FIELD) continue;
    if (selection.name.value === 'node' || selection.name.value === 'nodes') topLevelNode = true;
    walk(selection, 0);
  }
  if (topLevelNode) return { error: 'Bulk queries cannot contain a top level `node` field.' };
  if (usesNodes)
    return { error: 'Bulk queries cannot contain `nodes` fields. Use `edges { node }` instead.' };
  if (connections === 0) return { error: 'Bulk queries must contain at least one connection.' };
  if (connections > 5) return { error: 'Bulk queries cannot contain more than 5 connections.' };
  if (deepest > 2)
    return { error: 'Bulk queries cannot contain connections with a nesting depth greater than 2.' };
  return { document };
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
