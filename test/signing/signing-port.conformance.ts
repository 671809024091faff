import { createHash, verify } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { publicKeyOf, subjectOf } from '../../src/exchange/pki/certificates.js';
import type { SignatureDevice, SigningAuthorization } from '../../src/exchange/signing/devices/port.js';

export interface SigningPortHarness {
  name: string;
  device(): SignatureDevice;
  /** What the person supplies for one signature of `digest` (PIN, OTP after the confirmation step). */
  authorize(device: SignatureDevice, digest: Buffer): Promise<SigningAuthorization | undefined>;
  /** A wrong authorization and the stable code it must fail with (or how opening with a wrong secret fails). */
  wrong: { authorization: SigningAuthorization; code: string } | { open(): unknown; code: string };
  /** Subject text the credential's certificate must carry. */
  subjectIncludes: string;
}

/** The signing port's contract, the same for every adapter (PKCS#12, PKCS#11, CSC). */
export function describeSigningPort(h: SigningPortHarness): void {
  describe(`signing port conformance: ${h.name}`, () => {
    const digestOf = (s: string) => createHash('sha256').update(s).digest();

    it('gives the certificate chain leaf first, the leaf naming the person', async () => {
      const chain = await h.device().certificateChain();
      expect(chain.length).toBeGreaterThanOrEqual(2);
      expect(subjectOf(chain[0]!)).toContain(h.subjectIncludes);
      expect(chain[0]!.issuer.hash).toBe(chain[1]!.subject.hash);
    });

    it('signs a SHA-256 digest with RSASSA-PKCS1-v1_5 that verifies against the leaf (and not other data)', async () => {
      const device = h.device();
      const digest = digestOf('báo cáo tháng 11');
      const signature = await device.signDigest(digest, await h.authorize(device, digest));
      const leaf = (await device.certificateChain())[0]!;
      expect(verify('sha256', Buffer.from('báo cáo tháng 11'), publicKeyOf(leaf), signature)).toBe(true);
      expect(verify('sha256', Buffer.from('báo cáo tháng 12'), publicKeyOf(leaf), signature)).toBe(false);
    });

    it('is deterministic per digest (PKCS#1 v1.5) and distinct across digests', async () => {
      const device = h.device();
      const a = digestOf('a');
      const b = digestOf('b');
      const s1 = await device.signDigest(a, await h.authorize(device, a));
      const s2 = await device.signDigest(a, await h.authorize(device, a));
      const s3 = await device.signDigest(b, await h.authorize(device, b));
      expect(s1.equals(s2)).toBe(true);
      expect(s1.equals(s3)).toBe(false);
    });

    it('refuses a wrong authorization with a stable code', async () => {
      const wrong = h.wrong;
      if ('open' in wrong) {
        expect(() => wrong.open()).toThrow(expect.objectContaining({ code: wrong.code }));
        return;
      }
      await expect(h.device().signDigest(digestOf('x'), wrong.authorization)).rejects.toMatchObject({ code: wrong.code });
    });

    it('refuses anything but a 32-byte digest', async () => {
      await expect(h.device().signDigest(Buffer.alloc(20), undefined)).rejects.toThrow(TypeError);
    });
  });
}
