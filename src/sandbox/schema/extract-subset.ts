import { readFileSync, writeFileSync } from 'node:fs';
import {
  type DefinitionNode,
  type FieldDefinitionNode,
  type InputValueDefinitionNode,
  Kind,
  type NamedTypeNode,
  parse,
  print,
  type TypeDefinitionNode,
  type TypeNode,
} from 'graphql';
import { subsetSpec } from './subset-spec.ts';

/**
 * Dev tool, not run by the sandbox: copies the definitions named in subset-spec.ts VERBATIM out of the
 * real Admin schema (descriptions dropped) into admin-subset.graphql, so the sandbox schema is a subset
 * of Shopify's by construction. Optional arguments whose input types are not in the spec are left out;
 * a required one, or a field whose type is missing, stops the run with the names to add.
 *   node bin/run-ts.js src/sandbox/schema/extract-subset.ts ../shared/shopify/admin-2026-07.graphql
 */
const realPath = process.argv[2] ?? '../shared/shopify/admin-2026-07.graphql';
const real = parse(readFileSync(realPath, 'utf8'), { noLocation: true });
const byName = new Map<string, TypeDefinitionNode>();
for (const definition of real.definitions) {
  if ('name' in definition && definition.name && definition.kind !== Kind.DIRECTIVE_DEFINITION) {
    byName.set(definition.name.value, definition as TypeDefinitionNode);
  }
}

function namedType(type: TypeNode): NamedTypeNode {
  return type.kind === Kind.NAMED_TYPE ? type : namedType(type.type);
}
const isLeaf = (name: string) => {
  const kind = byName.get(name)?.kind;
  return kind === Kind.SCALAR_TYPE_DEFINITION || kind === Kind.ENUM_TYPE_DEFINITION || kind === undefined;
};
const wanted = (name: string) => name in subsetSpec || isLeaf(name);
const builtIn = new Set(['String', 'Int', 'Float', 'Boolean', 'ID']);

const missing = new Set<string>();
const leaves = new Set<string>();
const out: DefinitionNode[] = [];
function need(name: string) {
  if (builtIn.has(name)) return;
  if (!wanted(name)) missing.add(name);
  else if (isLeaf(name)) leaves.add(name);
}

for (const [typeName, fieldNames] of Object.entries(subsetSpec)) {
  const definition = byName.get(typeName);
  if (!definition) throw new Error(`no type ${typeName} in the real schema`);
  const strip = <T extends object>(node: T): T => ({ ...node, description: undefined });
  if (definition.kind === Kind.UNION_TYPE_DEFINITION) {
    out.push(strip({ ...definition, types: definition.types?.filter((t) => t.name.value in subsetSpec) }));
    continue;
  }
  if (
    definition.kind !== Kind.OBJECT_TYPE_DEFINITION &&
    definition.kind !== Kind.INTERFACE_TYPE_DEFINITION &&
    definition.kind !== Kind.INPUT_OBJECT_TYPE_DEFINITION
  ) {
    throw new Error(`${typeName}: scalars and enums are copied whole; leave them out of the spec`);
  }
  const all: ReadonlyArray<FieldDefinitionNode | InputValueDefinitionNode> = definition.fields ?? [];
  const picked = fieldNames === '*' ? all : all.filter((f) => fieldNames.includes(f.name.value));
  if (fieldNames !== '*') {
    for (const name of fieldNames) {
      if (!all.some((f) => f.name.value === name))
        throw new Error(`${typeName}.${name} is not in the real schema`);
    }
  }
  if (definition.kind === Kind.INPUT_OBJECT_TYPE_DEFINITION) {
    for (const field of all) {
      const input = field as InputValueDefinitionNode;
      if (input.type.kind === Kind.NON_NULL_TYPE && !input.defaultValue && !picked.includes(field)) {
        throw new Error(`${typeName}.${field.name.value} is required; keep it`);
      }
    }
    for (const field of picked) need(namedType(field.type).name.value);
    out.push(strip({ ...definition, fields: (picked as InputValueDefinitionNode[]).map(strip) }));
    continue;
  }
  const fields = (picked as FieldDefinitionNode[]).map((field) => {
    need(namedType(field.type).name.value);
    const args = (field.arguments ?? []).filter((arg: InputValueDefinitionNode) => {
      const argType = namedType(arg.type).name.value;
      if (wanted(argType)) {
        need(argType);
        return true;
      }
      if (arg.type.kind === Kind.NON_NULL_TYPE && !arg.defaultValue) missing.add(argType);
      return false;
    });
    return strip({ ...field, arguments: args.map(strip) });
  });
  const interfaces = definition.interfaces?.filter((i) => i.name.value in subsetSpec);
  out.push(strip({ ...definition, interfaces, fields } as TypeDefinitionNode));
}
if (missing.size) {
  console.error(`add to subset-spec.ts: ${[...missing].sort().join(', ')}`);
  process.exit(1);
}
for (const name of [...leaves].sort()) {
  const definition = byName.get(name);
  if (!definition) continue;
  const copy = { ...definition, description: undefined } as TypeDefinitionNode;
  if (copy.kind === Kind.ENUM_TYPE_DEFINITION) {
    out.push({ ...copy, values: copy.values?.map((v) => ({ ...v, description: undefined })) });
  } else out.push(copy);
}
const idempotent = real.definitions.find(
  (d) => d.kind === Kind.DIRECTIVE_DEFINITION && d.name.value === 'idempotent',
);
const directive = idempotent
  ? `${print({ ...idempotent, description: undefined } as DefinitionNode)}\n\n`
  : '';
const header =
  '# Generated by extract-subset.ts from the real Admin API 2026-07 schema: a verbatim subset. Do not edit;\n' +
  '# change subset-spec.ts and run the tool again.\n\nschema {\n  query: QueryRoot\n  mutation: Mutation\n}\n\n';
writeFileSync(
  new URL('./admin-subset.graphql', import.meta.url),
  `${header}${directive}${out.map((d) => print(d)).join('\n\n')}\n`,
);
console.log(`wrote ${out.length} definitions`);
