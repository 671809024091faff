import { ValidationError } from '../../shared/errors.js';
import type { InboundPeriod } from '../types.js';
import type { DataPushDocument } from './document.js';
import { childElements, parseSafeXml, type XmlElement } from './safe-xml.js';

/**
 * The XML form of a pushed document, attribute-based so a 10,000-row batch stays small:
 *   <ministryData packetType="kpi-data" source="BNNMT">
 *     <period kind="Y" year="2026"/> <reportingOrg orgCode="000.00.05.H29"/>
 *     <observation indicatorCode="NN-LUA" value="12.5" unit="nghìn tấn" column="KY">
 *       <disaggregation dimension="CAY" value="LUA"/>
 *     </observation>
 *   </ministryData>
 * report-data uses <row> elements instead of <observation>. The result is validated by the same
 * JSON contract as a JSON push, so both formats fail alike.
 */
export async function documentFromXml(xml: string): Promise<DataPushDocument> {
  const { rootName, root } = await parseSafeXml(xml);
  if (rootName !== 'ministryData') {
    throw new ValidationError('DATA_INVALID', `XML root must be <ministryData>, got <${rootName}>`, { root: rootName });
  }
  const attrs = root.$ ?? {};
  const packetType = attrs.packetType as DataPushDocument['packetType'];
  const period = childElements(root, 'period')[0];
  const org = childElements(root, 'reportingOrg')[0];
  const listName = packetType === 'report-data' ? 'row' : 'observation';
  const rows = childElements(root, listName).map(rowFromXml);
  const payload: DataPushDocument['payload'] = packetType === 'report-data' ? { rows } : { observations: rows };
  // Checked by the contract in batchFromDocument, like a JSON push.
  if (period) payload.period = periodFromXml(period) as InboundPeriod;
  if (org?.$?.orgCode) payload.reportingOrg = { orgCode: org.$.orgCode, ...(org.$.name ? { name: org.$.name } : {}) };
  return { packetType, ...(attrs.source ? { source: attrs.source } : {}), payload };
}

/** Integers become numbers; anything else stays text so the contract refuses it naming the field. */
function integerOrText(v: string): number | string {
  return /^-?\d+$/.test(v) ? Number(v) : v;
}

function periodFromXml(el: XmlElement): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  for (const [name, v] of Object.entries(el.$ ?? {})) out[name] = name === 'year' || name === 'index' ? integerOrText(v) : v;
  return out;
}

type RowJson = NonNullable<DataPushDocument['payload']['rows']>[number];

function rowFromXml(el: XmlElement): RowJson {
  const a = el.$ ?? {};
  const row: RowJson = { indicatorCode: a.indicatorCode ?? '', value: a.value === undefined || a.value === '' ? null : a.value };
  if (a.column) row.column = a.column;
  if (a.unit) row.unit = a.unit;
  if (a.orgCode) row.orgCode = a.orgCode;
  if (a.periodKey) row.period = { key: a.periodKey };
  const dims = childElements(el, 'disaggregation');
  if (dims.length > 0) row.disaggregation = Object.fromEntries(dims.map((d) => [d.$?.dimension ?? '', d.$?.value ?? '']));
  return row;
}
