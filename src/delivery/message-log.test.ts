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
      // Plain strings skip JSON.stringify: these are the ones that must not.
      { seq: 2, at: 'a\u001fb', direction: '\t\n\r\b\f', packetId: 'pair 😀 \u2028 \u2029', channel: 'x\u007fy/z', payloadHash: '"' },
      { seq: 3, at: '\\', direction: 'ra', packetId: 'Báo cáo tháng', channel: '\u0000', payloadHash: 'ff' },
    ];
    for (const e of cases) {
      expect(chainHashFast('f'.repeat(64), e.seq, e.at, e.direction, e.packetId, e.channel, e.payloadHash)).toBe(
        chainHash('f'.repeat(64), e),
      );
    }
  });
});
