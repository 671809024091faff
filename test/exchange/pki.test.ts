import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readExchangeConfig } from '../../src/exchange/config.js';
import { certificatesFromPem, commonNameOf, orgCodeOf } from '../../src/exchange/pki/certificates.js';
import { TrustStore, checkKeyUsage, checkValidity } from '../../src/exchange/pki/trust.js';
import { verifySignature } from '../../src/exchange/signing/verify.js';
import { builderFor, monthlyReport, orgCredentials, pemCredentials, PKI } from './support/reports.js';

const NOW = new Date('2027-01-16T04:00:00Z');

describe('PKI', () => {
  it('reads Vietnamese names and the org code of the test certificates', () => {
    expect(commonNameOf(orgCredentials.certificate)).toBe('UBND tỉnh Lai Châu');
    expect(orgCodeOf(orgCredentials.certificate)).toBe('000.00.00.H29');
    expect(orgCredentials.chain.map(commonNameOf)).toEqual(['UBND tỉnh Lai Châu', 'Ban Cơ yếu Chính phủ (THỬ NGHIỆM)']);
    const pem = pemCredentials('leader');
    expect(pem.commonName).toBe('Lãnh đạo UBND tỉnh Lai Châu (THỬ NGHIỆM)');
  });

  it('reads bundles and refuses non-certificates with a stable code', () => {
    const bundle = `${readFileSync(`${PKI}/ca.crt.pem`, 'utf8')}\n${readFileSync(`${PKI}/untrusted-ca.crt.pem`, 'utf8')}`;
    expect(certificatesFromPem(bundle)).toHaveLength(2);
    expect(() => certificatesFromPem('hello', 'x.pem')).toThrow(expect.objectContaining({ code: 'CERTIFICATE_INVALID' }));
    expect(() => TrustStore.fromFiles(['/nonexistent.pem'])).toThrow(expect.objectContaining({ code: 'TRUST_ANCHORS_INVALID' }));
  });

  it('checks chain, validity and key usage separately', () => {
    const trust = TrustStore.fromFiles([`${PKI}/ca.crt.pem`]);
    expect(trust.checkChain(orgCredentials.chain).ok).toBe(true);
    expect(trust.checkChain(pemCredentials('untrusted').chain).ok).toBe(false);
    expect(checkValidity(pemCredentials('expired').chain, NOW).ok).toBe(false);
    expect(checkValidity(pemCredentials('expired').chain, new Date('2020-06-01')).ok).toBe(true);
    expect(checkKeyUsage(pemCredentials('no-signing-usage').certificate).ok).toBe(false);
    // Several anchors: the untrusted CA becomes trusted when configured.
    const both = TrustStore.fromFiles([`${PKI}/ca.crt.pem`, `${PKI}/untrusted-ca.crt.pem`]);
    expect(both.checkChain(pemCredentials('untrusted').chain).ok).toBe(true);
  });

  it('reports a malformed signature as a failed check instead of throwing', async () => {
    const [p] = await builderFor().build(monthlyReport());
    const trust = TrustStore.fromFiles([`${PKI}/ca.crt.pem`]);
    for (const bad of [
      '',
      'a.b.c',
      'abc..def',
      `${p!.signature.split('.')[0]}.${Buffer.from(p!.body).toString('base64url')}.${p!.signature.split('.')[2]}`,
    ]) {
      const v = await verifySignature(p!.body, bad, trust, NOW);
      expect(v.ok).toBe(false);
      expect(v.checks[0]!.check).toBe('signature');
    }
  });
});

describe('exchange configuration', () => {
  it('falls back to the test PKI and says so', () => {
    const c = readExchangeConfig({});
    expect(c.demoDefaults).toEqual(['SIGNING_P12', 'LEADER_SIGNING_P12', 'TRUST_ANCHORS']);
    expect(c.packetCredentials.commonName).toBe('UBND tỉnh Lai Châu');
    expect(c.leaderCredentials.commonName).toContain('Lãnh đạo');
  });

  it('uses the packet signer for the leader when only SIGNING_* is configured', () => {
    const c = readExchangeConfig({
      SIGNING_CERT: `${PKI}/org.crt.pem`,
      SIGNING_KEY: `${PKI}/org.key.pem`,
      TRUST_ANCHORS: `${PKI}/ca.crt.pem`,
    });
    expect(c.demoDefaults).toEqual([]);
    expect(c.leaderCredentials).toBe(c.packetCredentials);
  });

  it.each([
    [{ SIGNING_P12: `${PKI}/org.p12`, SIGNING_CERT: `${PKI}/org.crt.pem` }, 'CONFIG_INVALID'],
    [{ SIGNING_P12: `${PKI}/org.p12` }, 'CONFIG_INVALID'],
    [{ SIGNING_CERT: `${PKI}/org.crt.pem` }, 'CONFIG_INVALID'],
    [{ SIGNING_CERT: `${PKI}/org.crt.pem`, SIGNING_KEY: `${PKI}/ca.crt.pem` }, 'SIGNING_CONFIG_INVALID'],
    [{ SIGNING_P12: `${PKI}/missing.p12`, SIGNING_P12_PASSWORD: 'x' }, 'SIGNING_CONFIG_INVALID'],
    [{ TRUST_ANCHORS: `${PKI}/org.key.pem` }, 'CERTIFICATE_INVALID'],
  ])('refuses %j with %s', (env, code) => {
    expect(() => readExchangeConfig(env)).toThrow(expect.objectContaining({ code }));
  });
});
