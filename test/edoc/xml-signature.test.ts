import { X509Certificate } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildEdxml, documentForPacket } from '../../src/channels/edoc/edxml-builder.js';
import { parseEdxml } from '../../src/channels/edoc/edxml-parser.js';
import { createEdxmlSigner, createEdxmlVerifier, type EdxmlVerifier } from '../../src/channels/edoc/xml-signature.js';
import { loadTestPki, type TestPki } from './support/test-pki.js';
import { FROM, samplePacket, TO } from './support/fixtures.js';

let pki: TestPki;
let verifier: EdxmlVerifier;
let unsigned: string;

beforeAll(() => {
  pki = loadTestPki();
  verifier = createEdxmlVerifier({ trustedCertificatesPem: [pki.caPem] });
  unsigned = buildEdxml(
    documentForPacket(samplePacket(), { from: FROM, to: TO, place: 'Quảng Ninh', notation: 'BC-LTBC', now: new Date() }),
  );
});

const signWith = (who: { privateKeyPem: string; certificatePem: string }, xml = unsigned) => createEdxmlSigner(who).sign(xml);

describe('edXML XML-DSig', () => {
  it('signs in edXMLHeader with X509Data and verifies against the trusted CA', async () => {
    const signed = signWith(pki.org);
    expect(signed).toMatch(/<edXMLHeader>.*<Signature xmlns="http:\/\/www\.w3\.org\/2000\/09\/xmldsig#">.*<X509Certificate>/s);
    const result = await verifier.verify(signed);
    expect(new X509Certificate(result.signer.certificatePem).fingerprint256).toBe(
      new X509Certificate(pki.org.certificatePem).fingerprint256,
    );
    // What was signed parses back to the same document.
    expect(await parseEdxml(result.signedXml)).toEqual(await parseEdxml(unsigned));
  });

  it('fails when one byte of the signed content changes', async () => {
    const signed = signWith(pki.org);
    const tampered = signed.replace('<Priority>0</Priority>', '<Priority>4</Priority>');
    expect(tampered).not.toBe(signed);
    await expect(verifier.verify(tampered)).rejects.toThrow(expect.objectContaining({ code: 'EDXML_SIGNATURE_INVALID' }));
  });

  it('fails when an attachment byte changes', async () => {
    const signed = signWith(pki.org);
    const tampered = signed.replace(/(<Attachment [^>]*>)(.)/, (_m, open: string, first: string) => `${open}${first === 'A' ? 'B' : 'A'}`);
    await expect(verifier.verify(tampered)).rejects.toThrow(expect.objectContaining({ code: 'EDXML_SIGNATURE_INVALID' }));
  });

  it('refuses a certificate from an untrusted CA even though it is embedded in KeyInfo', async () => {
    const signed = signWith(pki.untrusted);
    expect(signed).toContain('X509Certificate');
    await expect(verifier.verify(signed)).rejects.toThrow(expect.objectContaining({ code: 'EDXML_CERT_UNTRUSTED' }));
  });

  it('refuses a trusted certificate swapped into KeyInfo of a signature made by another key', async () => {
    const signed = signWith(pki.untrusted);
    const orgB64 = pki.org.certificatePem.replace(/-----[^-]+-----|\s/g, '');
    const swapped = signed.replace(/<X509Certificate>[^<]+<\/X509Certificate>/, `<X509Certificate>${orgB64}</X509Certificate>`);
    await expect(verifier.verify(swapped)).rejects.toThrow(expect.objectContaining({ code: 'EDXML_SIGNATURE_INVALID' }));
  });

  it('refuses an expired certificate', async () => {
    await expect(verifier.verify(signWith(pki.expired))).rejects.toThrow(expect.objectContaining({ code: 'EDXML_CERT_EXPIRED' }));
  });

  it('refuses a certificate without signing key usage', async () => {
    await expect(verifier.verify(signWith(pki.noSigningUsage))).rejects.toThrow(expect.objectContaining({ code: 'EDXML_CERT_KEY_USAGE' }));
  });

  it('refuses a signature-wrapping attempt: signed original moved aside, forged content at the root', async () => {
    const signed = signWith(pki.org);
    const envelope = /<edXMLEnvelope>.*<\/edXMLEnvelope>/s.exec(signed)![0];
    const forgedEnvelope = envelope
      .replace(/<Subject>[^<]*<\/Subject>/, '<Subject>Giả mạo</Subject>')
      .replace(/<Signature .*<\/Signature>/s, '');
    // The genuine signed envelope (with its signature) hidden in an extra element; forged one in place.
    const wrapped = signed.replace(envelope, `${forgedEnvelope.replace('<edXMLHeader>', `<edXMLHeader><Wrapper>${envelope}</Wrapper>`)}`);
    await expect(verifier.verify(wrapped)).rejects.toThrow(expect.objectContaining({ code: 'EDXML_SIGNATURE_INVALID' }));
  });

  it('refuses KeyInfo with two X509Data (which certificate would be meant is ambiguous)', async () => {
    const signed = signWith(pki.org);
    const data = /<X509Data>.*<\/X509Data>/s.exec(signed)![0];
    await expect(verifier.verify(signed.replace(data, data + data))).rejects.toThrow(
      expect.objectContaining({ code: 'EDXML_SIGNATURE_INVALID' }),
    );
  });

  it('refuses a Signature with a second SignedInfo (GHSA multiple-SignedInfo bypass)', async () => {
    const signed = signWith(pki.org);
    const signedInfo = /<SignedInfo>.*<\/SignedInfo>/s.exec(signed)![0];
    const forged = signedInfo.replace(/<DigestValue>[^<]+<\/DigestValue>/, '<DigestValue>AAAA</DigestValue>');
    await expect(verifier.verify(signed.replace(signedInfo, signedInfo + forged))).rejects.toThrow(
      expect.objectContaining({ code: 'EDXML_SIGNATURE_INVALID' }),
    );
  });

  it('refuses two signatures and an unsigned document', async () => {
    const signed = signWith(pki.org);
    const sig = /<Signature .*<\/Signature>/s.exec(signed)![0];
    await expect(verifier.verify(signed.replace(sig, sig + sig))).rejects.toThrow(
      expect.objectContaining({ code: 'EDXML_SIGNATURE_INVALID' }),
    );
    await expect(verifier.verify(unsigned)).rejects.toThrow(expect.objectContaining({ code: 'EDXML_SIGNATURE_MISSING' }));
  });

  it('refuses a signature that covers only part of the document', async () => {
    const signed = signWith(pki.org);
    // Re-point the reference at an Id'd element: even if its digest matched, partial coverage is refused.
    const partial = signed.replace('<Reference URI="">', '<Reference URI="#part">');
    expect(partial).not.toBe(signed);
    await expect(verifier.verify(partial)).rejects.toThrow(expect.objectContaining({ code: 'EDXML_SIGNATURE_INVALID' }));
  });

  it('refuses DOCTYPE in signed input before any DOM parser runs', async () => {
    const signed = signWith(pki.org).replace(
      '<?xml version="1.0" encoding="UTF-8"?>',
      '<?xml version="1.0"?><!DOCTYPE edXML [<!ENTITY x "y">]>',
    );
    await expect(verifier.verify(signed)).rejects.toThrow(expect.objectContaining({ code: 'EDXML_UNSAFE' }));
  });
});
