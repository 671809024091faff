/**
 * Identity cost: scrypt hashing (N=16384) per local login, bearer-token resolution per API
 * request (GET /api/v1/session through express, one indexed lookup + user load), ID-token
 * verification with jose against a JWKS, and a full VNConnect login through the simulator.
 * Runs on the real PostgreSQL of the test machine (own schema, dropped at the end).
 * Run: npx tsx bench/identity-auth.ts [requests, default 300]
 */
import { performance } from 'node:perf_hooks';
import { createLocalJWKSet, jwtVerify } from 'jose';
import { hashPassword, verifyPassword } from '../src/identity/passwords.js';
import { DEMO_PASSWORD } from '../test/support/demo.js';
import { logger } from '../src/shared/logger.js';
import { idClaims, oidcLogin, signedBySim } from '../test/identity/support/attacks.js';
import { startIdentityHarness } from '../test/identity/support/gateway.js';
import { bearerFor } from '../test/identity/support/http.js';

logger.level = process.env.LOG_LEVEL ?? 'error';
const requests = Number(process.argv[2] ?? 300);

async function timed(label: string, n: number, fn: (i: number) => Promise<unknown>): Promise<void> {
  const start = performance.now();
  for (let i = 0; i < n; i += 1) await fn(i);
  const ms = performance.now() - start;
  console.log(`${label.padEnd(52)} ${(ms / n).toFixed(2).padStart(8)} ms/op  ${(n / (ms / 1000)).toFixed(0).padStart(6)} op/s  (n=${n})`);
}

const h = await startIdentityHarness();
try {
  const hash = await hashPassword(DEMO_PASSWORD);
  await timed('scrypt hash (N=16384, r=8, p=1)', 20, () => hashPassword(DEMO_PASSWORD));
  await timed('scrypt verify', 20, () => verifyPassword(DEMO_PASSWORD, hash));
  await timed('POST /api/v1/auth/token (local login)', 20, () => bearerFor(h.base, 'admin', DEMO_PASSWORD));
  const token = await bearerFor(h.base, 'admin', DEMO_PASSWORD);
  await timed('GET /api/v1/session with a bearer token', requests, async () => {
    const res = await fetch(`${h.base}/api/v1/session`, { headers: { authorization: `Bearer ${token}` } });
    if (res.status !== 200) throw new Error(`status ${res.status}`);
    await res.arrayBuffer();
  });
  const jwks = createLocalJWKSet(h.sim.keys.jwks());
  const idToken = await signedBySim(h.sim, idClaims(h, 'bench-nonce'));
  await timed('ID token verification (jose, RS256, local JWKS)', requests, () =>
    jwtVerify(idToken, jwks, { issuer: h.sim.url, audience: 'lienthong', algorithms: ['RS256'] }),
  );
  await timed('full VNConnect login (start → sim → callback)', 30, async () => {
    const { callback } = await oidcLogin(h, 'vnc-0001');
    if (callback.status !== 302) throw new Error(`status ${callback.status}`);
  });
} finally {
  await h.close();
}
