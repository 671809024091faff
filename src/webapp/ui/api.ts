/**
 * The app's one door to the gateway: same-origin JSON with the session cookie and CSRF token,
 * through the client typed by the served OpenAPI document (`src/shared/api-client.ts`): paths,
 * parameters, bodies and answers are the contract's, so a contract change that breaks a page
 * breaks `npm run typecheck`.
 */
import { typedApi, type ApiSchema } from '../../shared/api-client.js';
import { ApiError, refusedError as refused, sessionClient, unreachableError as unreachable } from '../../shared/session-client.js';
import { forgetCachedData, offlineFetch } from './offline-cache.js';

export { ApiError } from '../../shared/session-client.js';

export type Session = ApiSchema<'Session'>;
export type Principal = NonNullable<Session['principal']>;

// Reads fall back to the browser's copy when the server cannot be reached (offline-cache.ts).
const session = sessionClient(offlineFetch);
const client = session.client;

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
  session.setCsrf(s.csrfToken);
  return s;
}

export function csrf(): string | null {
  return session.csrf();
}

/** Ends the session (identity's POST /auth/logout, CSRF-protected) and goes to the login page. */
export async function logout(): Promise<void> {
  await fetch('/auth/logout', {
    method: 'POST',
    credentials: 'same-origin',
    headers: session.csrf() ? { 'x-csrf-token': session.csrf()! } : {},
    redirect: 'manual',
  }).catch(() => undefined);
  await forgetCachedData();
  location.href = '/auth/login';
}
