import { createHmac, timingSafeEqual } from 'node:crypto';
import { AuthenticationError } from '../../shared/errors.js';

/**
 * Request authentication of the document exchange axis (VXP pattern): each request carries the
 * caller's system id, a timestamp and HMAC-SHA256(secret, systemId + timestamp). The body is
 * protected by the edXML's own XML-DSig, not by this header.
 */
export const VXP_HEADERS = {
  systemId: 'x-vxp-system-id',
  timestamp: 'x-vxp-timestamp',
  signature: 'x-vxp-signature',
} as const;

/** Demo defaults shared by the gateway (EDOC_SYSTEM_ID/EDOC_SECRET) and the simulator (SIM_EDOC_*); set real ones in production. */
export const EDOC_DEFAULT_SYSTEM_ID = 'lienthong';
export const EDOC_DEFAULT_SECRET = 'lienthong-edoc-demo-secret';

/** A request older or newer than this is refused (limits replay of captured headers). */
export const VXP_MAX_SKEW_MS = 5 * 60 * 1000;

export function vxpSignature(systemId: string, timestamp: string, secret: string): string {
  return createHmac('sha256', secret)
    .update(systemId + timestamp)
    .digest('base64');
}

export function vxpAuthHeaders(systemId: string, secret: string, now: Date): Record<string, string> {
  const timestamp = String(now.getTime());
  return {
    [VXP_HEADERS.systemId]: systemId,
    [VXP_HEADERS.timestamp]: timestamp,
    [VXP_HEADERS.signature]: vxpSignature(systemId, timestamp, secret),
  };
}

/** Checks the headers against the known systems' secrets; returns the authenticated system id. */
export function verifyVxpAuth(header: (name: string) => string | undefined, secrets: ReadonlyMap<string, string>, now: Date): string {
  const systemId = header(VXP_HEADERS.systemId);
  const timestamp = header(VXP_HEADERS.timestamp);
  const signature = header(VXP_HEADERS.signature);
  if (!systemId || !timestamp || !signature) {
    throw new AuthenticationError('VXP_AUTH_MISSING', `Headers ${Object.values(VXP_HEADERS).join(', ')} are required`);
  }
  const secret = secrets.get(systemId);
  if (secret === undefined) throw new AuthenticationError('VXP_SYSTEM_UNKNOWN', `Unknown system id "${systemId}"`, { systemId });
  const at = Number(timestamp);
  if (!Number.isFinite(at) || Math.abs(now.getTime() - at) > VXP_MAX_SKEW_MS) {
    throw new AuthenticationError('VXP_TIMESTAMP_INVALID', 'Timestamp missing or outside the allowed clock skew', {
      maxSkewMs: VXP_MAX_SKEW_MS,
    });
  }
  const expected = Buffer.from(vxpSignature(systemId, timestamp, secret));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
    throw new AuthenticationError('VXP_SIGNATURE_INVALID', 'HMAC signature does not match', { systemId });
  }
  return systemId;
}
