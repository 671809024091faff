import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPostgresTestDatabase, type TestDatabase } from '../support/databases.js';
import { countValues, kpiPush, startMinistryApi, type MinistryApi } from '../ministry/support/setup.js';

/** Raw bytes to the ministry inbound API as the BNNMT client, so the body is exactly what a client sent. */
async function send(api: MinistryApi, body: string | Buffer, headers: Record<string, string> = {}) {
  const res = await fetch(`${api.base}/ministry/data`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-test-user': 'bnnmt', ...headers },
    body: typeof body === 'string' ? body : new Uint8Array(body),
  });
  return { status: res.status, body: (await res.json()) as { code: string; message: string } };
}

/** Every body-parser refusal has its own stable code, a Vietnamese message, and stores nothing (real PostgreSQL). */
describe('bounded request bodies', () => {
  let t: TestDatabase;
  let api: MinistryApi;
  beforeAll(async () => {
    t = await openPostgresTestDatabase();
    api = await startMinistryApi(t, { BODY_LIMIT: '64kb' });
  });
  afterAll(async () => {
    await api?.gw.close();
    await t?.dispose();
  });

  const valid = JSON.stringify(kpiPush([{ indicatorCode: 'CN.TRAU', value: 78300, unit: 'con' }]));

  it('stores a well-formed push (the path the refusals below are measured against)', async () => {
    const before = await countValues(t);
    expect((await send(api, valid)).status).toBe(200);
    expect(await countValues(t)).toBeGreaterThan(before);
  });

  it('answers each body-parser error with its status and code, in Vietnamese, storing nothing', async () => {
    const before = await countValues(t);
    const cases: [string, () => ReturnType<typeof send>, number, string][] = [
      ['unknown charset', () => send(api, valid, { 'content-type': 'application/json; charset=x-evil' }), 415, 'BODY_CHARSET_UNSUPPORTED'],
      ['unknown content encoding', () => send(api, valid, { 'content-encoding': 'x-evil' }), 415, 'BODY_ENCODING_UNSUPPORTED'],
      [
        'oversized',
        () =>
          send(api, JSON.stringify(kpiPush(Array.from({ length: 2000 }, (_, i) => ({ indicatorCode: 'CN.TRAU', value: i, unit: 'con' }))))),
        413,
        'BODY_TOO_LARGE',
      ],
      ['malformed JSON', () => send(api, '{"packetType": "kpi-data", '), 400, 'BODY_MALFORMED'],
      ['1e309', () => send(api, valid.replace('78300', '1e309')), 400, 'BODY_NUMBER_OUT_OF_RANGE'],
      ['-1e309', () => send(api, valid.replace('78300', '-1e309')), 400, 'BODY_NUMBER_OUT_OF_RANGE'],
      [
        'invalid UTF-8',
        () => send(api, Buffer.concat([Buffer.from(valid.replace('"con"', '"c')), Buffer.from([0xc3, 0x28]), Buffer.from('on"')])),
        400,
        'BODY_ENCODING_INVALID',
      ],
      [
        'overlong UTF-8',
        () => send(api, Buffer.concat([Buffer.from(valid.replace('"con"', '"c')), Buffer.from([0xc0, 0xaf]), Buffer.from('on"')])),
        400,
        'BODY_ENCODING_INVALID',
      ],
    ];
    for (const [name, request, status, code] of cases) {
      const res = await request();
      expect([name, res.status, res.body.code], name).toEqual([name, status, code]);
      // A person reads this: Vietnamese (it carries Vietnamese letters), never the parser's English.
      expect(res.body.message, name).toMatch(/[ạảãáàâăđêôơưệộ]/);
    }
    expect(await countValues(t)).toBe(before);
  });
});
