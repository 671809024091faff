import type { X509Certificate } from 'node:crypto';
import express, { Router, type Request, type Response } from 'express';
import {
  HEADER_IDEMPOTENCY_KEY,
  HEADER_SIGNATURE,
  PACKETS_PATH,
  PACKET_ID_REUSED,
  type NationalReceipt,
  type ReceiptStatus,
} from './protocol.js';
import { checkPacket } from './check-packet.js';
import { sendSigned, type SimSigner } from './receipt-signer.js';
import type { HeldPacket, ReceivedPackets } from './store.js';

export interface NationalSimOptions {
  /** Trust anchors of the simulated receiver (its own, not the gateway's TRUST_ANCHORS). */
  anchors: X509Certificate[];
  held: ReceivedPackets;
  /**
   * immediate: a valid packet is accepted at once; deferred: received, accepted on the next
   * status query; manual: received, and answered only when an operator does (`PUT /_sim/received/:receiptId`).
   */
  acceptMode: AcceptMode;
  /**
   * Packet types the simulated office reviews before accepting, whatever the mode: received,
   * accepted on the next status query (as deferred). The demo reviews list-type reports, so
   * its recall reaches a national system that has received the report and not yet accepted it.
   */
  reviewTypes?: ReadonlySet<string>;
  now: () => Date;
  /** Replaces the packet verification (tests slow it down to provoke concurrent first attempts). */
  verify?: typeof checkPacket;
  /** Signs every receipt (X-Receipt-Signature); absent = unsigned receipts. */
  signer?: SimSigner;
  /** Fields a newer receiver adds to its receipts (e.g. trackingUrl): `PUT /_sim/receipt-extras`. */
  receiptExtras?: Record<string, unknown>;
  /** Told about every packet accepted (the simulator's catalog / status bookkeeping). */
  onAccepted?: (held: HeldPacket, packet: Record<string, unknown>) => void;
  /** Told when an operator of the national system answers (status changed): the callback. */
  onStatusChanged?: (receipt: NationalReceipt) => Promise<void>;
}

export const ACCEPT_MODES = ['immediate', 'deferred', 'manual'] as const;
export type AcceptMode = (typeof ACCEPT_MODES)[number];

/** The receipt as answered: the held receipt plus any extra fields this receiver version adds. */
function answer(o: NationalSimOptions, receipt: NationalReceipt): NationalReceipt {
  return o.receiptExtras ? { ...receipt, ...o.receiptExtras } : receipt;
}

/** Which refusal code a failed check maps to (transport error contract). */
const REFUSAL: Record<string, { status: number; code: string }> = {
  schema: { status: 422, code: 'PACKET_SCHEMA_INVALID' },
  canonical: { status: 422, code: 'PACKET_SCHEMA_INVALID' },
  content: { status: 422, code: 'PACKET_SCHEMA_INVALID' },
  signature: { status: 403, code: 'SIGNATURE_INVALID' },
  chain: { status: 403, code: 'CERTIFICATE_UNTRUSTED' },
  validity: { status: 403, code: 'CERTIFICATE_EXPIRED' },
  keyUsage: { status: 403, code: 'CERTIFICATE_KEY_USAGE' },
};

function header(req: Request, name: string): string | undefined {
  const v = req.headers[name];
  return typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;
}

function refuse(res: Response, status: number, code: string, message: string, details?: unknown): void {
  res.status(status).json(details === undefined ? { code, message } : { code, message, details });
}

/**
 * Requests with the same Idempotency-Key are handled one after the other: verification is
 * asynchronous, and two concurrent first attempts must not both be stored (exactly once).
 */
async function oneAtATime(inFlight: Map<string, Promise<void>>, key: string, run: () => Promise<void>): Promise<void> {
  while (inFlight.has(key)) await inFlight.get(key)!.catch(() => undefined);
  const p = run();
  inFlight.set(key, p);
  try {
    await p;
  } finally {
    inFlight.delete(key);
  }
}

/** Dedupe, verify, store: the receiver's side of one packet. */
async function receive(o: NationalSimOptions, res: Response, key: string, body: string, signature: string): Promise<void> {
  const seen = o.held.lookup(key, body);
  if (seen?.kind === 'replay') return sendSigned(res, 200, answer(o, seen.held.receipt), o.signer);
  if (seen?.kind === 'conflict') {
    return refuse(res, 409, 'IDEMPOTENCY_KEY_REUSED', 'Idempotency-Key already used for a different body', {
      receiptId: seen.held.receipt.receiptId,
    });
  }
  const v = await (o.verify ?? checkPacket)(body, signature, o.anchors, o.now());
  const failed = v.checks.find((c) => !c.ok);
  if (failed) {
    const refusal = REFUSAL[failed.check] ?? REFUSAL.signature!;
    return refuse(res, refusal.status, refusal.code, `${failed.check}: ${failed.message}`, { checks: v.checks });
  }
  // Contract: one packetId is one packet. Held under another key: never stored twice; the
  // sender learns whether it is the same packet (sameBody: its receipt is the proof) or not.
  const other = o.held.byPacketId(v.packetId!);
  if (other) {
    return refuse(res, 409, PACKET_ID_REUSED, 'This packetId was received under another Idempotency-Key', {
      receiptId: other.receipt.receiptId,
      idempotencyKey: other.receipt.idempotencyKey,
      sameBody: o.held.sameBody(other, body),
    });
  }
  const reviewed = o.reviewTypes?.has(v.packetType!) ?? false;
  const status: ReceiptStatus = o.acceptMode === 'immediate' && !reviewed ? 'accepted' : 'received';
  const held = o.held.add({
    idempotencyKey: key,
    packetId: v.packetId!,
    packetType: v.packetType!,
    body,
    signature,
    ...(v.signer ? { signer: v.signer } : {}),
    status,
    at: o.now(),
  });
  if (v.packet) o.onAccepted?.(held, v.packet);
  return sendSigned(res, 201, answer(o, held.receipt), o.signer);
}

