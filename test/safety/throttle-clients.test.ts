import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CLIENT_ID } from '../../src/identity/seed-demo.js';
import { DEMO_PASSWORD } from '../support/demo.js';
import { startIdentityHarness, type IdentityHarness } from '../identity/support/gateway.js';
import { Client, bearerFor } from '../identity/support/http.js';
import { clientAssertion, tokenRequest } from '../identity/support/assertions.js';

interface Refusal {
  code?: string;
  details?: { limit?: string; retryAfterSeconds?: number };
}

/**
 * Rate limits on the machine-to-machine side (real gateway, PostgreSQL): the token endpoint per
 * client, and the ministry endpoints per authenticated client, each answering 429 RATE_LIMITED
 * with Retry-After and naming the limit, while other callers from the same address go on.
 */
describe('rate limits on the token endpoint and the ministry endpoints, per client', () => {
  let h: IdentityHarness;
  beforeAll(async () => {
    h = await startIdentityHarness({
      env: {
        RATE_LIMIT_WINDOW_SECONDS: '3600',
        RATE_LIMIT_TOKEN_PER_CLIENT: '4',
        RATE_LIMIT_TOKEN_PER_IP: '1000',
        RATE_LIMIT_MINISTRY_PER_CLIENT: '3',
        RATE_LIMIT_MINISTRY_PER_IP: '1000',
      },
    });
  });
  afterAll(async () => {
    await h?.close();
  });

  const aud = () => `${h.base}/api/v1/oauth/token`;
  const clientToken = async (clientId: string) =>
    new Client(h.base).call<Refusal & { access_token?: string }>('POST', '/api/v1/oauth/token', {
      form: tokenRequest(await clientAssertion({ clientId, audience: aud() }), clientId),
    });

  // The tests share one budget per client and run in order: the ministry test takes one token.
  it('counts the ministry endpoints per authenticated client: the fourth call is 429 ministryPerClient, a clerk from the same address goes on', async () => {
    const issued = await clientToken(DEMO_CLIENT_ID);
    expect(issued.status).toBe(200);
    const call = (bearer: string) =>
      new Client(h.base).call<Refusal>('GET', '/api/v1/reconciliation', { headers: { authorization: `Bearer ${bearer}` } });
    const answers = [];
    for (let i = 0; i < 3; i += 1) answers.push((await call(issued.body.access_token!)).status);
    expect(answers.every((s) => s !== 429)).toBe(true);
    const limited = await call(issued.body.access_token!);
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(limited.body).toMatchObject({ code: 'RATE_LIMITED', details: { limit: 'ministryPerClient' } });
    const clerk = await bearerFor(h.base, 'vanhanh', DEMO_PASSWORD);
    expect((await call(clerk)).status).not.toBe(429);
  });

  it('lets a ministry client take four tokens an hour, then answers 429 tokenPerClient; another client is not counted with it', async () => {
    const taken = [];
    for (let i = 0; i < 3; i += 1) taken.push((await clientToken(DEMO_CLIENT_ID)).status);
    expect(taken).toEqual([200, 200, 200]);
    const limited = await clientToken(DEMO_CLIENT_ID);
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(limited.body).toMatchObject({ code: 'RATE_LIMITED', details: { limit: 'tokenPerClient' } });
    // An unknown client from the same address is refused for what it is, not throttled.
    const other = await clientToken('khach-la');
    expect(other.status).not.toBe(429);
  });
});
