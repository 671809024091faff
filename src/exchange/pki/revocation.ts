import { readFileSync } from 'node:fs';
import axios from 'axios';
import * as pkijs from 'pkijs';
import forge from 'node-forge';
import { ValidationError } from '../../shared/errors.js';
import { subjectOf, type Certificate } from './certificates.js';
import type { CheckResult } from './check-result.js';

/**
 * Revocation status of a certificate by OCSP (RFC 6960) and CRL (RFC 5280 §5), on PKI.js.
 * OCSP first when a responder is configured; the CRL answers when OCSP cannot. Fail closed:
 * no answer from either is a failed `revocation` check. OCSP answers are cached per
 * certificate for `freshnessSeconds` (X-Road's ocspFreshnessSeconds, 3,600 s) measured on the
 * injected clock; CRLs are used until their nextUpdate.
 */
export interface RevocationOptions {
  /** OCSP responder URL (OCSP_RESPONDER_URL); the demo starts `openssl ocsp`. */
  ocspUrl?: string;
  /** CRL files (PEM or DER) or http(s) URLs (CRL_SOURCES). */
  crlSources?: string[];
  freshnessSeconds: number;
  now: () => Date;
  timeoutMs?: number;
}

export type RevocationStatus = 'good' | 'revoked' | 'unknown';

interface CachedAnswer {
  status: RevocationStatus;
  fetchedAt: number;
  source: string;
  revokedAt?: Date;
  /** A CRL answer is not reused past the CRL's nextUpdate. */
  validUntil?: number;
}

const ab = (b: Buffer): ArrayBuffer => b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;
const toPkijs = (c: Certificate): pkijs.Certificate =>
  pkijs.Certificate.fromBER(ab(Buffer.from(forge.asn1.toDer(forge.pki.certificateToAsn1(c)).getBytes(), 'binary')));

function readCrl(source: string): Buffer {
  const raw = readFileSync(source);
  const text = raw.toString('latin1');
  const pem = /-----BEGIN X509 CRL-----([\s\S]+?)-----END X509 CRL-----/.exec(text);
  return pem ? Buffer.from(pem[1]!.replace(/\s+/g, ''), 'base64') : raw;
}

export class RevocationChecker {
  private readonly cache = new Map<string, CachedAnswer>();
  private crls?: { source: string; crl: pkijs.CertificateRevocationList }[];
  /** Responder calls made (tests read it to prove the cache). */
  ocspRequests = 0;

  constructor(readonly options: RevocationOptions) {
    if (!Number.isFinite(options.freshnessSeconds) || options.freshnessSeconds <= 0) {
      throw new ValidationError('CONFIG_INVALID', 'OCSP_FRESHNESS_SECONDS must be a positive number', { value: options.freshnessSeconds });
    }
  }

  get configured(): boolean {
    return !!this.options.ocspUrl || (this.options.crlSources?.length ?? 0) > 0;
  }

  /** The `revocation` check of `cert` issued by `issuer`. */
  async check(cert: Certificate, issuer: Certificate): Promise<CheckResult> {
    const answer = await this.status(cert, issuer);
    const who = subjectOf(cert);
    if (answer.status === 'good') return { check: 'revocation', ok: true, message: `not revoked (${answer.source})` };
    if (answer.status === 'revoked') {
      return {
        check: 'revocation',
        ok: false,
        revoked: true,
        message: `${who} is revoked${answer.revokedAt ? ` since ${answer.revokedAt.toISOString()}` : ''} (${answer.source})`,
      };
    }
    return { check: 'revocation', ok: false, message: `revocation status of ${who} unknown: ${answer.source}` };
  }

  /**
   * The same check for DER certificates as a TLS socket hands them over (ministry mutual TLS):
   * the identity area needs no certificate library of its own.
   */
  async checkDer(certDer: Buffer, issuerDer: Buffer): Promise<CheckResult> {
    const parse = (der: Buffer) => forge.pki.certificateFromAsn1(forge.asn1.fromDer(der.toString('binary')));
    return this.check(parse(certDer), parse(issuerDer));
  }

