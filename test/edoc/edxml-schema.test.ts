import { readFileSync } from 'node:fs';
import { validateXML } from 'xmllint-wasm';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildEdxml, buildEdxmlStatus, documentForPacket } from '../../src/channels/edoc/edxml-builder.js';
import { createEdxmlSigner } from '../../src/channels/edoc/xml-signature.js';
import { FROM, samplePacket, TO } from './support/fixtures.js';
import { loadTestPki, type TestPki } from './support/test-pki.js';

const XSD = readFileSync(new URL('../../contracts/edxml/edxml-profile.xsd', import.meta.url), 'utf8');

async function schemaErrors(xml: string): Promise<string[]> {
  const result = await validateXML({
    xml: [{ fileName: 'doc.xml', contents: xml }],
    schema: [{ fileName: 'edxml-profile.xsd', contents: XSD }],
  });
  return result.errors.map((e) => e.message);
}

let pki: TestPki;
let unsigned: string;
beforeAll(() => {
  pki = loadTestPki();
  unsigned = buildEdxml(
    documentForPacket(samplePacket(), {
      from: FROM,
      to: TO,
      place: 'Lai Châu',
      notation: 'BC-LTBC',
      now: new Date('2027-02-01T02:00:00Z'),
    }),
  );
});

describe('edXML profile XSD (contracts/edxml/edxml-profile.xsd, xmllint)', () => {
  it('accepts what the builder produces, signed or not, and status messages', async () => {
    expect(await schemaErrors(unsigned)).toEqual([]);
    expect(await schemaErrors(createEdxmlSigner(pki.org).sign(unsigned))).toEqual([]);
    const status = buildEdxmlStatus({
      responseFor: { organId: FROM.organId, documentId: '000.00.00.H29,2027/02/01,12/BC-LTBC' },
      from: TO,
      statusCode: '06',
      description: '',
      timestamp: '2027/02/01 08:00:00',
    });
    expect(await schemaErrors(status)).toEqual([]);
  });

  it('rejects documents outside the profile', async () => {
    expect((await schemaErrors(unsigned.replace('<Priority>0</Priority>', '<Priority>9</Priority>'))).join()).toMatch(/Priority/);
    expect(
      (await schemaErrors(unsigned.replace(/<DocumentId>[^<]+<\/DocumentId>/, '<DocumentId>không-hợp-lệ</DocumentId>'))).join(),
    ).toMatch(/DocumentId/);
    expect((await schemaErrors(unsigned.replace(/<Subject>[^<]*<\/Subject>/, ''))).join()).toMatch(/Subject|SteeringType/);
  });
});
