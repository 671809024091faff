/**
 * The app's one door to the gateway: same-origin JSON with the session cookie and CSRF token,
 * through the client typed by the served OpenAPI document (`src/shared/api-client.ts`): paths,
 * parameters, bodies and answers are the contract's, so a contract change that breaks a page
 * breaks `npm run typecheck`.
 */
import createClient from 'openapi-fetch';
import { errorBody, typedApi, type ApiPaths, type ApiSchema } from '../../shared/api-client.js';
import { forgetCachedData, offlineFetch } from './offline-cache.js';

let csrfToken: string | null = null;

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

export type Session = ApiSchema<'Session'>;
export type Principal = NonNullable<Session['principal']>;

// Reads fall back to the browser's copy when the server cannot be reached (offline-cache.ts).
const client = createClient<ApiPaths, 'application/json'>({
  credentials: 'same-origin',
  headers: { accept: 'application/json' },
  fetch: offlineFetch,
});
client.use({
  onRequest({ request }) {
    if (request.method !== 'GET' && csrfToken) request.headers.set('x-csrf-token', csrfToken);
    return request;
  },
});

const unreachable = () => new ApiError(0, 'NETWORK_UNREACHABLE', 'Không kết nối được máy chủ');
function refused(res: Response, body: unknown): ApiError {
  const e = errorBody(body);
  return new ApiError(res.status, e.code ?? `HTTP_${res.status}`, e.message ?? res.statusText, e.details);
}

export const api = typedApi(client, {
  unreachable,
  failed(res, body) {
    if (res.status === 401) {
      location.href = `/auth/login?returnTo=${encodeURIComponent(location.pathname + location.hash)}`;
      return new ApiError(401, 'AUTH_REQUIRED', 'Chưa đăng nhập');
    }
    return refused(res, body);
  },
});

/** The same typed client for reads in the background (the banner): a refusal never leaves the page. */
export const quietApi = typedApi(client, { unreachable, failed: refused });

export async function loadSession(): Promise<Session> {
  const s = await api.get('/api/v1/session');
  csrfToken = s.csrfToken;
  return s;
}

export function csrf(): string | null {
  return csrfToken;
}

/** Ends the session (identity's POST /auth/logout, CSRF-protected) and goes to the login page. */
export async function logout(): Promise<void> {
  await fetch('/auth/logout', {
    method: 'POST',
    credentials: 'same-origin',
    headers: csrfToken ? { 'x-csrf-token': csrfToken } : {},
    redirect: 'manual',
  }).catch(() => undefined);
  await forgetCachedData();
  location.href = '/auth/login';
}
