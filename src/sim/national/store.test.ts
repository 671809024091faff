import { describe, expect, it } from 'vitest';
import { ReceivedPackets } from './store.js';

const add = (s: ReceivedPackets, key: string, body = `{"k":"${key}"}`) =>
  s.add({
    idempotencyKey: key,
    packetId: `P-${key}`,
    packetType: 'report-data',
    body,
    signature: 'h..s',
    status: 'accepted',
    at: new Date('2027-01-01T00:00:00Z'),
  });

describe('simulator store', () => {
  it('dedupes by key: same body replays, another body conflicts, attempts counted', () => {
    const s = new ReceivedPackets();
    const held = add(s, 'a');
    expect(s.lookup('a', '{"k":"a"}')).toMatchObject({ kind: 'replay', held: { receipt: { receiptId: held.receipt.receiptId } } });
    expect(s.lookup('a', '{"k":"other"}')?.kind).toBe('conflict');
    expect(s.list()[0]!.attempts).toBe(3);
    expect(s.lookup('b', '{}')).toBeUndefined();
  });

  it('forgets the oldest packet beyond its bound', () => {
    const s = new ReceivedPackets(2);
    const first = add(s, 'a');
    add(s, 'b');
    add(s, 'c');
    expect(s.list().map((h) => h.receipt.idempotencyKey)).toEqual(['b', 'c']);
    expect(s.byReceiptId(first.receipt.receiptId)).toBeUndefined();
  });
});
