import {
  type DocumentNode,
  execute,
  type FragmentDefinitionNode,
  type GraphQLError,
  getOperationAST,
  getVariableValues,
  Kind,
  type OperationDefinitionNode,
  parse,
  type SelectionSetNode,
  validate,
  valueFromASTUntyped,
} from 'graphql';
import type { SandboxContext } from '../context.ts';
import { actualCost, requestedCost } from '../cost/query-cost.ts';
import type { CostBuckets } from '../throttle/cost-bucket.ts';
import { planLimits } from '../throttle/plans.ts';
import { adminSchema } from './admin-schema.ts';
import { rootValue } from './root-value.ts';
import { parseError, staticError } from './static-errors.ts';

export interface AdminRequest {
  query?: unknown;
  variables?: unknown;
  operationName?: unknown;
}

export interface AdminResponse {
  status: number;
  body: Record<string, unknown>;
}

const MAX_COST = 1000;

/** Parsed and validated documents by text: clients send the same few documents over and over. */
const documentCache = new Map<string, { document: DocumentNode } | { errors: unknown[] }>();

function parseAndValidate(text: string): { document: DocumentNode } | { errors: unknown[] } {
  const cached = documentCache.get(text);
  if (cached) return cached;
  let outcome: { document: DocumentNode } | { errors: unknown[] };
  try {
    const document = parse(text);
    const errors = validate(adminSchema(), document);
    outcome = errors.length ? { errors: errors.map((e) => staticError(e, document)) } : { document };
  } catch (error) {
    outcome = { errors: [parseError(error as GraphQLError, text)] };
  }
  if (documentCache.size > 1000) documentCache.clear();
  documentCache.set(text, outcome);
  return outcome;
}
const THROTTLE_DOCS = 'https://shopify.dev/api/usage/limits#rate-limits';

/**
 * One Admin GraphQL request, as Shopify answers it (NOTES §9, §11): static errors (parse, validation,
 * variables) carry no data and no cost; a query above 1000 points is refused with MAX_COST_EXCEEDED; one
 * the bucket cannot cover gets THROTTLED (HTTP 200, no data); otherwise it runs, is charged its actual
 * cost and answers `extensions.cost` with the bucket left after the charge.
 */
