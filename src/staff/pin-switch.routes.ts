import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { AppDeps } from '../server/app-deps.ts';
import { requirePermission, SESSION_COOKIE } from '../server/authenticate.ts';
import { switchByPin } from './pin-switch.service.ts';
import { SESSION_TTL_MS } from './session.service.ts';
import { listPinStaff } from './staff.repository.ts';

const RoleSchema = Type.Union([Type.Literal('owner'), Type.Literal('manager'), Type.Literal('cashier')]);

const StaffSchema = Type.Object({
  id: Type.String(),
  email: Type.String(),
  displayName: Type.String(),
  role: RoleSchema,
  active: Type.Boolean(),
  hasPin: Type.Boolean(),
  createdAt: Type.String(),
});

export const pinSwitchRoutes: FastifyPluginAsyncTypebox<{ deps: AppDeps }> = async (app, { deps }) => {
  // A cashier may not list staff (emails, roles, who is inactive), but switching cashier and a
  // manager's approval both need a name to pick: this gives the till exactly that, and no more.
  app.get(
    '/api/auth/pin-staff',
    {
      preHandler: requirePermission('sales.sell'),
      schema: {
        tags: ['staff'],
        summary: 'Active staff who have a PIN: the names a till offers for switching cashier and approvals',
        response: {
          200: Type.Array(Type.Object({ id: Type.String(), displayName: Type.String(), role: RoleSchema })),
        },
      },
    },
    async () => listPinStaff(deps.db.kysely),
  );

  app.post(
    '/api/auth/pin-switch',
    {
      // Only from a till someone is signed in at: a short PIN alone must not open a session from anywhere.
      preHandler: requirePermission('sales.sell'),
      schema: {
        tags: ['staff'],
        summary: 'Switch the signed-in staff member at a register by PIN; sets a new session cookie',
        body: Type.Object(
          {
            staffId: Type.String({ minLength: 1, maxLength: 64 }),
            pin: Type.String({ pattern: '^[0-9]{4,8}$' }),
          },
          { additionalProperties: false },
        ),
        response: { 200: Type.Object({ staff: StaffSchema, expiresAt: Type.String() }) },
      },
    },
    async (request, reply) => {
      const { token, staff, expiresAt } = await switchByPin(deps.db.kysely, deps, {
        staffId: request.body.staffId,
        pin: request.body.pin,
        previousToken: request.cookies[SESSION_COOKIE],
      });
      reply.setCookie(SESSION_COOKIE, token, {
        httpOnly: true,
        sameSite: 'strict',
        secure: deps.config.secureCookies,
        path: '/',
        maxAge: SESSION_TTL_MS / 1000,
      });
      return { staff, expiresAt };
    },
  );
};
