import { expect } from 'vitest';
import { contractViolations } from '../../support/openapi-conformance.js';

/** Minimal HTTP client for the identity tests: JSON in and out, cookies kept by a tiny jar. */
export interface Reply<T = Record<string, unknown>> {
  status: number;
  body: T;
  headers: Headers;
}

export class Client {
  private readonly cookies = new Map<string, string>();

  constructor(private readonly base: string) {}

  async call<T = Record<string, unknown>>(
    method: string,
    path: string,
    init: { json?: unknown; form?: Record<string, string>; headers?: Record<string, string> } = {},
  ): Promise<Reply<T>> {
    const headers: Record<string, string> = { ...init.headers };
    if (this.cookies.size > 0) headers.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    let body: string | undefined;
    if (init.json !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(init.json);
    } else if (init.form) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      body = new URLSearchParams(init.form).toString();
    }
    const res = await fetch(path.startsWith('http') ? path : `${this.base}${path}`, { method, headers, body, redirect: 'manual' });
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const i = pair!.indexOf('=');
      const value = pair!.slice(i + 1);
      if (value === '' || /expires=Thu, 01 Jan 1970/i.test(c)) this.cookies.delete(pair!.slice(0, i));
      else this.cookies.set(pair!.slice(0, i), value);
    }
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      /* HTML or empty */
    }
    // Answers of the gateway (not of the identity provider) are the ones its OpenAPI document promises.
    if (!path.startsWith('http') && res.headers.get('content-type')?.includes('json'))
      expect(contractViolations(method, path, res.status, parsed, { documentedOnly: true })).toEqual([]);
    return { status: res.status, body: parsed as T, headers: res.headers };
  }

  hasCookie(name: string): boolean {
    return this.cookies.has(name);
  }
}

export async function bearerFor(base: string, username: string, password: string): Promise<string> {
  const r = await new Client(base).call<{ access_token: string }>('POST', '/api/v1/auth/token', { json: { username, password } });
  if (r.status !== 200) throw new Error(`login ${username} failed: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body.access_token;
}