/** The API of the simulated national reporting system (transport profile v1). */
export function nationalApiRouter(o: NationalSimOptions): Router {
  const r = Router();
  const inFlight = new Map<string, Promise<void>>();
  r.post(PACKETS_PATH, express.text({ type: () => true, limit: '20mb' }), async (req, res) => {
    const body = typeof req.body === 'string' ? req.body : '';
    const key = header(req, HEADER_IDEMPOTENCY_KEY);
    const signature = header(req, HEADER_SIGNATURE);
    if (!key) return refuse(res, 400, 'IDEMPOTENCY_KEY_MISSING', 'Idempotency-Key header is required');
    if (!signature) return refuse(res, 401, 'SIGNATURE_MISSING', `${HEADER_SIGNATURE} header is required`);
    if (res.locals.fault === 'reject-signature') return refuse(res, 403, 'SIGNATURE_INVALID', 'Simulated signature refusal');
    await oneAtATime(inFlight, key, () => receive(o, res, key, body, signature));
  });
  r.get(`${PACKETS_PATH}/:receiptId`, async (req, res) => {
    const held = o.held.byReceiptId(String(req.params.receiptId));
    if (!held) return refuse(res, 404, 'RECEIPT_NOT_FOUND', `No receipt ${String(req.params.receiptId)}`);
    if (held.receipt.status === 'received' && o.acceptMode !== 'manual') o.held.setStatus(held, 'accepted', o.now());
    await sendSigned(res, 200, answer(o, held.receipt), o.signer);
  });
  return r;
}

/**
 * Test-visible state: `GET /_sim/received` (each receipt with the report it is about and, for a
 * report-status packet, the status and reason it carried), `DELETE /_sim/received`,
 * `PUT /_sim/received/:receiptId {status, reason}` (an operator answers), `PUT /_sim/accept-mode {mode}`.
 */
export function nationalControlRouter(o: NationalSimOptions): Router {
  const r = Router();
  r.get('/_sim/received', (_req, res) => {
    res.json(o.held.list().map((h) => ({ ...h.receipt, attempts: h.attempts, signer: h.signer, ...aboutOf(h.body) })));
  });
  r.put('/_sim/accept-mode', express.json(), (req, res) => {
    const mode = (req.body as { mode?: unknown } | undefined)?.mode;
    if (!ACCEPT_MODES.includes(mode as AcceptMode))
      return refuse(res, 400, 'SIM_ACCEPT_MODE_INVALID', `mode must be one of ${ACCEPT_MODES.join(', ')}`);
    o.acceptMode = mode as AcceptMode;
    res.json({ mode: o.acceptMode });
  });
  r.put('/_sim/receipt-extras', express.json(), (req, res) => {
    const extras = req.body as unknown;
    if (typeof extras !== 'object' || extras === null || Array.isArray(extras))
      return refuse(res, 400, 'SIM_EXTRAS_INVALID', 'an object of extra receipt fields is expected');
    o.receiptExtras = Object.keys(extras).length > 0 ? (extras as Record<string, unknown>) : undefined;
    res.json(o.receiptExtras ?? {});
  });
  r.delete('/_sim/received', (_req, res) => {
    o.held.clear();
    res.status(204).end();
  });
  r.put('/_sim/received/:receiptId', express.json(), async (req, res) => {
    const held = o.held.byReceiptId(String(req.params.receiptId));
    const next = (req.body ?? {}) as { status?: string; reason?: string };
    if (!held) return refuse(res, 404, 'RECEIPT_NOT_FOUND', `No receipt ${String(req.params.receiptId)}`);
    if (next.status !== 'received' && next.status !== 'accepted' && next.status !== 'rejected' && next.status !== 'returned') {
      return refuse(res, 400, 'SIM_STATUS_INVALID', 'status must be received, accepted, rejected or returned');
    }
    o.held.setStatus(held, next.status, o.now(), next.reason);
    await o.onStatusChanged?.(answer(o, held.receipt));
    res.json(held.receipt);
  });
  return r;
}

/** What a held packet is about, read from its payload: the report and, for a report status, the status and reason. */
function aboutOf(body: string): { submissionId?: string; reportStatus?: string; reason?: string; version?: number } {
  try {
    const p = (JSON.parse(body) as { payload?: Record<string, unknown> }).payload ?? {};
    const text = (k: string) => (typeof p[k] === 'string' ? { [k]: p[k] as string } : {});
    return {
      ...text('submissionId'),
      ...(typeof p.status === 'string' ? { reportStatus: p.status } : {}),
      ...text('reason'),
      ...(typeof p.version === 'number' ? { version: p.version } : {}),
    };
  } catch {
    return {};
  }
}
