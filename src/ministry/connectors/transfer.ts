import type { ReportPeriod } from '../../core/approved-report.js';
import type { OrgUnit } from '../../core/org-units/types.js';
import type { MappingSet } from '../../exchange/mapping/mapping-set.js';
import { isExcluded } from '../../exchange/mapping/types.js';
import type { Principal } from '../../http/principal.js';
import { isAppError, ValidationError } from '../../shared/errors.js';
import { batchFromDocument } from '../inbound/document.js';
import type { MinistryImportService } from '../import-service.js';
import type { ApprovedValues } from '../../core/submissions/queries/approved-values.js';
import type { ImportSummary } from '../types.js';
import type { ConnectorDefinition } from './definition.js';
import type { ResolvedEndpoint } from './endpoint.js';
import { callMinistry } from './http.js';

/** The period as the ministry writes it (its period code from the mapping). */
export function externalPeriod(mapping: MappingSet, period: ReportPeriod): { kind: string; year: number; index?: number } {
  return {
    kind: mapping.periodToExternal(period.kind) ?? period.kind,
    year: period.year,
    ...(period.index !== undefined ? { index: period.index } : {}),
  };
}

/** Pull: the ministry's values for the period, kept to the connector's indicators, imported like a push. */
export async function pullValues(
  def: ConnectorDefinition,
  endpoint: ResolvedEndpoint,
  mapping: MappingSet,
  period: ReportPeriod,
  imports: MinistryImportService,
  principal: Principal,
): Promise<ImportSummary> {
  const p = externalPeriod(mapping, period);
  const query = new URLSearchParams({ kind: p.kind, year: String(p.year), ...(p.index !== undefined ? { index: String(p.index) } : {}) });
  const body = await callMinistry(endpoint, `/api/values?${query.toString()}`, { method: 'GET', timeoutMs: def.timeoutMs ?? 10_000 });
  const { batch } = batchFromDocument(body);
  const wanted = new Set(def.indicators.map((code) => mapping.rulesFor(code)[0]).flatMap((r) => (r && !isExcluded(r) ? [r.external] : [])));
  batch.rows = batch.rows.filter((r) => wanted.has(r.indicatorCode));
  batch.period ??= { key: period.key };
  return imports.importValues(
    principal,
    def.ministry,
    batch,
    { dryRun: false, atomic: def.atomic ?? true, importStrategy: 'CREATE_AND_UPDATE' },
    'connector',
  );
}

export interface PushDocument {
  /** Rows in the document (0: nothing to send). */
  rows: number;
  skipped: { orgUnitId: string; indicatorCode: string; columnCode: string; code: string; message: string }[];
  /** The JSON document as the ministry receives it. */
  body: string;
}

/** Push: the province's approved values of the period, mapped to the ministry's codes and units, as the document to queue. */
export async function pushDocument(
  def: ConnectorDefinition,
  mapping: MappingSet,
  period: ReportPeriod,
  approved: ApprovedValues,
  units: OrgUnit[],
  unitOf: (indicator: string) => string | undefined,
): Promise<PushDocument> {
  const byId = new Map(units.map((u) => [u.id, u]));
  const cells = await approved.cells(period.key, new Set(byId.keys()), new Set(def.indicators));
  const rows: Record<string, unknown>[] = [];
  const skipped: PushDocument['skipped'] = [];
  for (const c of cells) {
    try {
      const rule = mapping.indicatorToExternal(c.indicatorCode);
      if (!rule || isExcluded(rule))
        throw new ValidationError('MAPPING_MISSING', `Indicator ${c.indicatorCode} is not mapped to ${def.ministry}`);
      const column = mapping.columnToExternal(c.columnCode) ?? c.columnCode;
      const fixed = mapping.columnUnit(c.columnCode);
      const unit = fixed ?? rule.unit;
      const value = c.value === null || fixed ? c.value : mapping.valueToExternal(rule, c.value, unitOf(c.indicatorCode) ?? rule.unit);
      const disaggregation = c.disaggregation ? mapping.disaggregationToExternal(c.disaggregation) : undefined;
      rows.push({
        indicatorCode: rule.external,
        sourceIndicatorCode: c.indicatorCode,
        column,
        value,
        unit,
        orgCode: byId.get(c.orgUnitId)!.orgCode,
        ...(disaggregation ? { disaggregation } : {}),
      });
    } catch (err) {
      if (!isAppError(err)) throw err;
      const code = err.code;
      skipped.push({
        orgUnitId: c.orgUnitId,
        indicatorCode: c.indicatorCode,
        columnCode: c.columnCode,
        code,
        message: (err as Error).message,
      });
    }
  }
  const document = { packetType: 'report-data', source: 'province', payload: { period: externalPeriod(mapping, period), rows } };
  return { rows: rows.length, skipped, body: JSON.stringify(document) };
}