export async function executeAdmin(
  ctx: SandboxContext,
  buckets: CostBuckets,
  bucketScale: number,
  request: AdminRequest,
): Promise<AdminResponse> {
  const schema = adminSchema();
  if (typeof request.query !== 'string') {
    return { status: 400, body: { errors: { query: 'Required parameter missing or invalid' } } };
  }
  const parsed = parseAndValidate(request.query);
  if ('errors' in parsed) return { status: 200, body: { errors: parsed.errors } };
  const { document } = parsed;
  const operationName = typeof request.operationName === 'string' ? request.operationName : undefined;
  const operations = document.definitions.filter(
    (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
  );
  if (operations.length > 1 && !operationName) {
    return {
      status: 200,
      body: {
        errors: [
          { message: 'An operation name is required', extensions: { code: 'OPERATION_NAME_REQUIRED' } },
        ],
      },
    };
  }
  const operation = getOperationAST(document, operationName);
  if (!operation) {
    return {
      status: 200,
      body: {
        errors: [
          { message: `No operation named "${operationName}"`, extensions: { code: 'OPERATION_NOT_FOUND' } },
        ],
      },
    };
  }
  const rawVariables = (
    request.variables && typeof request.variables === 'object' ? request.variables : {}
  ) as Record<string, unknown>;
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], rawVariables, {
    maxErrors: 50,
  });
  if (coerced.errors) {
    return {
      status: 200,
      body: {
        errors: coerced.errors.map((e) => ({
          message: e.message,
          locations: e.locations,
          extensions: { code: 'INVALID_VARIABLE' },
        })),
      },
    };
  }
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions)
    if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);

  const plan = planLimits(ctx.shop.plan);
  const limits = {
    maximumAvailable: Math.max(1, Math.round(plan.maximumAvailable * bucketScale)),
    restoreRate: Math.max(1, Math.round(plan.restoreRate * bucketScale)),
  };
  const requested = requestedCost(schema, operation, fragments, coerced.coerced);
  const bucketKey = String(ctx.shop.id);
  const throttleStatus = (available: number) => ({
    maximumAvailable: limits.maximumAvailable,
    currentlyAvailable: Math.floor(available),
    restoreRate: limits.restoreRate,
  });
  if (requested > MAX_COST) {
    return {
      status: 200,
      body: {
        errors: [
          {
            message: `Query cost is ${requested}, which exceeds the single query max cost limit (${MAX_COST}).\n\nSee https://shopify.dev/concepts/about-apis/rate-limits for more information on how the\ncost of a query is calculated.\n\nTo query larger amounts of data with fewer limits, bulk operations should be used instead.\nSee https://shopify.dev/tutorials/perform-bulk-operations-with-admin-api for usage details.\n`,
            extensions: {
              code: 'MAX_COST_EXCEEDED',
              cost: requested,
              maxCost: MAX_COST,
              documentation: THROTTLE_DOCS,
            },
          },
        ],
      },
    };
  }
  const taken = buckets.take(bucketKey, limits, requested, ctx.clock.now().getTime());
  if (!taken.ok) {
    return {
      status: 200,
      body: {
        errors: [{ message: 'Throttled', extensions: { code: 'THROTTLED', documentation: THROTTLE_DOCS } }],
        extensions: {
          cost: {
            requestedQueryCost: requested,
            actualQueryCost: null,
            throttleStatus: throttleStatus(taken.available),
          },
        },
      },
    };
  }
  const oversized = oversizedInput(operation.selectionSet, coerced.coerced);
  if (oversized) {
    // Refused before it runs, yet the requested cost stays taken (NOTES §9: no data, actual null).
    return {
      status: 200,
      body: {
        errors: [oversized],
        extensions: {
          cost: {
            requestedQueryCost: requested,
            actualQueryCost: null,
            throttleStatus: throttleStatus(taken.available),
          },
        },
      },
    };
  }
  const result = await execute({
    schema,
    document,
    rootValue,
    contextValue: ctx,
    variableValues: rawVariables,
    operationName,
  });
  const actual = Math.min(
    requested,
    actualCost(schema, operation, fragments, coerced.coerced, result.data as Record<string, unknown> | null),
  );
  const left = buckets.refund(bucketKey, limits, requested - actual);
  const body: Record<string, unknown> = {};
  if (result.errors?.length) body.errors = result.errors.map((e) => e.toJSON());
  body.data = result.data ?? null;
  body.extensions = {
    cost: { requestedQueryCost: requested, actualQueryCost: actual, throttleStatus: throttleStatus(left) },
  };
  return { status: 200, body };
}

const MAX_INPUT_SIZE = 250;

/**
 * The first input array above 250 items in any field's arguments, as Shopify reports it
 * (C:H/2025-01/products/product-update-tag-normalization.json): the field's location and the path
 * from the field through the argument to the list.
 */
function oversizedInput(
  selectionSet: SelectionSetNode,
  variables: Record<string, unknown>,
): Record<string, unknown> | undefined {
  const find = (
    value: unknown,
    path: Array<string | number>,
  ): { size: number; path: Array<string | number> } | undefined => {
    if (Array.isArray(value)) {
      if (value.length > MAX_INPUT_SIZE) return { size: value.length, path };
      for (const [i, item] of value.entries()) {
        const found = find(item, [...path, i]);
        if (found) return found;
      }
    } else if (value && typeof value === 'object') {
      for (const [key, item] of Object.entries(value)) {
        const found = find(item, [...path, key]);
        if (found) return found;
      }
    }
    return undefined;
  };
  for (const selection of selectionSet.selections) {
    if (selection.kind !== Kind.FIELD) continue;
    const key = selection.alias?.value ?? selection.name.value;
    for (const argument of selection.arguments ?? []) {
      const found = find(valueFromASTUntyped(argument.value, variables), [key, argument.name.value]);
      if (found) {
        const start = selection.loc?.startToken;
        return {
          message: `The input array size of ${found.size} is greater than the maximum allowed of ${MAX_INPUT_SIZE}.`,
          ...(start ? { locations: [{ line: start.line, column: start.column }] } : {}),
          path: found.path,
          extensions: { code: 'MAX_INPUT_SIZE_EXCEEDED' },
        };
      }
    }
    if (selection.selectionSet) {
      const nested = oversizedInput(selection.selectionSet, variables);
      if (nested) return nested;
    }
  }
  return undefined;
}
