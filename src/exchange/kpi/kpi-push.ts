import { createHash } from 'node:crypto';
import type { ReportPeriod } from '../../core/approved-report.js';
import type { OutboundPacket } from '../../delivery/channel.js';
import type { Database, SqlExecutor } from '../../store/database.js';
import { canonicalJson } from '../packets/canonical.js';
import { kpiDataPacketInput, type KpiObservation } from '../packets/kpi-data.js';
import type { MappingSet } from '../mapping/mapping-set.js';
import type { ExchangeServices } from '../services.js';
import type { KpiPushResult } from './services.js';

/** One imported value as the ministry area's service hands it out (ctx.services.ministry.reconciler.sourceValues). */
export interface ImportedValue {
  orgUnitId: string;
  indicatorCode: string;
  columnCode: string;
  /** Sorted "k=v;k=v" form, '' for the total. */
  disaggregationKey: string;
  value: number | null;
  unit: string;
}

export interface KpiPushDeps {
  db: Database;
  /** The values a ministry source sent for a period (imports, pushes, connector pulls). */
  readValues(source: string, periodKey: string): Promise<ImportedValue[]>;
  period(periodKey: string): ReportPeriod;
  /** The province: its observations are the KPI set's; its org code is the packet's sender. */
  province: { id: string; orgCode: string; name: string };
  mappings: MappingSet;
  seal: ExchangeServices['sealPacket'];
  send: (tx: SqlExecutor, packets: OutboundPacket[]) => Promise<string[]>;
  now: () => Date;
}

/** The column a ministry's figure for the period is in (the others are plans, year to date, ...). */
const PERIOD_COLUMN = 'THIS_PERIOD';

const parseKey = (key: string): Record<string, string> | undefined =>
  key ? Object.fromEntries(key.split(';').map((kv) => kv.split('=') as [string, string])) : undefined;

/**
 * The province's observations of one source and period: one per indicator × disaggregation, the
 * period's own column when the source sent several. Sorted, so the same data hashes the same.
 */
export function observationsOf(values: ImportedValue[], provinceId: string): KpiObservation[] {
  const chosen = new Map<string, ImportedValue>();
  for (const v of values) {
    if (v.orgUnitId !== provinceId) continue;
    const k = `${v.indicatorCode}|${v.disaggregationKey}`;
    const held = chosen.get(k);
    if (!held || (held.columnCode !== PERIOD_COLUMN && (v.columnCode === PERIOD_COLUMN || v.columnCode < held.columnCode)))
      chosen.set(k, v);
  }
  return [...chosen.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([, v]) => {
      const disaggregation = parseKey(v.disaggregationKey);
      return { indicatorCode: v.indicatorCode, value: v.value, unit: v.unit, ...(disaggregation ? { disaggregation } : {}) };
    });
}

/**
 * KPI data (dữ liệu chỉ tiêu) from what a ministry source sent for a period: mapped to national
 * codes and units, signed, queued in the outbox; versioned per source + period (an unchanged set
 * sends nothing, a changed one goes as version + 1). Concurrent pushes serialize on the row.
 */
export async function pushKpiData(deps: KpiPushDeps, source: string, periodKey: string): Promise<KpiPushResult> {
  const period = deps.period(periodKey);
  const observations = observationsOf(await deps.readValues(source, period.key), deps.province.id);
  const hash = createHash('sha256').update(canonicalJson(observations)).digest('hex');
  const orgCode = deps.province.orgCode;
  return deps.db.transaction(async (tx) => {
    await tx.query(
      `INSERT INTO exchange_kpi_pushes (source, period_key, org_code, version, content_hash, packet_id, pushed_at)
       VALUES ($1, $2, $3, 1, '', '', $4) ON CONFLICT DO NOTHING`,
      [source, period.key, orgCode, deps.now()],
    );
    const held = (
      await tx.query<{ version: number; content_hash: string; packet_id: string }>(
        'SELECT version, content_hash, packet_id FROM exchange_kpi_pushes WHERE source = $1 AND period_key = $2 AND org_code = $3 FOR UPDATE',
        [source, period.key, orgCode],
      )
    ).rows[0]!;
    const sent = held.packet_id !== '';
    const base = { source, periodKey: period.key, observations: observations.length };
    if ((sent && held.content_hash === hash) || observations.length === 0) return { ...base, version: sent ? held.version : 0, queued: [] };
    const version = sent ? held.version + 1 : 1;
    const input = kpiDataPacketInput(
      {
        source,
        version,
        reportingOrg: deps.province,
        period: {
          kind: period.kind,
          year: period.year,
          ...(period.index !== undefined ? { index: period.index } : {}),
          key: period.key,
          from: period.windowStart,
          to: period.windowEnd,
        },
        observations,
      },
      deps.mappings,
    );
    // Every observation was a province-only indicator: nothing national to tell.
    if (!input) return { ...base, version: sent ? held.version : 0, queued: [] };
    const packet = await deps.seal(input);
    const queued = await deps.send(tx, [packet]);
    await tx.query(
      `UPDATE exchange_kpi_pushes SET version = $4, content_hash = $5, packet_id = $6, pushed_at = $7
        WHERE source = $1 AND period_key = $2 AND org_code = $3`,
      [source, period.key, orgCode, version, hash, packet.packetId, deps.now()],
    );
    return { ...base, version, queued };
  });
}
