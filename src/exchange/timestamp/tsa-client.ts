import axios from 'axios';
import * as pkijs from 'pkijs';
import { UnavailableError, ValidationError } from '../../shared/errors.js';
import type { TrustStore } from '../pki/trust.js';
import {
  buildTimeStampRequest,
  readTimeStampToken,
  sha256,
  tokenFromResponse,
  verifyTimeStampToken,
  type TimeStampInfo,
} from './rfc3161.js';

export interface TsaClientOptions {
  /** The TSA's HTTP endpoint (RFC 3161 §3.4: POST application/timestamp-query). */
  url: string;
  /** Trust anchors the TSA certificate must chain to; every token is verified before it is returned. */
  trust: TrustStore;
  timeoutMs?: number;
  /** TSA policy OID to ask for (optional). */
  policy?: string;
}

export interface TimeStamp extends TimeStampInfo {
  /** The token (CMS ContentInfo, DER): what JAdES `etsiU.sigTst` or a log keeps. */
  token: Buffer;
}

/** `TimeStampAuthority`: the port a caller sees (tests may hand in another). */
export interface TimeStampAuthority {
  /** Time-stamps `data` (hashed here with SHA-256). */
  timestamp(data: Buffer | string): Promise<TimeStamp>;
  /** Time-stamps an already computed SHA-256 digest. */
  timestampDigest(digest: Buffer): Promise<TimeStamp>;
}

/**
 * RFC 3161 client over HTTP: builds the request (nonce, certReq), posts it, checks the
 * response's status, nonce, imprint, TSA signature, chain and EKU, and returns the token.
 * A TSA that cannot be reached is TIMESTAMP_UNAVAILABLE (503, retryable); a token that does not
 * verify is TIMESTAMP_INVALID: never kept.
 */
export function createTsaClient(options: TsaClientOptions): TimeStampAuthority {
  const timeoutMs = options.timeoutMs ?? 10_000;
  async function timestampDigest(digest: Buffer): Promise<TimeStamp> {
    const request = buildTimeStampRequest(digest, options.policy);
    let body: Buffer;
    try {
      const res = await axios.post<ArrayBuffer>(options.url, request.der, {
        headers: { 'content-type': 'application/timestamp-query', accept: 'application/timestamp-reply' },
        responseType: 'arraybuffer',
        timeout: timeoutMs,
        validateStatus: () => true,
      });
      if (res.status !== 200) {
        throw new UnavailableError('TIMESTAMP_UNAVAILABLE', `Time-stamping authority answered HTTP ${res.status}`, {
          url: options.url,
          status: res.status,
        });
      }
      body = Buffer.from(res.data);
    } catch (err) {
      if (err instanceof UnavailableError) throw err;
      throw new UnavailableError('TIMESTAMP_UNAVAILABLE', `Time-stamping authority unreachable: ${(err as Error).message}`, {
        url: options.url,
      });
    }
    const token = tokenFromResponse(body);
    const verification = await verifyTimeStampToken(token, digest, options.trust);
    if (!verification.ok) {
      throw new ValidationError(
        'TIMESTAMP_INVALID',
        `Time-stamp token refused: ${verification.checks
          .filter((c) => !c.ok)
          .map((c) => c.message)
          .join('; ')}`,
        { checks: verification.checks },
        502,
      );
    }
    const nonce = nonceOf(token);
    if (nonce === undefined || !nonce.equals(request.nonce)) {
      throw new ValidationError('TIMESTAMP_INVALID', 'Time-stamp token does not answer this request (nonce differs)', undefined, 502);
    }
    return { ...readTimeStampToken(token), token };
  }
  return {
    timestampDigest,
    timestamp: (data) => timestampDigest(sha256(data)),
  };
}

function nonceOf(token: Buffer): Buffer | undefined {
  const content = pkijs.ContentInfo.fromBER(token.buffer.slice(token.byteOffset, token.byteOffset + token.byteLength) as ArrayBuffer);
  const signed = new pkijs.SignedData({ schema: content.content });
  const info = pkijs.TSTInfo.fromBER(signed.encapContentInfo.eContent!.getValue());
  if (!info.nonce) return undefined;
  const raw = Buffer.from(info.nonce.valueBlock.valueHexView);
  // DER INTEGER may carry a leading 0x00 for a positive value; our nonce's top bit is clear.
  return raw.length > 8 && raw[0] === 0 ? raw.subarray(1) : raw;
}
