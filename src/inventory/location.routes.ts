import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { AppDeps } from '../server/app-deps.ts';
import { requirePermission } from '../server/authenticate.ts';
import { listLocations } from './location.repository.ts';
import { createLocation, updateLocation } from './location.service.ts';
import { LocationSchema } from './stock.schemas.ts';

const Name = Type.String({ minLength: 1, maxLength: 100 });

export const locationRoutes: FastifyPluginAsyncTypebox<{ deps: AppDeps }> = async (app, { deps }) => {
  const db = deps.db.kysely;

  app.get(
    '/api/locations',
    {
      preHandler: requirePermission('stock.read'),
      schema: {
        tags: ['inventory'],
        summary: 'List locations',
        response: { 200: Type.Array(LocationSchema) },
      },
    },
    async () => listLocations(db),
  );

  app.post(
    '/api/locations',
    {
      preHandler: requirePermission('stock.write'),
      schema: {
        tags: ['inventory'],
        summary: 'Add a location (409 LOCATION_NAME_TAKEN when the name is in use)',
        body: Type.Object({ name: Name }, { additionalProperties: false }),
        response: { 201: LocationSchema },
      },
    },
    async (request, reply) => reply.status(201).send(await createLocation(db, deps, request.body)),
  );

  app.patch(
    '/api/locations/:id',
    {
      preHandler: requirePermission('stock.write'),
      schema: {
        tags: ['inventory'],
        summary: 'Rename or (de)activate a location; its history stays',
        params: Type.Object({ id: Type.String() }),
        body: Type.Object(
          { name: Type.Optional(Name), active: Type.Optional(Type.Boolean()) },
          { additionalProperties: false },
        ),
        response: { 200: LocationSchema },
      },
    },
    async (request) => updateLocation(db, request.params.id, request.body),
  );
};
