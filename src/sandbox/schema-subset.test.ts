import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  buildSchema,
  type GraphQLField,
  type GraphQLInputField,
  type GraphQLSchema,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isObjectType,
  isUnionType,
  parse,
  validate,
} from 'graphql';
import { describe, expect, it } from 'vitest';
import { adminSchema } from './graphql/admin-schema.ts';
import { realSchemaPath, repoRoot, sharedPresent } from './test-support/sandbox-harness.ts';

function loadReal(): GraphQLSchema {
  return buildSchema(readFileSync(realSchemaPath, 'utf8'));
}

/** Every operation document the project sends: the exports of src/shopify/operations/*.ts. */
async function projectOperations(): Promise<Array<[string, string]>> {
  const folder = resolve(repoRoot, 'src/shopify/operations');
  const documents: Array<[string, string]> = [];
  for (const file of readdirSync(folder).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))) {
    const module = (await import(resolve(folder, file))) as Record<string, unknown>;
    for (const [name, value] of Object.entries(module))
      if (typeof value === 'string') documents.push([`${file}:${name}`, value]);
  }
  return documents;
}

const title = sharedPresent
  ? 'the sandbox schema against the real Admin API 2026-07 schema'
  : 'the sandbox schema against the real Admin API schema (skipped: ../shared not present)';

describe.skipIf(!sharedPresent)(title, () => {
  it('has every type, field, argument and input field of the sandbox, with identical types, in the real schema', () => {
    const real = loadReal();
    const sandbox = adminSchema();
    const problems: string[] = [];
    for (const type of Object.values(sandbox.getTypeMap())) {
      if (type.name.startsWith('__')) continue;
      const twin = real.getType(type.name);
      if (!twin) {
        problems.push(`type ${type.name} is not in the real schema`);
        continue;
      }
      if (twin.constructor !== type.constructor) problems.push(`${type.name} is a different kind of type`);
      if ((isObjectType(type) || isInterfaceType(type)) && (isObjectType(twin) || isInterfaceType(twin))) {
        const twinFields = twin.getFields();
        for (const field of Object.values(type.getFields()) as Array<GraphQLField<unknown, unknown>>) {
          const other = twinFields[field.name];
          if (!other) problems.push(`${type.name}.${field.name} is not in the real schema`);
          else {
            if (String(other.type) !== String(field.type))
              problems.push(`${type.name}.${field.name}: ${field.type} ≠ ${other.type}`);
            for (const arg of field.args) {
              const otherArg = other.args.find((a) => a.name === arg.name);
              if (!otherArg)
                problems.push(`${type.name}.${field.name}(${arg.name}) is not in the real schema`);
              else if (String(otherArg.type) !== String(arg.type))
                problems.push(`${type.name}.${field.name}(${arg.name}) type differs`);
              else if (JSON.stringify(otherArg.defaultValue) !== JSON.stringify(arg.defaultValue))
                problems.push(`${type.name}.${field.name}(${arg.name}) default differs`);
            }
            for (const otherArg of other.args) {
              if (
                String(otherArg.type).endsWith('!') &&
                otherArg.defaultValue === undefined &&
                !field.args.some((a) => a.name === otherArg.name)
              ) {
                problems.push(`${type.name}.${field.name} lacks the required argument ${otherArg.name}`);
              }
            }
          }
        }
        for (const iface of type.getInterfaces()) {
          if (!twin.getInterfaces().some((i) => i.name === iface.name))
            problems.push(`${type.name} implements ${iface.name} only here`);
        }
      }
      if (isInputObjectType(type) && isInputObjectType(twin)) {
        const twinFields = twin.getFields();
        for (const field of Object.values(type.getFields()) as GraphQLInputField[]) {
          const other = twinFields[field.name];
          if (!other) problems.push(`${type.name}.${field.name} is not in the real schema`);
          else if (String(other.type) !== String(field.type))
            problems.push(`${type.name}.${field.name}: ${field.type} ≠ ${other.type}`);
        }
      }
      if (isEnumType(type) && isEnumType(twin)) {
        const values = twin.getValues().map((v) => v.name);
        for (const value of type.getValues())
          if (!values.includes(value.name)) problems.push(`${type.name}.${value.name} is not a real value`);
      }
      if (isUnionType(type) && isUnionType(twin)) {
        for (const member of type.getTypes())
          if (!twin.getTypes().some((t) => t.name === member.name))
            problems.push(`${type.name} | ${member.name}`);
      }
    }
    const idempotent = sandbox.getDirective('idempotent');
    expect(String(idempotent?.args[0]?.type)).toBe(String(real.getDirective('idempotent')?.args[0]?.type));
    expect(problems).toEqual([]);
    expect(Object.keys(sandbox.getTypeMap()).length).toBeGreaterThan(100);
  });

  it('validates every operation document of the project against the real schema and against the sandbox', async () => {
    const real = loadReal();
    const operations = await projectOperations();
    expect(operations.length).toBeGreaterThanOrEqual(9);
    for (const [name, text] of operations) {
      const document = parse(text);
      expect({ name, errors: validate(real, document).map((e) => e.message) }).toEqual({ name, errors: [] });
      expect({ name, errors: validate(adminSchema(), document).map((e) => e.message) }).toEqual({
        name,
        errors: [],
      });
    }
  });
});
