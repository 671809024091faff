// Thin client of /api/v1/console: same-origin cookies, the CSRF token on state-changing calls,
// and errors surfaced with their stable code.
let csrfToken = null;

export class ApiError extends Error {
  constructor(status, body) {
    super(body && body.message ? body.message : `HTTP ${status}`);
    this.status = status;
    this.code = body && body.code ? body.code : 'HTTP_' + status;
  }
}

async function request(method, path, body) {
  const headers = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  const res = await fetch(path, {
    method,
    headers,
    credentials: 'same-origin',
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (res.status === 401) {
    location.href = '/auth/login?returnTo=' + encodeURIComponent('/console' + location.hash);
    throw new ApiError(401, { code: 'AUTH_REQUIRED', message: 'Phiên đăng nhập đã hết hạn' });
  }
  const data = res.headers.get('content-type')?.includes('json') ? await res.json() : null;
  if (!res.ok) throw new ApiError(res.status, data);
  return data;
}

/** The identity module's session carries the CSRF token; without it (tests) calls go without one. */
export async function loadSession() {
  try {
    const s = await request('GET', '/api/v1/session');
    csrfToken = s && s.csrfToken ? s.csrfToken : null;
  } catch {
    csrfToken = null;
  }
}

export const api = {
  get: (path) => request('GET', '/api/v1/console' + path),
  post: (path, body) => request('POST', '/api/v1/console' + path, body),
};

/** Identity's account administration under /api/v1 (the locked-accounts view). */
export const identityApi = {
  get: (path) => request('GET', '/api/v1' + path),
  post: (path, body) => request('POST', '/api/v1' + path, body),
};

export function query(params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? '?' + s : '';
}

/** Ends the session (identity's POST /auth/logout, CSRF-protected) and goes to the login page. */
export async function logout() {
  await fetch('/auth/logout', {
    method: 'POST',
    credentials: 'same-origin',
    headers: csrfToken ? { 'x-csrf-token': csrfToken } : {},
    redirect: 'manual',
  }).catch(() => undefined);
  location.href = '/auth/login';
}

/** The ops area under /api/v1 (ops/*, announcements). */
export const opsApi = {
  get: (path) => request('GET', '/api/v1' + path),
  post: (path, body) => request('POST', '/api/v1' + path, body),
  del: (path) => request('DELETE', '/api/v1' + path),
};
