import { describe, expect, it } from 'vitest';
import { buildEdxml, buildEdxmlStatus, documentForPacket } from '../../src/channels/edoc/edxml-builder.js';
import { parseEdxml, parseEdxmlStatus } from '../../src/channels/edoc/edxml-parser.js';
import { edxmlDate, edxmlTimestamp, parseDocumentId } from '../../src/channels/edoc/edxml-format.js';
import { FROM, samplePacket, TO } from './support/fixtures.js';

const now = new Date('2027-01-31T18:30:05Z'); // 01:30:05 on 1 Feb in Vietnam

describe('edXML builder and parser', () => {
  it('round-trips a packet document with its body and JWS as attachments', async () => {
    const packet = samplePacket();
    const doc = documentForPacket(packet, { from: FROM, to: TO, place: 'Quảng Ninh', notation: 'BC-LTBC', now });
    const xml = buildEdxml(doc);
    expect(xml).toContain('xmlns="http://www.mic.gov.vn/TBT/QCVN_102_2016"');
    const parsed = await parseEdxml(xml);
    expect(parsed).toEqual(doc);
    const [body, jws] = parsed.attachments;
    expect(body!.contentType).toBe('application/json');
    expect(body!.content.toString('utf8')).toBe(packet.body);
    expect(jws!.contentType).toBe('application/jose');
    expect(jws!.content.toString('utf8')).toBe(packet.signature);
    expect(parsed.subject).toBe('Báo cáo KT-XH tháng 01/2027 - Sở KH&CN (gửi thay thế do sự cố hệ thống báo cáo quốc gia)');
    expect(parsed.dueDate).toBe('2027/02/05');
  });

  it('uses Vietnam dates and a DocumentId stable across retries of the same packet', () => {
    expect(edxmlDate(now)).toBe('2027/02/01');
    expect(edxmlTimestamp(now)).toBe('2027/02/01 01:30:05');
    const a = documentForPacket(samplePacket(), { from: FROM, to: TO, place: 'QN', notation: 'BC-LTBC', now });
    const b = documentForPacket(samplePacket({ packetId: 'pkt-retry' }), { from: FROM, to: TO, place: 'QN', notation: 'BC-LTBC', now });
    const c = documentForPacket(samplePacket({ idempotencyKey: 'other' }), { from: FROM, to: TO, place: 'QN', notation: 'BC-LTBC', now });
    expect(a.documentId).toBe(b.documentId);
    expect(a.documentId).not.toBe(c.documentId);
    expect(parseDocumentId(a.documentId)).toEqual({
      organId: FROM.organId,
      date: '2027/02/01',
      number: a.code.number,
      notation: 'BC-LTBC',
    });
  });

  it('marks the archive copy differently from a fallback', () => {
    const doc = documentForPacket(samplePacket(), { from: FROM, to: TO, place: 'QN', notation: 'BC-LTBC', now, purpose: 'archive' });
    expect(doc.subject).toContain('bản lưu');
  });

  it('round-trips a status message', async () => {
    const status = {
      responseFor: { organId: FROM.organId, documentId: '000.00.00.H49,2027/02/01,12/BC-LTBC' },
      from: TO,
      statusCode: '03',
      description: 'Đã tiếp nhận',
      timestamp: '2027/02/01 08:00:00',
    };
    expect(await parseEdxmlStatus(buildEdxmlStatus(status))).toEqual(status);
  });

  it('refuses DOCTYPE / entity payloads (XXE, billion laughs) with a typed error', async () => {
    const xxe = `<?xml version="1.0"?><!DOCTYPE edXML [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><edXML xmlns="http://www.mic.gov.vn/TBT/QCVN_102_2016">&xxe;</edXML>`;
    await expect(parseEdxml(xxe)).rejects.toMatchObject({ code: 'EDXML_UNSAFE' });
    const laughs = `<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]><edXML>&lol2;</edXML>`;
    await expect(parseEdxmlStatus(laughs)).rejects.toMatchObject({ code: 'EDXML_UNSAFE' });
  });

  it('refuses malformed XML, a foreign root and an inconsistent DocumentId', async () => {
    await expect(parseEdxml('<edXML xmlns="http://www.mic.gov.vn/TBT/QCVN_102_2016"><unclosed></edXML>')).rejects.toMatchObject({
      code: 'EDXML_MALFORMED',
    });
    await expect(parseEdxml('<edXML xmlns="urn:other"/>')).rejects.toMatchObject({ code: 'EDXML_NOT_EDXML' });
    const xml = buildEdxml(documentForPacket(samplePacket(), { from: FROM, to: TO, place: 'QN', notation: 'BC-LTBC', now }));
    const forged = xml.replace(/<DocumentId>000\.00\.00\.H49/, '<DocumentId>000.00.00.H50');
    await expect(parseEdxml(forged)).rejects.toMatchObject({ code: 'EDXML_DOCUMENT_ID_MISMATCH' });
    const noSubject = xml.replace(/<Subject>[^<]*<\/Subject>/, '');
    await expect(parseEdxml(noSubject)).rejects.toMatchObject({ code: 'EDXML_FIELD_MISSING', details: { field: 'Subject' } });
  });
});
