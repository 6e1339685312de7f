/**
 * Expected failures are typed values with a stable code; the server's error handler maps the kind to
 * an HTTP status in one place. Messages are for people and must never contain a secret.
 */
export type ErrorKind =
  | 'validation'
  | 'unauthenticated'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'rate_limited';

export class AppError extends Error {
  constructor(
    readonly kind: ErrorKind,
    readonly code: string,
    message: string,
    readonly field?: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const invalid = (code: string, message: string, field?: string, details?: Record<string, unknown>) =>
  new AppError('validation', code, message, field, details);
export const notFound = (code: string, message: string) => new AppError('not_found', code, message);
export const conflict = (code: string, message: string, field?: string, details?: Record<string, unknown>) =>
  new AppError('conflict', code, message, field, details);
export const forbidden = (code: string, message: string) => new AppError('forbidden', code, message);
