import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { getValidator } from '../../src/shared/contracts.js';

const doc = parse(readFileSync('contracts/transport/v1/openapi.yaml', 'utf8')) as {
  paths: Record<string, Record<string, { responses: Record<string, { $ref?: string }> }>>;
  components: {
    responses: Record<string, { headers?: Record<string, unknown>; content?: { 'application/json': { example?: { code: string } } } }>;
  };
};
const errorSchema = JSON.parse(readFileSync('contracts/transport/v1/error.schema.json', 'utf8')) as {
  properties: { code: { description: string } };
};

describe('transport contract v1', () => {
  it('declares Retry-After and a body for 429 and 503 on every path', () => {
    for (const [path, ops] of Object.entries(doc.paths)) {
      for (const op of Object.values(ops)) {
        for (const status of ['429', '503']) {
          const ref = op.responses[status]?.$ref;
          expect(ref, `${path} ${status}`).toBeDefined();
          const response = doc.components.responses[ref!.split('/').pop()!]!;
          expect(response.headers).toHaveProperty('Retry-After');
          expect(response.content?.['application/json'].example?.code).toMatch(/^[A-Z_]+$/);
        }
      }
    }
  });

  it('declares every path the gateway calls on NATIONAL_URL (packets, status, catalog feed)', () => {
    const called = new Set<string>();
    for (const file of ['src/channels/national/transport.ts', 'src/channels/national/channel.ts', 'src/exchange/inbound/catalog-feed.ts']) {
      for (const m of readFileSync(file, 'utf8').matchAll(/(?:['`]|})(\/api\/v1\/[a-z-]+)/g)) called.add(m[1]!);
    }
    expect([...called].sort()).toEqual(['/api/v1/catalog-updates', '/api/v1/packets']);
    for (const path of called) expect(Object.keys(doc.paths), path).toContain(path);
    expect(Object.keys(doc.paths)).toContain('/api/v1/packets/{receiptId}');
  });

  it('lists no simulator-only codes among the stable ones', () => {
    const text = readFileSync('contracts/transport/v1/openapi.yaml', 'utf8') + errorSchema.properties.code.description;
    expect(text).not.toMatch(/SIM_[A-Z_]+/);
    expect(errorSchema.properties.code.description).toContain('PACKET_ID_REUSED');
  });

  it('receipts are forward compatible: an unknown field is valid', () => {
    const validate = getValidator('https://lienthong.gov.vn/contracts/transport/v1/receipt.schema.json');
    expect(
      validate({
        receiptId: 'RCPT-abcdef12',
        packetId: 'P',
        idempotencyKey: 'k',
        status: 'accepted',
        receivedAt: '2027-01-16T04:00:00Z',
        trackingUrl: 'https://x',
      }),
    ).toBe(true);
  });
});
