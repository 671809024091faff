import express, { type RequestHandler } from 'express';

/** Error types this parser adds to body-parser's own (`err.type`), mapped to codes in errors.ts. */
export const NON_FINITE_NUMBER = 'entity.number.nonfinite';
export const INVALID_UTF8 = 'entity.utf8.invalid';

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Thrown from the reviver and the verify hook. body-parser strips a parse error's own properties
 * (normalizeJsonSyntaxError), so the refusal's type lives on the prototype, where it survives.
 */
export abstract class BodyContentError extends Error {
  abstract refusalType(): string;
}

class NonFiniteNumberError extends BodyContentError {
  refusalType(): string {
    return NON_FINITE_NUMBER;
  }
}

class InvalidUtf8Error extends BodyContentError {
  refusalType(): string {
    return INVALID_UTF8;
  }
}

function bodyError(type: string, message: string): Error {
  return type === NON_FINITE_NUMBER ? new NonFiniteNumberError(message) : new InvalidUtf8Error(message);
}

/**
 * The JSON body parser of every API route. On top of express.json: a body that is not valid
 * UTF-8 is refused (not silently turned into U+FFFD), and a number JSON cannot represent
 * (1e309 parses to Infinity, which would be stored as null) is refused, so nothing reaches a
 * handler that the sender did not literally mean.
 */
export function jsonBody(limit: string): RequestHandler {
  return express.json({
    limit,
    verify(_req, _res, buf, encoding) {
      if (encoding && encoding.toLowerCase() !== 'utf-8' && encoding.toLowerCase() !== 'utf8') return;
      try {
        utf8.decode(buf);
      } catch {
        throw bodyError(INVALID_UTF8, 'Request body is not valid UTF-8');
      }
    },
    reviver(key, value: unknown) {
      if (typeof value === 'number' && !Number.isFinite(value)) {
        throw bodyError(NON_FINITE_NUMBER, `Number out of range at "${key}"`);
      }
      return value;
    },
  });
}
