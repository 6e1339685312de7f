import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { AppDeps } from '../server/app-deps.ts';
import { actorWith, requirePermission, SESSION_COOKIE } from '../server/authenticate.ts';
import { notFound } from '../shared/app-error.ts';
import { createApiToken, SESSION_TTL_MS, signIn, signOut } from './session.service.ts';
import { findStaffById, listStaff, toStaffMember } from './staff.repository.ts';
import { createStaffMember, updateStaffMember } from './staff.service.ts';

const RoleSchema = Type.Union([Type.Literal('owner'), Type.Literal('manager'), Type.Literal('cashier')]);
const Email = Type.String({ format: 'email', maxLength: 200 });
const Password = Type.String({ minLength: 1, maxLength: 200 });
const Pin = Type.String({ pattern: '^[0-9]{4,8}$' });

const StaffSchema = Type.Object({
  id: Type.String(),
  email: Type.String(),
  displayName: Type.String(),
  role: RoleSchema,
  active: Type.Boolean(),
  hasPin: Type.Boolean(),
  createdAt: Type.String(),
});

export const staffRoutes: FastifyPluginAsyncTypebox<{ deps: AppDeps }> = async (app, { deps }) => {
  const db = deps.db.kysely;

  app.post(
    '/api/auth/login',
    {
      schema: {
        tags: ['staff'],
        summary: 'Sign in with email and password; sets an HttpOnly session cookie',
        body: Type.Object(
          { email: Type.String({ maxLength: 200 }), password: Password },
          { additionalProperties: false },
        ),
        response: { 200: Type.Object({ staff: StaffSchema, expiresAt: Type.String() }) },
      },
    },
    async (request, reply) => {
      const { token, staff, expiresAt } = await signIn(db, deps, request.body.email, request.body.password);
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

  app.post(
    '/api/auth/logout',
    { schema: { tags: ['staff'], summary: 'Sign out' } },
    async (request, reply) => {
      const token = request.cookies[SESSION_COOKIE];
      if (token) await signOut(db, token);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return { ok: true };
    },
  );

  app.get(
    '/api/auth/me',
    { schema: { tags: ['staff'], summary: 'The signed-in staff member', response: { 200: StaffSchema } } },
    async (request) => {
      const actor = actorWith(request, 'sales.read');
      const row = await findStaffById(db, actor.staffId);
      if (!row) throw notFound('STAFF_NOT_FOUND', 'the signed-in staff member no longer exists');
      return toStaffMember(row);
    },
  );

  app.get(
    '/api/staff',
    {
      preHandler: requirePermission('staff.read'),
      schema: { tags: ['staff'], summary: 'List staff', response: { 200: Type.Array(StaffSchema) } },
    },
    async () => listStaff(db),
  );

  app.post(
    '/api/staff',
    {
      preHandler: requirePermission('staff.manage'),
      schema: {
        tags: ['staff'],
        summary: 'Add a staff member',
        body: Type.Object(
          {
            email: Email,
            displayName: Type.String({ minLength: 1, maxLength: 100 }),
            role: RoleSchema,
            password: Password,
            pin: Type.Optional(Pin),
          },
          { additionalProperties: false },
        ),
        response: { 201: StaffSchema },
      },
    },
    async (request, reply) => reply.status(201).send(await createStaffMember(db, deps, request.body)),
  );

  app.patch(
    '/api/staff/:id',
    {
      preHandler: requirePermission('staff.manage'),
      schema: {
        tags: ['staff'],
        summary: 'Change a staff member (role, name, password, PIN, active)',
        params: Type.Object({ id: Type.String() }),
        body: Type.Object(
          {
            displayName: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
            role: Type.Optional(RoleSchema),
            active: Type.Optional(Type.Boolean()),
            password: Type.Optional(Password),
            pin: Type.Optional(Type.Union([Pin, Type.Null()])),
          },
          { additionalProperties: false },
        ),
        response: { 200: StaffSchema },
      },
    },
    async (request) => updateStaffMember(db, request.params.id, request.body),
  );

  app.post(
    '/api/staff/tokens',
    {
      schema: {
        tags: ['staff'],
        summary: 'Create an API token for scripts, acting as the signed-in staff member',
        body: Type.Object(
          { name: Type.String({ minLength: 1, maxLength: 100 }) },
          { additionalProperties: false },
        ),
        response: { 201: Type.Object({ id: Type.String(), token: Type.String() }) },
      },
    },
    async (request, reply) => {
      const actor = actorWith(request, 'reports.read');
      return reply.status(201).send(await createApiToken(db, deps, actor.staffId, request.body.name));
    },
  );
};
