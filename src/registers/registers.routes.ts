import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { AppDeps } from '../server/app-deps.ts';
import { requirePermission } from '../server/authenticate.ts';
import { createRegister, listRegisters } from './registers.repository.ts';

const RegisterSchema = Type.Object({ id: Type.String(), name: Type.String(), locationId: Type.String() });

export const registersRoutes: FastifyPluginAsyncTypebox<{ deps: AppDeps }> = async (app, { deps }) => {
  const db = deps.db.kysely;

  app.get(
    '/api/registers',
    {
      preHandler: requirePermission('sales.read'),
      schema: { tags: ['registers'], summary: 'The tills', response: { 200: Type.Array(RegisterSchema) } },
    },
    async () => listRegisters(db),
  );

  app.post(
    '/api/registers',
    {
      // Adding a till is back-office work, like adding a location: managers and the owner.
      preHandler: requirePermission('stock.write'),
      schema: {
        tags: ['registers'],
        summary: 'Add a till at a location',
        body: Type.Object(
          { name: Type.String({ minLength: 1, maxLength: 100 }), locationId: Type.String({ minLength: 1 }) },
          { additionalProperties: false },
        ),
        response: { 201: RegisterSchema },
      },
    },
    async (request, reply) => reply.status(201).send(await createRegister(db, deps, request.body)),
  );
};
