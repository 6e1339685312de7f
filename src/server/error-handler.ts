import type { FastifyError, FastifyInstance } from 'fastify';
import { AppError, type ErrorKind } from '../shared/app-error.ts';

/** The one error shape every route answers with: `{ error: { code, message, field? } }`. */
export interface ErrorBody {
  error: { code: string; message: string; field?: string; details?: Record<string, unknown> };
}

const STATUS_BY_KIND: Record<ErrorKind, number> = {
  validation: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  rate_limited: 429,
};

interface AjvIssue {
  instancePath?: string;
  keyword?: string;
  message?: string;
  params?: { missingProperty?: string; additionalProperty?: string };
}

/** Names the offending field the way a person reads it: `lines.2.quantity`. */
export function fieldOfValidationIssue(issue: AjvIssue): string {
  const base = (issue.instancePath ?? '').split('/').filter(Boolean);
  const extra = issue.params?.missingProperty ?? issue.params?.additionalProperty;
  if (extra) base.push(extra);
  return base.join('.') || '(body)';
}

/**
 * A value that matches no branch of a union (a discount of either kind) gets one issue per branch. The
 * deepest one is from the branch the value was meant for: `{kind: 'percent', basisPoints: 20000}`
 * should hear about basisPoints, not that an amount discount needs amountMinor.
 */
function mostTellingIssue(issues: readonly AjvIssue[]): AjvIssue {
  const concrete = issues.filter((issue) => issue.keyword !== 'anyOf' && issue.keyword !== 'oneOf');
  const depth = (issue: AjvIssue) => (issue.instancePath ?? '').split('/').length;
  return concrete.reduce(
    (best, issue) => (depth(issue) > depth(best) ? issue : best),
    concrete[0] ?? issues[0]!,
  );
}

function describeValidationIssue(issue: AjvIssue, context: string | undefined): string {
  const field = fieldOfValidationIssue(issue);
  const where = context && context !== 'body' ? `${context} ` : '';
  if (issue.keyword === 'additionalProperties') return `${where}field "${field}" is not allowed`;
  if (issue.keyword === 'required') return `${where}field "${field}" is required`;
  return `${where}field "${field}" ${issue.message ?? 'is invalid'}`;
}

export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | AppError, request, reply) => {
    if (error instanceof AppError) {
      const body: ErrorBody = { error: { code: error.code, message: error.message } };
      if (error.field) body.error.field = error.field;
      if (error.details) body.error.details = error.details;
      return reply.status(STATUS_BY_KIND[error.kind]).send(body);
    }
    const fastifyError = error as FastifyError;
    if (fastifyError.validation && fastifyError.validation.length > 0) {
      const issue = mostTellingIssue(fastifyError.validation as AjvIssue[]);
      return reply.status(400).send({
        error: {
          code: 'VALIDATION_FAILED',
          message: describeValidationIssue(issue, fastifyError.validationContext),
          field: fieldOfValidationIssue(issue),
        },
      } satisfies ErrorBody);
    }
    const status = fastifyError.statusCode ?? 500;
    if (status >= 400 && status < 500) {
      const code = clientErrorCode(fastifyError);
      const message =
        code === 'UNSUPPORTED_MEDIA_TYPE'
          ? `Content-Type ${request.headers['content-type'] ?? '(none)'} is not accepted by this route`
          : fastifyError.message;
      return reply.status(status).send({ error: { code, message } } satisfies ErrorBody);
    }
    request.log.error({ err: error, url: request.url, method: request.method }, 'unexpected error');
    return reply.status(500).send({
      error: { code: 'INTERNAL', message: 'Something went wrong on the server' },
    } satisfies ErrorBody);
  });

  app.setNotFoundHandler((request, reply) =>
    reply.status(404).send({
      error: { code: 'ROUTE_NOT_FOUND', message: `No route ${request.method} ${request.url.split('?')[0]}` },
    } satisfies ErrorBody),
  );
}

function clientErrorCode(error: FastifyError): string {
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return 'BODY_TOO_LARGE';
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return 'UNSUPPORTED_MEDIA_TYPE';
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return 'EMPTY_BODY';
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return 'MALFORMED_JSON';
    default:
      return error.statusCode === 400 && error instanceof SyntaxError ? 'MALFORMED_JSON' : 'BAD_REQUEST';
  }
}
