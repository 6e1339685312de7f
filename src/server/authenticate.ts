import type { FastifyInstance, FastifyReply, FastifyRequest, preHandlerAsyncHookHandler } from 'fastify';
import { can, type Permission } from '../core/permissions.ts';
import { AppError } from '../shared/app-error.ts';
import {
  type Actor,
  API_TOKEN_PREFIX,
  actorFromApiToken,
  actorFromSession,
} from '../staff/session.service.ts';
import type { AppDeps } from './app-deps.ts';

export const SESSION_COOKIE = 'tillsync_session';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
  }
}

/** Resolves the caller from the session cookie or an `Authorization: Bearer tsk_…` API token. */
export function registerAuthentication(app: FastifyInstance, deps: AppDeps): void {
  app.decorateRequest('actor', null);
  app.addHook('onRequest', async (request) => {
    const bearer = request.headers.authorization;
    if (bearer?.startsWith(`Bearer ${API_TOKEN_PREFIX}`)) {
      request.actor = await actorFromApiToken(deps.db.kysely, bearer.slice('Bearer '.length));
      return;
    }
    const token = request.cookies[SESSION_COOKIE];
    if (token) request.actor = await actorFromSession(deps.db.kysely, deps.clock, token);
  });
}

/** A preHandler that refuses the request unless the caller's role holds the permission. */
export function requirePermission(permission: Permission): preHandlerAsyncHookHandler {
  return async function checkPermission(request: FastifyRequest, _reply: FastifyReply) {
    actorWith(request, permission);
  };
}

/** The caller, after checking they hold the permission; throws the 401/403 the client should see. */
export function actorWith(request: FastifyRequest, permission: Permission): Actor {
  const actor = request.actor;
  if (!actor)
    throw new AppError('unauthenticated', 'UNAUTHENTICATED', 'sign in first (session expired or missing)');
  if (!can(actor.role, permission)) {
    throw new AppError('forbidden', 'FORBIDDEN', `a ${actor.role} may not do this (needs ${permission})`);
  }
  return actor;
}
