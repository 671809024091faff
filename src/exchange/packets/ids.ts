import { createHash } from 'node:crypto';

function digest(...parts: (string | number)[]): string {
  return createHash('sha256').update(parts.join('\u001f')).digest('hex');
}

/**
 * Deterministic per submission + version + packet type, so a rebuilt packet (retry, fallback,
 * reconciliation) keeps its id and the receiver dedupes it.
 */
export function packetIdFor(submissionId: string, version: number, packetType: string): string {
  return `PKT-${digest('packet', submissionId, version, packetType).slice(0, 32)}`;
}

/** The Idempotency-Key sent on every attempt and every channel for that packet. */
export function idempotencyKeyFor(submissionId: string, version: number, packetType: string): string {
  return `lt-${digest('idempotency', submissionId, version, packetType).slice(0, 40)}`;
}
