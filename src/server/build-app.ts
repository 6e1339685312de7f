import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import fastifyCookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyInstance } from 'fastify';
import type { AppDeps } from './app-deps.ts';
import { registerAuthentication } from './authenticate.ts';
import { registerErrorHandler } from './error-handler.ts';
import { refuseUnstorableInput } from './input-guards.ts';
import { registerDomainRoutes } from './routes.ts';
import { validatorCompiler } from './validator.ts';

export interface BuildAppOptions {
  /** false in tests; a pino level name otherwise. */
  logLevel?: string | false;
  /** Folder of the built web app; served at / when present. */
  webRoot?: string;
  /** Largest request body accepted, in bytes. */
  bodyLimit?: number;
}

export const DEFAULT_BODY_LIMIT = 1024 * 1024;

/** The HTTP app with every route, ready to `listen` or to `inject` in tests. */
export async function buildApp(deps: AppDeps, options: BuildAppOptions = {}): Promise<FastifyInstance> {
  const logLevel = options.logLevel ?? deps.config.logLevel;
  const app = Fastify({
    logger:
      logLevel === false
        ? false
        : {
            level: logLevel,
            // Secrets must never reach a log line.
            redact: [
              'req.headers.authorization',
              'req.headers.cookie',
              'req.headers["x-shopify-access-token"]',
            ],
          },
    bodyLimit: options.bodyLimit ?? DEFAULT_BODY_LIMIT,
  }).withTypeProvider<TypeBoxTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  registerErrorHandler(app);
  await app.register(fastifyCookie);
  await app.register(fastifySwagger, {
    openapi: {
      info: {
        title: 'tillsync API',
        version: '0.1.0',
        description: 'Point of sale and inventory; the web pages use this API and nothing else.',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'tillsync_session' },
          apiToken: { type: 'http', scheme: 'bearer' },
        },
      },
      security: [{ session: [] }, { apiToken: [] }],
    },
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs' });
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  registerAuthentication(app, deps);
  app.addHook('preValidation', refuseUnstorableInput);
  await registerDomainRoutes(app, deps);
  await serveWebApp(app, options.webRoot ?? resolve('web/dist'));
  return app;
}

/**
 * Serves the built single-page app. The error handler owns the app's one not-found handler (Fastify
 * allows only one), so the page's own addresses (/register, /back-office/stock…) are a GET catch-all
 * route answering index.html; unknown /api/ paths still get the JSON 404.
 */
async function serveWebApp(app: FastifyInstance, webRoot: string): Promise<void> {
  if (!existsSync(join(webRoot, 'index.html'))) return;
  await app.register(fastifyStatic, { root: webRoot, wildcard: false });
  app.get('/*', { schema: { hide: true } }, (request, reply) => {
    if (request.url.startsWith('/api/') || request.url.startsWith('/admin/')) {
      return reply.status(404).send({
        error: { code: 'ROUTE_NOT_FOUND', message: `No route GET ${request.url.split('?')[0]}` },
      });
    }
    return reply.sendFile('index.html');
  });
}
