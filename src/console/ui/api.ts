/**
 * The console's one door to the gateway: same-origin JSON with the session cookie, the CSRF
 * token on state-changing calls, through the client typed by the served OpenAPI document
 * (`src/shared/api-client.ts`, the same one as the web app and the CLI). Paths, parameters,
 * bodies and answers are the contract's, so a contract change that breaks a console page breaks
 * `npm run typecheck`. Errors carry the gateway's stable code.
 */
import { typedApi, type ApiPaths, type ApiSchema, type PathOf } from '../../shared/api-client.js';
import { ApiError, refusedError, sessionClient, unreachableError } from '../../shared/session-client.js';

export { ApiError } from '../../shared/session-client.js';

/** The logged-in user as the console shows it (`GET /api/v1/console/me`). */
export type Me = ApiSchema<'api.console.me'>;

const session = sessionClient();

export const api = typedApi(session.client, {
  unreachable: unreachableError,
  failed(res, body) {
    if (res.status === 401) {
      location.href = `/auth/login?returnTo=${encodeURIComponent(`/console${location.hash}`)}`;
      return new ApiError(401, 'AUTH_REQUIRED', 'Phiên đăng nhập đã hết hạn');
    }
    return refusedError(res, body, `HTTP ${res.status}`);
  },
});

/** The identity module's session carries the CSRF token; without it (tests) calls go without one. */
export async function loadSession(): Promise<void> {
  try {
    session.setCsrf((await api.get('/api/v1/session')).csrfToken ?? null);
  } catch {
    session.setCsrf(null);
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
    headers: session.csrf() ? { 'x-csrf-token': session.csrf()! } : {},
    redirect: 'manual',
  }).catch(() => undefined);
  location.href = '/auth/login';
}
