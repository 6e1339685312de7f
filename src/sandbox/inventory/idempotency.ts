import { GraphQLError, type GraphQLResolveInfo, valueFromAST } from 'graphql';
import type { SandboxContext } from '../context.ts';
import { nowText } from '../shopify-time.ts';
import { sql } from '../store/statements.ts';

/**
 * `@idempotent(key:)` (NOTES §5): required on the inventory mutations and refundCreate. The first call
 * with a key runs and its outcome is stored with a fingerprint of the mutation and its arguments; a
 * retry with the same key and arguments gets the stored outcome without running again; the same key
 * with other arguments gets IDEMPOTENCY_KEY_PARAMETER_MISMATCH. Keys are kept as long as the shop.
 */
export function idempotencyKey(info: GraphQLResolveInfo): string {
  const directive = info.fieldNodes[0]?.directives?.find((d) => d.name.value === 'idempotent');
  const keyArg = directive?.arguments?.find((a) => a.name.value === 'key');
  if (!directive || !keyArg) {
    throw new GraphQLError('The @idempotent directive is required for this mutation but was not provided.', {
      extensions: { code: 'BAD_REQUEST' },
    });
  }
  const key = valueFromAST(
    keyArg.value,
    info.schema.getDirective('idempotent')?.args[0]?.type ?? ({} as never),
    info.variableValues,
  );
  if (typeof key !== 'string' || key.trim() === '') {
    throw new GraphQLError('The idempotency key cannot be an empty string or whitespace only.', {
      extensions: { code: 'BAD_REQUEST' },
    });
  }
  return key;
}

export type IdempotentResult<T> =
  | { kind: 'fresh'; outcome: T }
  | { kind: 'replay'; outcome: T }
  | { kind: 'mismatch' };

/** Runs `apply` once per key (inside one transaction with the key's record). */
export function runIdempotent<T>(
  ctx: SandboxContext,
  key: string,
  mutation: string,
  args: unknown,
  apply: () => T,
): IdempotentResult<T> {
  const fingerprint = `${mutation}:${JSON.stringify(args)}`;
  return ctx.db.transaction((): IdempotentResult<T> => {
    const stored = sql(
      ctx.db,
      'SELECT fingerprint, outcome FROM idempotency_keys WHERE shop_id = ? AND key = ?',
    ).get(ctx.shop.id, key) as { fingerprint: string; outcome: string } | undefined;
    if (stored) {
      return stored.fingerprint === fingerprint
        ? { kind: 'replay', outcome: JSON.parse(stored.outcome) as T }
        : { kind: 'mismatch' };
    }
    const outcome = apply();
    sql(
      ctx.db,
      'INSERT INTO idempotency_keys (shop_id, key, fingerprint, outcome, created_at) VALUES (?, ?, ?, ?, ?)',
    ).run(ctx.shop.id, key, fingerprint, JSON.stringify(outcome), nowText(ctx.clock));
    return { kind: 'fresh', outcome };
  })();
}

export const IDEMPOTENCY_MISMATCH = {
  field: null,
  message: 'The same idempotency key cannot be used with different operation parameters.',
  code: 'IDEMPOTENCY_KEY_PARAMETER_MISMATCH',
};
