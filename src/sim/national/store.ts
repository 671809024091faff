import { createHash, randomUUID } from 'node:crypto';
import type { NationalReceipt } from './protocol.js';

export interface HeldPacket {
  receipt: NationalReceipt;
  bodySha256: string;
  body: string;
  signature: string;
  signer?: string;
  /** POSTs seen with this Idempotency-Key (replays included): lets delivery tests assert "exactly once". */
  attempts: number;
}

export type RecordOutcome = { kind: 'new' | 'replay'; held: HeldPacket } | { kind: 'conflict'; held: HeldPacket };

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/** Keeps a long demo run from growing without bound; the oldest packets are forgotten first. */
export const MAX_HELD_PACKETS = 10_000;

/** What the simulated national system holds, deduplicated by Idempotency-Key. */
export class ReceivedPackets {
  private readonly byKey = new Map<string, HeldPacket>();
  private readonly byReceipt = new Map<string, HeldPacket>();
  private readonly byPacket = new Map<string, HeldPacket>();

  constructor(private readonly max = MAX_HELD_PACKETS) {}

  /** Same key + same body → the same receipt; same key + another body → conflict. */
  lookup(idempotencyKey: string, body: string): RecordOutcome | undefined {
    const held = this.byKey.get(idempotencyKey);
    if (!held) return undefined;
    held.attempts += 1;
    return held.bodySha256 === sha256(body) ? { kind: 'replay', held } : { kind: 'conflict', held };
  }

  add(input: {
    idempotencyKey: string;
    packetId: string;
    packetType: string;
    body: string;
    signature: string;
    signer?: string;
    status: NationalReceipt['status'];
    at: Date;
  }): HeldPacket {
    const held: HeldPacket = {
      receipt: {
        receiptId: `RCPT-${randomUUID()}`,
        packetId: input.packetId,
        idempotencyKey: input.idempotencyKey,
        packetType: input.packetType,
        status: input.status,
        receivedAt: input.at.toISOString(),
        system: 'HTTTBC-CP-SIM',
      },
      bodySha256: sha256(input.body),
      body: input.body,
      signature: input.signature,
      ...(input.signer ? { signer: input.signer } : {}),
      attempts: 1,
    };
    if (this.byKey.size >= this.max) {
      const [oldestKey, oldest] = this.byKey.entries().next().value as [string, HeldPacket];
      this.byKey.delete(oldestKey);
      this.byReceipt.delete(oldest.receipt.receiptId);
      this.byPacket.delete(oldest.receipt.packetId);
    }
    this.byKey.set(input.idempotencyKey, held);
    this.byReceipt.set(held.receipt.receiptId, held);
    this.byPacket.set(input.packetId, held);
    return held;
  }

  /** The packet held under this packetId (whatever its Idempotency-Key). */
  byPacketId(id: string): HeldPacket | undefined {
    return this.byPacket.get(id);
  }

  sameBody(held: HeldPacket, body: string): boolean {
    return held.bodySha256 === sha256(body);
  }

  byReceiptId(id: string): HeldPacket | undefined {
    return this.byReceipt.get(id);
  }

  setStatus(held: HeldPacket, status: NationalReceipt['status'], at: Date, reason?: string): void {
    held.receipt = { ...held.receipt, status, updatedAt: at.toISOString(), ...(reason ? { reason } : {}) };
  }

  list(): HeldPacket[] {
    return [...this.byKey.values()];
  }

  clear(): void {
    this.byKey.clear();
    this.byReceipt.clear();
    this.byPacket.clear();
  }
}
