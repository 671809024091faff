import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PACKET_TYPES, packetSchemaId } from '../../src/exchange/packets/types.js';
import { assertContract, getValidator } from '../../src/shared/contracts.js';

const example = (type: string) => JSON.parse(readFileSync(`fixtures/packets/examples/${type}.json`, 'utf8')) as Record<string, unknown>;

describe('QCVN 125 profile contracts', () => {
  it.each(PACKET_TYPES)('%s: the example validates, a wrong packetType or an extra header field does not', (type) => {
    const packet = example(type);
    expect(() => assertContract(packetSchemaId(type), packet)).not.toThrow();
    const other = PACKET_TYPES.find((t) => t !== type)!;
    expect(getValidator(packetSchemaId(type))({ ...packet, packetType: other })).toBe(false);
    expect(getValidator(packetSchemaId(type))({ ...packet, extra: 1 })).toBe(false);
  });

  it('names the offending field of a bad payload', () => {
    const packet = example('report-data') as { payload: { rows: { value: unknown }[] } };
    packet.payload.rows[0]!.value = 'nhiều';
    expect(() => assertContract(packetSchemaId('report-data'), packet, 'PACKET_SCHEMA_INVALID')).toThrow(
      expect.objectContaining({
        code: 'PACKET_SCHEMA_INVALID',
        details: expect.objectContaining({
          violations: expect.arrayContaining([expect.objectContaining({ field: '/payload/rows/0/value' })]),
        }),
      }),
    );
  });
});
