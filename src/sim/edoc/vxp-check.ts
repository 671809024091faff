import { createHmac, timingSafeEqual } from 'node:crypto';
import { AuthenticationError } from '../../shared/errors.js';

/**
 * The document axis's request authentication (VXP pattern), checked the way the axis does:
 * system id, timestamp and HMAC-SHA256(secret, systemId + timestamp) in three headers.
 */
const HEADERS = { systemId: 'x-vxp-system-id', timestamp: 'x-vxp-timestamp', signature: 'x-vxp-signature' } as const;

/** The demo's caller (the gateway's EDOC_SYSTEM_ID/EDOC_SECRET defaults); set real ones with SIM_EDOC_*. */
export const DEMO_SYSTEM_ID = 'lienthong';
export const DEMO_SECRET = 'lienthong-edoc-demo-secret';

/** Older or newer requests are refused (limits replay of captured headers). */
const MAX_SKEW_MS = 5 * 60 * 1000;

/** The authenticated system id, or an AuthenticationError with the axis's code. */
export function checkVxpHeaders(header: (name: string) => string | undefined, secrets: ReadonlyMap<string, string>, now: Date): string {
  const systemId = header(HEADERS.systemId);
  const timestamp = header(HEADERS.timestamp);
  const signature = header(HEADERS.signature);
  if (!systemId || !timestamp || !signature)
    throw new AuthenticationError('VXP_AUTH_MISSING', `Headers ${Object.values(HEADERS).join(', ')} are required`);
  const secret = secrets.get(systemId);
  if (secret === undefined) throw new AuthenticationError('VXP_SYSTEM_UNKNOWN', `Unknown system id "${systemId}"`, { systemId });
  const at = Number(timestamp);
  if (!Number.isFinite(at) || Math.abs(now.getTime() - at) > MAX_SKEW_MS)
    throw new AuthenticationError('VXP_TIMESTAMP_INVALID', 'Timestamp missing or outside the allowed clock skew', {
      maxSkewMs: MAX_SKEW_MS,
    });
  const expected = Buffer.from(
    createHmac('sha256', secret)
      .update(systemId + timestamp)
      .digest('base64'),
  );
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given))
    throw new AuthenticationError('VXP_SIGNATURE_INVALID', 'HMAC signature does not match', { systemId });
  return systemId;
}
