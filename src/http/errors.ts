import type { NextFunction, Request, Response } from 'express';
import { AppError, isAppError } from '../shared/errors.js';
import { logger } from '../shared/logger.js';
import { BodyContentError } from './json-body.js';

interface BodyParserError extends Error {
  type?: string;
  status?: number;
  charset?: string;
  encoding?: string;
}

/**
 * Every refusal of a request body (express body parsers and json-body.ts) with its stable code
 * and a message for the person behind the client. Unknown body-parser types keep their 4xx.
 */
const BODY_ERRORS: Record<string, { code: string; status: number; message: string }> = {
  'entity.too.large': { code: 'BODY_TOO_LARGE', status: 413, message: 'Dữ liệu gửi lên vượt quá dung lượng cho phép' },
  'entity.parse.failed': { code: 'BODY_MALFORMED', status: 400, message: 'Dữ liệu gửi lên không đúng cú pháp JSON' },
  'entity.number.nonfinite': {
    code: 'BODY_NUMBER_OUT_OF_RANGE',
    status: 400,
    message: 'Dữ liệu có số vượt quá giới hạn biểu diễn (ví dụ 1e309); không có gì được lưu',
  },
  'entity.utf8.invalid': {
    code: 'BODY_ENCODING_INVALID',
    status: 400,
    message: 'Dữ liệu gửi lên không phải văn bản UTF-8 hợp lệ; không có gì được lưu',
  },
  'entity.verify.failed': { code: 'BODY_INVALID', status: 400, message: 'Dữ liệu gửi lên không hợp lệ' },
  'charset.unsupported': {
    code: 'BODY_CHARSET_UNSUPPORTED',
    status: 415,
    message: 'Bảng mã (charset) của dữ liệu không được hỗ trợ; hãy gửi UTF-8',
  },
  'encoding.unsupported': {
    code: 'BODY_ENCODING_UNSUPPORTED',
    status: 415,
    message: 'Kiểu nén (Content-Encoding) không được hỗ trợ; dùng gzip, deflate, br hoặc không nén',
  },
  'request.aborted': { code: 'BODY_ABORTED', status: 400, message: 'Yêu cầu bị ngắt trước khi gửi hết dữ liệu' },
  'request.size.invalid': { code: 'BODY_SIZE_MISMATCH', status: 400, message: 'Dung lượng dữ liệu không khớp với Content-Length' },
  'parameters.too.many': { code: 'BODY_TOO_MANY_PARAMETERS', status: 413, message: 'Biểu mẫu gửi lên có quá nhiều trường' },
  'stream.encoding.set': { code: 'BODY_STREAM_INVALID', status: 500, message: 'Lỗi nội bộ khi đọc dữ liệu' },
};

function fromBodyParser(err: BodyParserError): AppError | undefined {
  const type = err instanceof BodyContentError ? err.refusalType() : err?.type;
  if (typeof type !== 'string') return undefined;
  const known = BODY_ERRORS[type];
  const details = {
    reason: err.message,
    ...(err.charset ? { charset: err.charset } : {}),
    ...(err.encoding ? { encoding: err.encoding } : {}),
  };
  if (known) return new AppError(known.code, known.message, known.status, details);
  if (typeof err.status === 'number' && err.status >= 400 && err.status < 500)
    return new AppError('BODY_INVALID', 'Dữ liệu gửi lên không hợp lệ', err.status, details);
  return undefined;
}

/** What PostgreSQL and PGlite errors carry (SQLSTATE in `code`). */
interface SqlError extends Error {
  code?: string;
  constraint?: string;
  detail?: string;
}

/**
 * Integrity errors the database caught before a domain check did (e.g. an unknown org unit in
 * an indicator's responsible unit) are the caller's mistake, not a server failure.
 */
function fromSqlState(err: SqlError): AppError | undefined {
  const details = { constraint: err.constraint, detail: err.detail };
  if (err.code === '23503') return new AppError('REFERENCE_NOT_FOUND', 'A referenced record does not exist', 400, details);
  if (err.code === '23505') return new AppError('DUPLICATE_KEY', 'A record with this key already exists', 409, details);
  return undefined;
}

/** Maps every error to `{code, message, details}` with a stable code. Unknown errors are logged, not leaked. */
export function errorHandler(err: unknown, req: Request, res: Response, _next: NextFunction): void {
  const sqlError = isAppError(err) ? undefined : fromSqlState(err as SqlError);
  const bodyError = isAppError(err) || sqlError ? undefined : fromBodyParser(err as BodyParserError);
  let appError: AppError;
  if (isAppError(err)) {
    appError = err;
  } else if (sqlError) {
    appError = sqlError;
  } else if (bodyError) {
    appError = bodyError;
  } else {
    logger.error('unhandled error', { path: req.path, error: (err as Error)?.stack ?? String(err) });
    appError = new AppError('INTERNAL_ERROR', 'Internal error', 500);
  }
  if (appError.status >= 500) logger.warn('request failed', { path: req.path, code: appError.code });
  res.status(appError.status).json(appError.toJSON());
}

export function notFoundHandler(req: Request, res: Response): void {
  res.status(404).json({ code: 'ROUTE_NOT_FOUND', message: `No route ${req.method} ${req.path}` });
}
