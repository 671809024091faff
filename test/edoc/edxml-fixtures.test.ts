import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseEdxml, parseEdxmlStatus } from '../../src/channels/edoc/edxml-parser.js';
import { createEdxmlVerifier } from '../../src/channels/edoc/xml-signature.js';
import { loadTestPki } from './support/test-pki.js';

const fixture = (name: string) => readFileSync(new URL(`../../fixtures/edxml/${name}`, import.meta.url), 'utf8');

describe('fixtures/edxml', () => {
  it('the signed sample verifies against the test CA and answers to its status message', async () => {
    const verified = await createEdxmlVerifier({ trustedCertificatesPem: [loadTestPki().caPem] }).verify(
      fixture('report-fallback.signed.xml'),
    );
    const doc = await parseEdxml(verified.signedXml);
    const status = await parseEdxmlStatus(fixture('status-03-accepted.xml'));
    expect(status.responseFor.documentId).toBe(doc.documentId);
    expect(doc.attachments.map((a) => a.contentType)).toEqual(['application/json', 'application/jose']);
    expect(JSON.parse(doc.attachments[0]!.content.toString('utf8'))).toMatchObject({ packetType: 'report-data' });
  });

  it('hostile samples are refused before parsing', async () => {
    for (const name of ['xxe-external-entity.xml', 'billion-laughs.xml']) {
      await expect(parseEdxml(fixture(name)), name).rejects.toMatchObject({ code: 'EDXML_UNSAFE' });
    }
  });
});
