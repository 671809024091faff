import { createHash } from 'node:crypto';

/**
 * The receiver's own content rules per packet type, beyond the JSON Schema (written here, not
 * borrowed from the gateway): what a schema cannot say about lists, keys and references.
 */
type Payload = Record<string, unknown>;
const list = (v: unknown): Payload[] => (Array.isArray(v) ? (v as Payload[]) : []);

function duplicates(keys: string[]): string[] {
  const seen = new Set<string>();
  return [...new Set(keys.filter((k) => (seen.has(k) ? true : (seen.add(k), false))))];
}

/** Each catalog type's item list and the field that names an item. */
const CATALOG_ITEMS: Record<string, { items: string; key: string }> = {
  'report-regime': { items: 'regimes', key: 'code' },
  'report-form': { items: 'forms', key: 'code' },
  'outline-form': { items: 'forms', key: 'code' },
  'period-catalog': { items: 'periods', key: 'kind' },
  'indicator-catalog': { items: 'indicators', key: 'code' },
  'kpi-set': { items: 'sets', key: 'code' },
  'kpi-group-catalog': { items: 'groups', key: 'code' },
  'kpi-disaggregation-catalog': { items: 'dimensions', key: 'code' },
};

const sortedJson = (o: unknown): string =>
  JSON.stringify(o && typeof o === 'object' ? Object.fromEntries(Object.entries(o as Payload).sort(([a], [b]) => a.localeCompare(b))) : o);

function problems(type: string, p: Payload): string[] {
  const out: string[] = [];
  const period = p.period as { from?: string; to?: string } | undefined;
  if (period?.from && period.to && period.from > period.to) out.push(`period.from ${period.from} is after period.to ${period.to}`);
  const catalog = CATALOG_ITEMS[type];
  if (catalog) {
    const codes = list(p[catalog.items]).map((i) => String(i[catalog.key]));
    for (const d of duplicates(codes)) out.push(`${catalog.items}: ${d} listed twice`);
    const removed = new Set(list(p.removedCodes).map(String));
    for (const c of codes) if (removed.has(c)) out.push(`${c} is both sent and removed`);
    if (typeof p.catalogVersion === 'number' && typeof p.baseVersion === 'number' && p.catalogVersion <= p.baseVersion)
      out.push(`catalogVersion ${p.catalogVersion} does not follow baseVersion ${p.baseVersion}`);
  }
  switch (type) {
    case 'list-report-data': {
      const columns = list(p.columns).map((c) => String(c.code));
      for (const d of duplicates(columns)) out.push(`column ${d} declared twice`);
      list(p.records).forEach((r, i) => {
        if (r.rowNo !== i + 1) out.push(`record ${i + 1} is numbered ${String(r.rowNo)}`);
        for (const k of Object.keys((r.values as Payload | undefined) ?? {}))
          if (!columns.includes(k)) out.push(`record ${i + 1}: value for undeclared column ${k}`);
      });
      break;
    }
    case 'report-data':
      for (const d of duplicates(list(p.rows).map((r) => `${String(r.indicatorCode)}/${String(r.column)}/${sortedJson(r.disaggregation)}`)))
        out.push(`row ${d} given twice`);
      break;
    case 'kpi-data':
      for (const d of duplicates(list(p.observations).map((o) => `${String(o.indicatorCode)}/${sortedJson(o.disaggregation)}`)))
        out.push(`observation ${d} given twice`);
      break;
    case 'report-status':
      if ((p.status === 'THU_HOI' || p.status === 'DINH_CHINH') && !p.reason) out.push(`status ${String(p.status)} needs a reason`);
      if (p.status === 'DA_TIEP_NHAN' && !p.receiptId) out.push('an acknowledgement names the receipt it acknowledges');
      break;
    case 'outline-submission':
      for (const a of list(p.attachments)) {
        if (typeof a.contentBase64 !== 'string') continue;
        const sha = createHash('sha256').update(Buffer.from(a.contentBase64, 'base64')).digest('hex');
        if (sha !== a.sha256) out.push(`attachment ${String(a.name)}: sha256 does not match its content`);
      }
      break;
  }
  return out;
}

/** One `content` check over a schema-valid packet. */
export function checkContent(packet: Payload): { check: 'content'; ok: boolean; message: string } {
  const found = problems(String(packet.packetType), (packet.payload as Payload | undefined) ?? {});
  return { check: 'content', ok: found.length === 0, message: found.length === 0 ? 'content rules' : found.slice(0, 5).join('; ') };
}
