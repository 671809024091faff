import { readFileSync } from 'node:fs';
import { validateXML } from 'xmllint-wasm';
import { describe, expect, it } from 'vitest';
import { documentFromXml } from '../../src/ministry/inbound/xml-document.js';
import { assertContract } from '../../src/shared/contracts.js';

const XSD = readFileSync(new URL('../../contracts/ministry/ministry-data.xsd', import.meta.url), 'utf8');
const SAMPLE = readFileSync(new URL('../../fixtures/ministry/report-data.sample.xml', import.meta.url), 'utf8');
const PUSH_ID = 'https://lienthong.gov.vn/contracts/api/ministry/data-push.schema.json';

async function schemaErrors(xml: string): Promise<string[]> {
  const result = await validateXML({
    xml: [{ fileName: 'doc.xml', contents: xml }],
    schema: [{ fileName: 'ministry-data.xsd', contents: XSD }],
  });
  return result.errors.map((e) => e.message);
}

const KPI = `<?xml version="1.0" encoding="UTF-8"?>
<ministryData packetType="kpi-data" source="BNNMT">
  <period kind="Y" year="2026"/>
  <reportingOrg orgCode="000.00.05.H29"/>
  <observation indicatorCode="NN-LUA" value="12.5" unit="nghìn tấn" column="KY"><disaggregation dimension="CAY" value="LUA"/></observation>
  <observation indicatorCode="NN-NGO" value="" orgCode="000.00.06.H29" periodKey="2026-Y"/>
</ministryData>`;

describe('ministry XML contract (contracts/ministry/ministry-data.xsd, xmllint)', () => {
  it('accepts the sample report-data and a kpi-data push, which the gateway parses into a valid JSON push', async () => {
    for (const xml of [SAMPLE, KPI]) {
      expect(await schemaErrors(xml)).toEqual([]);
      const doc = await documentFromXml(xml);
      expect(() => assertContract(PUSH_ID, doc)).not.toThrow();
    }
    const kpi = await documentFromXml(KPI);
    expect(kpi.payload.observations).toHaveLength(2);
    expect(kpi.payload.observations?.[1]).toMatchObject({
      indicatorCode: 'NN-NGO',
      value: null,
      orgCode: '000.00.06.H29',
      period: { key: '2026-Y' },
    });
  });

  it('refuses documents outside the contract, naming what is wrong', async () => {
    expect((await schemaErrors(SAMPLE.replace('packetType="report-data"', 'packetType="bao-cao"'))).join()).toMatch(/packetType/);
    expect((await schemaErrors(SAMPLE.replace('indicatorCode="CN.TRAU" column="TH"', 'column="TH"'))).join()).toMatch(/indicatorCode/);
    expect((await schemaErrors(SAMPLE.replace('value="78250"', 'value="bảy mươi"'))).join()).toMatch(/value/);
    expect((await schemaErrors(SAMPLE.replace('year="2026"', 'year="1999"'))).join()).toMatch(/year/);
    // rows and observations are not mixed in one document
    expect(
      (await schemaErrors(SAMPLE.replace('</ministryData>', '<observation indicatorCode="X" value="1"/></ministryData>'))).length,
    ).toBeGreaterThan(0);
    expect((await schemaErrors(SAMPLE.replace('<ministryData', '<data').replace('</ministryData>', '</data>'))).join()).toMatch(/data/);
  });
});
