import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadP12Credentials } from '../pki/credentials.js';
import { signCmsDetached, verifyCmsDetached } from './cms.js';

const creds = loadP12Credentials('fixtures/pki/org.p12', 'lienthong-test');
const content = Buffer.from('%PDF-1.4 báo cáo thuyết minh 6 tháng\n');

describe('detached CMS for attachments', () => {
  it('verifies its own signature and refuses changed content', () => {
    const cms = signCmsDetached(content, creds, new Date('2027-07-01T00:00:00Z'));
    const ok = verifyCmsDetached(cms, content);
    expect(ok.ok).toBe(true);
    expect(ok.chain[0]!.serialNumber).toBe(creds.certificate.serialNumber);
    const bad = verifyCmsDetached(cms, Buffer.concat([content, Buffer.from('x')]));
    expect(bad).toMatchObject({ ok: false, message: expect.stringContaining('does not match') });
    expect(verifyCmsDetached('bm90IGNtcw==', content).ok).toBe(false);
    // Truncated and bit-flipped DER: failed checks, no exception.
    const der = Buffer.from(cms, 'base64');
    expect(verifyCmsDetached(der.subarray(0, der.length - 40).toString('base64'), content).ok).toBe(false);
    const flip = (i: number) => {
      const flipped = Buffer.from(der);
      flipped[i] = flipped[i]! ^ 0xff;
      return verifyCmsDetached(flipped.toString('base64'), content);
    };
    // The signature value is the last field of the SignerInfo.
    expect(flip(der.length - 10).ok).toBe(false);
    // Anywhere else: a verdict, never an exception.
    for (let i = 0; i < der.length; i += 97) expect(typeof flip(i).ok).toBe('boolean');
  });

  it('is standard CMS: OpenSSL verifies it against the test CA', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cms-'));
    writeFileSync(join(dir, 'sig.der'), Buffer.from(signCmsDetached(content, creds), 'base64'));
    writeFileSync(join(dir, 'content.bin'), content);
    const out = execFileSync(
      'openssl',
      [
        'cms',
        '-verify',
        '-binary',
        '-inform',
        'DER',
        '-in',
        join(dir, 'sig.der'),
        '-content',
        join(dir, 'content.bin'),
        '-CAfile',
        'fixtures/pki/ca.crt.pem',
        '-purpose',
        'any',
        '-out',
        '/dev/null',
      ],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
    );
    expect(out).toBe('');
  });
});
