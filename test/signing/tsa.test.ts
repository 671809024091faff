import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../src/exchange/config.js';
import { TrustStore } from '../../src/exchange/pki/trust.js';
import { sha256, verifyTimeStampToken } from '../../src/exchange/timestamp/rfc3161.js';
import { createTsaClient } from '../../src/exchange/timestamp/tsa-client.js';
import type { RunningSimulator } from '../../src/sim/simulator.js';
import { SIM_TSA_POLICY, tsaSimulator } from '../../src/sim/tsa/index.js';

const PKI = join(REPO_ROOT, 'fixtures', 'pki');
const trust = TrustStore.fromFiles([join(PKI, 'ca.crt.pem')]);

describe('RFC 3161 client against the openssl ts simulator', () => {
  let sim: RunningSimulator;
  beforeAll(async () => {
    sim = await tsaSimulator.start({ port: 0, host: '127.0.0.1', env: {} });
  });
  afterAll(async () => {
    await sim.close();
  });

  it('gets a token over the data, verified by the client and by openssl ts -verify', async () => {
    const client = createTsaClient({ url: sim.url, trust });
    const stamp = await client.timestamp('chuỗi nhật ký #42');
    expect(stamp.imprint).toBe(sha256('chuỗi nhật ký #42').toString('hex'));
    expect(stamp.policy).toBe(SIM_TSA_POLICY);
    expect(stamp.tsa).toContain('Dịch vụ cấp dấu thời gian');
    expect(Math.abs(stamp.genTime.getTime() - Date.now())).toBeLessThan(24 * 3600_000);
    const dir = mkdtempSync(join(tmpdir(), 'tsa-test-'));
    try {
      writeFileSync(join(dir, 'data'), 'chuỗi nhật ký #42');
      writeFileSync(join(dir, 'token.der'), stamp.token);
      const out = execFileSync(
        'openssl',
        ['ts', '-verify', '-token_in', '-in', join(dir, 'token.der'), '-data', join(dir, 'data'), '-CAfile', join(PKI, 'ca.crt.pem')],
        { encoding: 'utf8' },
      );
      expect(out).toContain('Verification: OK');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses a token over other data and one from a TSA outside the anchors', async () => {
    const client = createTsaClient({ url: sim.url, trust });
    const stamp = await client.timestamp('a');
    const other = await verifyTimeStampToken(stamp.token, sha256('b'), trust);
    expect(other.ok).toBe(false);
    expect(other.checks.find((c) => c.check === 'timestampImprint')?.ok).toBe(false);
    const foreign = await verifyTimeStampToken(stamp.token, sha256('a'), TrustStore.fromFiles([join(PKI, 'untrusted-ca.crt.pem')]));
    expect(foreign.ok).toBe(false);
    expect(foreign.checks.find((c) => c.check === 'timestampAuthority')?.ok).toBe(false);
    const foreignClient = createTsaClient({ url: sim.url, trust: TrustStore.fromFiles([join(PKI, 'untrusted-ca.crt.pem')]) });
    await expect(foreignClient.timestamp('a')).rejects.toMatchObject({ code: 'TIMESTAMP_INVALID' });
  });

  it('a tampered token fails its signature check', async () => {
    const client = createTsaClient({ url: sim.url, trust });
    const stamp = await client.timestamp('x');
    const tampered = Buffer.from(stamp.token);
    // The last bytes are the TSA's RSA signature value.
    tampered[tampered.length - 10] = tampered[tampered.length - 10]! ^ 0xff;
    const result = await verifyTimeStampToken(tampered, sha256('x'), trust);
    expect(result.ok).toBe(false);
  });

  it('an unreachable or faulted TSA is TIMESTAMP_UNAVAILABLE', async () => {
    const client = createTsaClient({ url: sim.url, trust });
    sim.faults.set({ mode: '5xx', remaining: 1 });
    await expect(client.timestamp('y')).rejects.toMatchObject({ code: 'TIMESTAMP_UNAVAILABLE', status: 503 });
    const dead = createTsaClient({ url: 'http://127.0.0.1:1', trust, timeoutMs: 2000 });
    await expect(dead.timestamp('y')).rejects.toMatchObject({ code: 'TIMESTAMP_UNAVAILABLE' });
  });
});
