/**
 * The console's one door to the gateway: same-origin JSON with the session cookie, the CSRF
 * token on state-changing calls, through the client typed by the served OpenAPI document
 * (`src/shared/api-client.ts`, the same one as the web app and the CLI). Paths, parameters,
 * bodies and answers are the contract's, so a contract change that breaks a console page breaks
 * `npm run typecheck`. Errors carry the gateway's stable code.
 */
import createClient from 'openapi-fetch';
import { errorBody, typedApi, type ApiPaths, type ApiSchema, type PathOf } from '../../shared/api-client.js';

let csrfToken: string | null = null;

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** The logged-in user as the console shows it (`GET /api/v1/console/me`). */
export type Me = ApiSchema<'api.console.me'>;

const client = createClient<ApiPaths, 'application/json'>({
  credentials: 'same-origin',
  headers: { accept: 'application/json' },
});
client.use({
  onRequest({ request }) {
    if (request.method !== 'GET' && csrfToken) request.headers.set('x-csrf-token', csrfToken);
    return request;
  },
});

export const api = typedApi(client, {
  unreachable: () => new ApiError(0, 'NETWORK_UNREACHABLE', 'Không kết nối được máy chủ'),
  failed(res, body) {
    if (res.status === 401) {
      location.href = `/auth/login?returnTo=${encodeURIComponent(`/console${location.hash}`)}`;
      return new ApiError(401, 'AUTH_REQUIRED', 'Phiên đăng nhập đã hết hạn');
    }
    const e = errorBody(body);
    return new ApiError(res.status, e.code ?? `HTTP_${res.status}`, e.message ?? `HTTP ${res.status}`);
  },
});

/** The identity module's session carries the CSRF token; without it (tests) calls go without one. */
export async function loadSession(): Promise<void> {
  try {
    csrfToken = (await api.get('/api/v1/session')).csrfToken ?? null;
  } catch {
    csrfToken = null;
  }
}

type QueryOf<P extends PathOf<'get'>> = ApiPaths[P]['get'] extends { parameters: { query?: infer Q } } ? Q : never;

/**
 * The address of a download (an export the browser fetches itself, by a link): the contract's
 * path and query, empty values left out.
 */
export function downloadHref<P extends PathOf<'get'>>(path: P, params: NonNullable<QueryOf<P>>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params as Record<string, unknown>))
    if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `${path}?${s}` : path;
}

/** An empty picker or field means "no filter": the parameter is left out, never sent empty. */
export function optional(value: string): string | undefined {
  return value === '' ? undefined : value;
}

/** Ends the session (identity's POST /auth/logout, CSRF-protected) and goes to the login page. */
export async function logout(): Promise<void> {
  await fetch('/auth/logout', {
    method: 'POST',
    credentials: 'same-origin',
    headers: csrfToken ? { 'x-csrf-token': csrfToken } : {},
    redirect: 'manual',
  }).catch(() => undefined);
  location.href = '/auth/login';
}
