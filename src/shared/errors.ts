/**
 * Typed errors with a stable `code` (what clients and ops match on) and the HTTP status the
 * API answers with. Messages are for humans and may change; codes never do.
 */
export type ErrorDetails = Record<string, unknown> | unknown[] | undefined;

export class AppError extends Error {
  readonly code: string;
  readonly status: number;
  readonly details: ErrorDetails;

  constructor(code: string, message: string, status = 500, details?: ErrorDetails) {
    super(message);
    this.name = new.target.name;
    this.code = code;
    this.status = status;
    this.details = details;
  }

  toJSON(): { code: string; message: string; details?: ErrorDetails } {
    return this.details === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, details: this.details };
  }
}

/** Input that does not match a contract or a domain rule (HTTP 400/422). */
export class ValidationError extends AppError {
  constructor(code: string, message: string, details?: ErrorDetails, status = 400) {
    super(code, message, status, details);
  }
}

export class NotFoundError extends AppError {
  constructor(code: string, message: string, details?: ErrorDetails) {
    super(code, message, 404, details);
  }
}

/** The caller is not authenticated (HTTP 401). */
export class AuthenticationError extends AppError {
  constructor(code: string, message: string, details?: ErrorDetails) {
    super(code, message, 401, details);
  }
}

/** The caller is authenticated but not allowed (HTTP 403). */
export class ForbiddenError extends AppError {
  constructor(code: string, message: string, details?: ErrorDetails) {
    super(code, message, 403, details);
  }
}

/** The request conflicts with the current state, e.g. an illegal workflow transition (HTTP 409). */
export class ConflictError extends AppError {
  constructor(code: string, message: string, details?: ErrorDetails) {
    super(code, message, 409, details);
  }
}

/** A dependency (database, queue, external system) failed; usually retryable (HTTP 503). */
export class UnavailableError extends AppError {
  constructor(code: string, message: string, details?: ErrorDetails) {
    super(code, message, 503, details);
  }
}

export function isAppError(err: unknown): err is AppError {
  return err instanceof AppError;
}
