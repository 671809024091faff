/** The app's one door to the gateway: same-origin JSON with the session cookie and CSRF token. */
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

export interface Principal {
  id: string;
  displayName: string;
  roles: string[];
  orgUnitId: string;
}

export interface Session {
  principal: Principal | null;
  csrfToken: string | null;
  user: { id: string; username: string; displayName: string; status: string } | null;
}

async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  let res: Response;
  try {
    res = await fetch(path, { method, headers, credentials: 'same-origin', body: body === undefined ? undefined : JSON.stringify(body) });
  } catch {
    throw new ApiError(0, 'NETWORK_UNREACHABLE', 'Không kết nối được máy chủ');
  }
  if (res.status === 401) {
    location.href = `/auth/login?returnTo=${encodeURIComponent(location.pathname + location.hash)}`;
    throw new ApiError(401, 'AUTH_REQUIRED', 'Chưa đăng nhập');
  }
  const text = await res.text();
  let data: unknown;
  try {
    data = text ? JSON.parse(text) : null;
  } catch {
    data = null;
  }
  if (!res.ok) {
    const e = (data ?? {}) as { code?: string; message?: string; details?: unknown };
    throw new ApiError(res.status, e.code ?? `HTTP_${res.status}`, e.message ?? res.statusText, e.details);
  }
  return data as T;
}

export const api = {
  get: <T>(path: string) => request<T>('GET', path),
  post: <T>(path: string, body: unknown = {}) => request<T>('POST', path, body),
  put: <T>(path: string, body: unknown) => request<T>('PUT', path, body),
};

export async function loadSession(): Promise<Session> {
  const s = await api.get<Session>('/api/v1/session');
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
  location.href = '/auth/login';
}
