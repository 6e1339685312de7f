import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { sql } from 'kysely';
import { Type } from 'typebox';
import type { AppDeps } from './app-deps.ts';

export const healthRoutes: FastifyPluginAsyncTypebox<{ deps: AppDeps }> = async (app, { deps }) => {
  app.get(
    '/api/health',
    {
      schema: {
        tags: ['server'],
        summary: 'Liveness and database reachability',
        response: { 200: Type.Object({ ok: Type.Boolean(), database: Type.String() }) },
      },
    },
    async () => {
      await sql`select 1`.execute(deps.db.kysely);
      return { ok: true, database: deps.db.dialect };
    },
  );
};
