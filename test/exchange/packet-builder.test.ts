import { describe, expect, it } from 'vitest';
import { PacketBuilder } from '../../src/exchange/packets/builder.js';
import { verifyPacket } from '../../src/exchange/packets/verify-packet.js';
import { signCmsDetached } from '../../src/exchange/signing/cms.js';
import { verifySignature } from '../../src/exchange/signing/verify.js';
import { builderFor, monthlyReport, nationalMappings, orgCredentials, pemCredentials, trust } from './support/reports.js';

const NOW = new Date('2027-01-16T04:00:00Z');

describe('packet builder', () => {
  it('maps codes, units, columns and disaggregations and leaves province-only indicators out', async () => {
    const [packet, ...rest] = await builderFor().build(monthlyReport());
    expect(rest).toEqual([]);
    expect(packet!.packetType).toBe('report-data');
    const body = JSON.parse(packet!.body);
    expect(body.mappingVersion).toBe('2026.1');
    expect(body.payload.period).toEqual({ kind: 'THANG', year: 2027, index: 1, key: '2027-M01', from: '2026-12-15', to: '2027-01-14' });
    const rows = body.payload.rows as {
      indicatorCode: string;
      column: string;
      value: number | null;
      unit: string;
      disaggregation?: Record<string, string>;
    }[];
    expect(rows).toContainEqual({
      indicatorCode: '293.02.08',
      sourceIndicatorCode: '0208',
      column: 'THUC_HIEN_KY',
      value: 398.25,
      unit: 'tỷ đồng',
    });
    expect(rows).toContainEqual({ indicatorCode: '293.02.07', sourceIndicatorCode: '0207', column: 'SO_CUNG_KY', value: 108.2, unit: '%' });
    expect(rows).toContainEqual({
      indicatorCode: '293.06.01',
      sourceIndicatorCode: '0601',
      column: 'THUC_HIEN_KY',
      value: 12500,
      unit: 'tấn',
      disaggregation: { PHUONG_THUC_VT: 'DUONG_BO' },
    });
    expect(rows.some((r) => r.indicatorCode.includes('LC'))).toBe(false);
    expect(rows).toHaveLength(5);
  });

  it('is deterministic per submission + version + type (same ids, body and signature on rebuild)', async () => {
    const a = await builderFor().build(monthlyReport());
    const b = await builderFor().build(monthlyReport());
    expect(b).toEqual(a);
    const c = await builderFor().build(monthlyReport({ version: 2, kind: 'correction' }));
    expect(c[0]!.idempotencyKey).not.toBe(a[0]!.idempotencyKey);
    expect(c[0]!.packetId).not.toBe(a[0]!.packetId);
    expect(c[0]!.title).toContain('đính chính lần 1');
  });

  it('signs the canonical body: verification passes, one changed byte fails the signature check', async () => {
    const [packet] = await builderFor().build(monthlyReport());
    const ok = await verifySignature(packet!.body, packet!.signature, trust, NOW);
    expect(ok.ok).toBe(true);
    expect(ok.checks.map((c) => c.check)).toEqual(['signature', 'chain', 'validity', 'keyUsage', 'revocation']);
    const tampered = packet!.body.replace('398.25', '398.26');
    const bad = await verifySignature(tampered, packet!.signature, trust, NOW);
    expect(bad.ok).toBe(false);
    expect(bad.checks.find((c) => c.check === 'signature')!.ok).toBe(false);
  });

  it('says which check fails for the untrusted, expired and non-signing certificates', async () => {
    const failing = async (name: string) => {
      const [p] = await builderFor(pemCredentials(name)).build(monthlyReport());
      const v = await verifySignature(p!.body, p!.signature, trust, NOW);
      return v.checks.filter((c) => !c.ok).map((c) => c.check);
    };
    expect(await failing('untrusted')).toEqual(['chain']);
    expect(await failing('expired')).toEqual(['validity']);
    expect(await failing('no-signing-usage')).toEqual(['keyUsage']);
    expect(await failing('leader')).toEqual([]);
  });

  it('reports a body without canonical form (lone surrogate) as a failed check, not a crash', async () => {
    const [p] = await builderFor().build(monthlyReport());
    const body = p!.body.replace('"approvedBy":"lanh-dao-ubnd"', '"approvedBy":"\\ud800"');
    const v = await verifyPacket(body, p!.signature, trust, NOW);
    expect(v.checks.find((c) => c.check === 'canonical')).toMatchObject({ ok: false, message: expect.stringContaining('RFC 8785') });
  });

  it('never throws on damaged input: every flipped character of body or signature is a failed verification', async () => {
    const [p] = await builderFor().build(monthlyReport());
    const flip = (text: string, i: number) => `${text.slice(0, i)}${text[i] === 'A' ? 'B' : 'A'}${text.slice(i + 1)}`;
    for (let i = 0; i < p!.body.length; i += 61) {
      expect((await verifyPacket(flip(p!.body, i), p!.signature, trust, NOW)).ok).toBe(false);
    }
    for (let i = 0; i < p!.signature.length; i += 89) {
      if (p!.signature[i] === '.') continue;
      expect((await verifyPacket(p!.body, flip(p!.signature, i), trust, NOW)).ok).toBe(false);
    }
  });

  it('never builds a state-secret report', async () => {
    await expect(builderFor().build(monthlyReport({ classification: 'secret' }))).rejects.toMatchObject({ code: 'REPORT_STATE_SECRET' });
  });

  it('refuses an invalid packet before signing and names the field', async () => {
    const report = monthlyReport({ orgUnit: { id: 'x', orgCode: 'not a code', name: 'Sở' } });
    await expect(builderFor().build(report)).rejects.toMatchObject({
      code: 'PACKET_SCHEMA_INVALID',
      details: expect.objectContaining({ violations: expect.arrayContaining([expect.objectContaining({ field: '/sender/orgCode' })]) }),
    });
  });

  it('names the unmapped row and the unconvertible unit', async () => {
    await expect(
      builderFor().build(monthlyReport({ values: [{ indicatorCode: '9999', columnCode: 'THIS_PERIOD', value: 1, unit: 'tỷ đồng' }] })),
    ).rejects.toMatchObject({ code: 'MAPPING_MISSING', details: expect.objectContaining({ field: 'values/0/indicatorCode' }) });
    await expect(
      builderFor().build(monthlyReport({ values: [{ indicatorCode: '0207', columnCode: 'THIS_PERIOD', value: 1, unit: 'USD' }] })),
    ).rejects.toMatchObject({ code: 'UNIT_INCOMPATIBLE' });
  });

  it('builds nothing for a report made only of province-only indicators', async () => {
    expect(
      await builderFor().build(monthlyReport({ values: [{ indicatorCode: 'LC0102', columnCode: 'THIS_PERIOD', value: 3, unit: 'ha' }] })),
    ).toEqual([]);
  });

  it('signs narrative attachments with detached CMS, checked by verifyPacket (chain of the CMS signer too)', async () => {
    const narrative = monthlyReport({
      form: { code: 'KTXH-6THANG-TM', name: 'Báo cáo thuyết minh 6 tháng', regimeCode: 'KTXH-6THANG', type: 'narrative' },
      period: { kind: 'half_year', year: 2027, key: '2027-H1', windowStart: '2026-12-15', windowEnd: '2027-06-14' },
      values: [],
      narrative: {
        title: 'Báo cáo 6 tháng',
        text: 'Ổn định.',
        attachments: [
          {
            name: 'bc.pdf',
            mediaType: 'application/pdf',
            sha256: 'b'.repeat(64),
            contentBase64: Buffer.from('%PDF-1.4 nội dung').toString('base64'),
          },
        ],
      },
    });
    const withCms = (cmsCreds: typeof orgCredentials) =>
      new PacketBuilder({
        mappings: nationalMappings,
        credentials: orgCredentials,
        signAttachment: (content, at) => signCmsDetached(content, cmsCreds, at),
      }).build(narrative);
    const [good] = await withCms(orgCredentials);
    const [again] = await withCms(orgCredentials);
    expect(again!.body).toBe(good!.body);
    const v = await verifyPacket(good!.body, good!.signature, trust, NOW);
    expect(v.checks.find((c) => c.check === 'attachments')).toMatchObject({ ok: true });
    expect(v.ok).toBe(true);
    const [rogue] = await withCms(pemCredentials('untrusted'));
    const r = await verifyPacket(rogue!.body, rogue!.signature, trust, NOW);
    expect(r.checks.filter((c) => !c.ok)).toEqual([
      expect.objectContaining({ check: 'attachments', message: expect.stringContaining('chain') }),
    ]);
  });

  it('builds an outline submission for a narrative report', async () => {
    const [p] = await builderFor().build(
      monthlyReport({
        form: { code: 'KTXH-6THANG-TM', name: 'Báo cáo thuyết minh 6 tháng', regimeCode: 'KTXH-6THANG', type: 'narrative' },
        period: { kind: 'half_year', year: 2027, key: '2027-H1', windowStart: '2026-12-15', windowEnd: '2027-06-14' },
        values: [],
        narrative: {
          title: 'Báo cáo 6 tháng',
          text: 'Tình hình kinh tế - xã hội ổn định.',
          attachments: [{ name: 'bc.pdf', mediaType: 'application/pdf', sha256: 'a'.repeat(64), contentBase64: 'JVBERi0=' }],
        },
      }),
    );
    expect(p!.packetType).toBe('outline-submission');
    expect(JSON.parse(p!.body).payload.period.kind).toBe('6THANG');
  });
});
