import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { findRegister } from '../registers/registers.repository.ts';
import type { AppDeps } from '../server/app-deps.ts';
import { actorWith, requirePermission } from '../server/authenticate.ts';
import { invalid, notFound } from '../shared/app-error.ts';
import { isoNow } from '../shared/clock.ts';
import { loadCashUpView, previewCashUp } from './cash-ups.repository.ts';
import { recordCashUp } from './record-cash-up.service.ts';
import { Minor } from './sale.schemas.ts';

const ByMethod = Type.Object({ cash: Type.Integer(), card: Type.Integer() });
const previewFields = {
  registerId: Type.String(),
  since: Type.Union([Type.String(), Type.Null()]),
  until: Type.String(),
  takingsByMethod: ByMethod,
  refundsByMethod: ByMethod,
  openingFloatMinor: Type.Integer(),
  expectedCashMinor: Type.Integer(),
  salesCount: Type.Integer(),
};
const PreviewSchema = Type.Object(previewFields);
const CashUpSchema = Type.Object({
  ...previewFields,
  id: Type.String(),
  number: Type.Integer(),
  countedCashMinor: Type.Integer(),
  differenceMinor: Type.Integer(),
  staffId: Type.String(),
  staffName: Type.String(),
  note: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String(),
});

export const cashUpsRoutes: FastifyPluginAsyncTypebox<{ deps: AppDeps }> = async (app, { deps }) => {
  const db = deps.db.kysely;

  app.get(
    '/api/cash-ups/preview',
    {
      preHandler: requirePermission('sales.sell'),
      schema: {
        tags: ['cash-ups'],
        summary: 'What the register took since its last cash-up, and the cash the drawer should hold',
        querystring: Type.Object(
          {
            registerId: Type.String({ minLength: 1, maxLength: 64 }),
            openingFloatMinor: Type.Optional(Type.String({ pattern: '^[0-9]{1,10}$' })),
          },
          { additionalProperties: false },
        ),
        response: { 200: PreviewSchema },
      },
    },
    async (request) => {
      const register = await findRegister(db, request.query.registerId);
      if (!register)
        throw invalid('REGISTER_UNKNOWN', `no active register ${request.query.registerId}`, 'registerId');
      return previewCashUp(db, {
        registerId: register.id,
        until: isoNow(deps.clock),
        openingFloatMinor: Number(request.query.openingFloatMinor ?? 0),
      });
    },
  );

  app.post(
    '/api/cash-ups',
    {
      preHandler: requirePermission('sales.sell'),
      schema: {
        tags: ['cash-ups'],
        summary: 'Record a cash-up (Z report) for a register',
        body: Type.Object(
          {
            registerId: Type.String({ minLength: 1, maxLength: 64 }),
            countedCashMinor: Minor,
            openingFloatMinor: Type.Optional(Minor),
            note: Type.Optional(Type.String({ maxLength: 1000 })),
          },
          { additionalProperties: false },
        ),
        response: { 201: CashUpSchema },
      },
    },
    async (request, reply) => {
      const actor = actorWith(request, 'sales.sell');
      return reply.status(201).send(await recordCashUp(deps.db, deps, actor, request.body));
    },
  );

  app.get(
    '/api/cash-ups/:id',
    {
      preHandler: requirePermission('sales.read'),
      schema: {
        tags: ['cash-ups'],
        summary: 'A recorded cash-up (Z report), for reprinting',
        params: Type.Object({ id: Type.String({ maxLength: 80 }) }),
        response: { 200: CashUpSchema },
      },
    },
    async (request) => {
      const view = await loadCashUpView(db, request.params.id);
      if (!view) throw notFound('CASH_UP_NOT_FOUND', `no cash-up ${request.params.id}`);
      return view;
    },
  );
};
