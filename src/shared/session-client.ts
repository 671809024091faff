/**
 * What the web app's and the console's browser code share to reach the gateway: the typed
 * OpenAPI client on the session cookie with the CSRF token on every state-changing call, and
 * the typed error both show (the gateway's stable code, its Vietnamese message, its details).
 */
import createClient from 'openapi-fetch';
import { errorBody, type ApiPaths } from './api-client.js';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

/** The server could not be reached at all (network down, gateway stopped). */
export const unreachableError = () => new ApiError(0, 'NETWORK_UNREACHABLE', 'Không kết nối được máy chủ');

/** The gateway's refusal as a typed error; `fallback` is the message when the body has none. */
export function refusedError(res: Response, body: unknown, fallback = res.statusText): ApiError {
  const e = errorBody(body);
  return new ApiError(res.status, e.code ?? `HTTP_${res.status}`, e.message ?? fallback, e.details);
}

/** A same-origin client that sends the session's CSRF token (once known) on every non-GET call. */
export function sessionClient(fetchImpl?: (request: Request) => Promise<Response>) {
  let csrf: string | null = null;
  const client = createClient<ApiPaths, 'application/json'>({
    credentials: 'same-origin',
    headers: { accept: 'application/json' },
    ...(fetchImpl ? { fetch: fetchImpl } : {}),
  });
  client.use({
    onRequest({ request }) {
      if (request.method !== 'GET' && csrf) request.headers.set('x-csrf-token', csrf);
      return request;
    },
  });
  return {
    client,
    csrf: (): string | null => csrf,
    setCsrf(token: string | null): void {
      csrf = token;
    },
  };
}
