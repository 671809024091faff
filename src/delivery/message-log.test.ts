import { describe, expect, it } from 'vitest';
import { chainHash, chainHashFast } from './message-log.js';

describe('message-log chain hash', () => {
  it('the hand-written canonical record hashes exactly as canonicalize() does', () => {
    const cases = [
      { seq: 1, at: '2027-01-01T00:00:00.000Z', direction: 'out', packetId: 'p-1', channel: 'national', payloadHash: 'ab'.repeat(32) },
      {
        seq: 9_007_199_254,
        at: '2027-12-31T23:59:59.999Z',
        direction: 'in',
        packetId: 'gói "tin"\\ \u0001 \u2028 😀',
        channel: 'edoc',
        payloadHash: '',
      },
    ];
    for (const e of cases) {
      expect(chainHashFast('f'.repeat(64), e.seq, e.at, e.direction, e.packetId, e.channel, e.payloadHash)).toBe(
        chainHash('f'.repeat(64), e),
      );
    }
  });
});
