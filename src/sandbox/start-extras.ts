import type { FastifyInstance } from 'fastify';
import type { SandboxRuntime } from './sandbox-runtime.ts';

/** Parts started beside the API (webhook dispatcher, storefront, bulk runner); answers their stop hooks. */
export async function startExtras(
  _app: FastifyInstance,
  _runtime: SandboxRuntime,
): Promise<Array<() => Promise<void> | void>> {
  return [];
}