  async status(cert: Certificate, issuer: Certificate): Promise<CachedAnswer> {
    const key = `${issuer.subject.hash}:${cert.serialNumber}`;
    const now = this.options.now().getTime();
    const cached = this.cache.get(key);
    if (cached && now - cached.fetchedAt <= this.options.freshnessSeconds * 1000 && now <= (cached.validUntil ?? Infinity)) return cached;
    const problems: string[] = [];
    if (this.options.ocspUrl) {
      try {
        const answer = await this.ocsp(cert, issuer, now);
        if (this.cache.size > 10_000) this.cache.clear();
        this.cache.set(key, answer);
        return answer;
      } catch (err) {
        problems.push(`OCSP: ${(err as Error).message}`);
      }
    }
    if (this.options.crlSources?.length) {
      try {
        // Cached like an OCSP answer (the CRL itself is held until its nextUpdate anyway): a
        // packet build checks the gateway's own chain, and re-verifying the CRL's signature for
        // every packet cost more than signing the packet.
        const answer = await this.fromCrl(cert, issuer, now);
        if (this.cache.size > 10_000) this.cache.clear();
        this.cache.set(key, answer);
        return answer;
      } catch (err) {
        problems.push(`CRL: ${(err as Error).message}`);
      }
    }
    return { status: 'unknown', fetchedAt: now, source: problems.join('; ') || 'no OCSP responder or CRL configured' };
  }

  private async ocsp(cert: Certificate, issuer: Certificate, now: number): Promise<CachedAnswer> {
    const pCert = toPkijs(cert);
    const pIssuer = toPkijs(issuer);
    const req = new pkijs.OCSPRequest();
    await req.createForCertificate(pCert, { hashAlgorithm: 'SHA-1', issuerCertificate: pIssuer });
    this.ocspRequests += 1;
    const res = await axios.post<ArrayBuffer>(this.options.ocspUrl!, Buffer.from(req.toSchema(true).toBER(false)), {
      headers: { 'content-type': 'application/ocsp-request', accept: 'application/ocsp-response' },
      responseType: 'arraybuffer',
      timeout: this.options.timeoutMs ?? 5000,
      validateStatus: () => true,
    });
    if (res.status !== 200) throw new Error(`responder answered HTTP ${res.status}`);
    const ocsp = pkijs.OCSPResponse.fromBER(ab(Buffer.from(res.data)));
    const code = ocsp.responseStatus.valueBlock.valueDec;
    if (code !== 0 || !ocsp.responseBytes) throw new Error(`responder status ${code}`);
    const basic = pkijs.BasicOCSPResponse.fromBER(ocsp.responseBytes.response.valueBlock.valueHexView.slice().buffer);
    if (!(await basic.verify({ trustedCerts: [pIssuer], issuerCerts: [pIssuer] })))
      throw new Error('response signature or responder not authorised by the issuer');
    const st = await basic.getCertificateStatus(pCert, pIssuer);
    if (!st.isForCertificate) throw new Error('response is for another certificate');
    const single = basic.tbsResponseData.responses[0];
    const revokedAt =
      st.status === 1
        ? (single?.certStatus as { valueBlock?: { value?: { toDate?: () => Date }[] } })?.valueBlock?.value?.[0]?.toDate?.()
        : undefined;
    return { status: st.status === 0 ? 'good' : st.status === 1 ? 'revoked' : 'unknown', fetchedAt: now, source: 'OCSP', revokedAt };
  }

  private async loadCrls(): Promise<{ source: string; crl: pkijs.CertificateRevocationList }[]> {
    if (!this.crls) {
      const out = [];
      for (const source of this.options.crlSources ?? []) {
        const der = /^https?:/.test(source)
          ? Buffer.from(
              (await axios.get<ArrayBuffer>(source, { responseType: 'arraybuffer', timeout: this.options.timeoutMs ?? 5000 })).data,
            )
          : readCrl(source);
        out.push({ source, crl: pkijs.CertificateRevocationList.fromBER(ab(der)) });
      }
      this.crls = out;
    }
    return this.crls;
  }

  private async fromCrl(cert: Certificate, issuer: Certificate, now: number): Promise<CachedAnswer> {
    const pIssuer = toPkijs(issuer);
    for (const { source, crl } of await this.loadCrls()) {
      if (!crl.issuer.isEqual(pIssuer.subject)) continue;
      if (!(await crl.verify({ issuerCertificate: pIssuer }))) throw new Error(`${source}: CRL signature invalid`);
      const next = crl.nextUpdate?.value;
      if (next && next.getTime() < now) {
        this.crls = undefined; // fetch again next time
        throw new Error(`${source}: CRL expired at ${next.toISOString()}`);
      }
      const pCert = toPkijs(cert);
      const entry = crl.revokedCertificates?.find((r) => r.userCertificate.isEqual(pCert.serialNumber));
      return {
        status: entry ? 'revoked' : 'good',
        fetchedAt: now,
        source: 'CRL',
        revokedAt: entry?.revocationDate.value,
        ...(next ? { validUntil: next.getTime() } : {}),
      };
    }
    throw new Error(`no CRL from ${subjectOf(issuer)}`);
  }
}
