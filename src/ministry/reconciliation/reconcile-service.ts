import type { CoreServices } from '../../core/core-services.js';
import { parsePeriodKey } from '../../core/calendar/index.js';
import { disaggregationKey } from '../../core/submissions/types.js';
import { isExcluded } from '../../exchange/mapping/types.js';
import type { Principal } from '../../http/principal.js';
import type { Database } from '../../store/database.js';
import { ForbiddenError } from '../../shared/errors.js';
import type { MinistryImportService } from '../import-service.js';
import { listMinistryValues, type StoredMinistryValue } from '../store/value-repository.js';
import type { ApprovedValues } from '../../core/submissions/queries/approved-values.js';
import { compareCells, type Difference, type ReconcileCell } from './compare.js';

export interface ReconciliationReport {
  source: string;
  period: string;
  generatedAt: string;
  /** Cells on the province's side (approved reports, indicators of the source's mapping). */
  provinceCells: number;
  sourceCells: number;
  matched: number;
  counts: Record<Difference['kind'], number>;
  differences: (Difference & { orgCode: string; orgUnitName: string; indicatorName: string; unit: string })[];
}

/** Reconciliation (đối soát): the province's approved values against a source system's, for a period. */
export class ReconcileService {
  constructor(
    private readonly db: Database,
    private readonly core: CoreServices,
    /** The submissions area's read service: the province's side, never its tables. */
    private readonly approved: ApprovedValues,
    private readonly imports: MinistryImportService,
    private readonly now: () => Date,
  ) {}

  async report(principal: Principal, periodKey: string, source: string, tolerance?: number): Promise<ReconciliationReport> {
    this.authorize(principal, source);
    const mapping = this.imports.mappingFor(source);
    const period = parsePeriodKey(periodKey).key;
    const indicators = new Set(mapping.indicatorRules.filter((r) => !isExcluded(r)).map((r) => r.provincial));
    const units = new Map((await this.core.orgUnits.subtree(principal.orgUnitId)).map((u) => [u.id, u]));
    const province: ReconcileCell[] = (await this.approved.cells(period, new Set(units.keys()), indicators)).map((c) => ({
      orgUnitId: c.orgUnitId,
      indicatorCode: c.indicatorCode,
      columnCode: c.columnCode,
      disaggregationKey: disaggregationKey(c.disaggregation),
      value: c.value,
    }));
    const theirs = (await listMinistryValues(this.db, source, period, [...units.keys()])).filter((v) => indicators.has(v.indicatorCode));
    const { matched, differences } = compareCells(province, theirs, tolerance);
    const catalog = new Map((await this.core.indicators.list()).map((i) => [i.code, i]));
    const counts = { value_differs: 0, missing_in_source: 0, missing_in_province: 0 };
    for (const d of differences) counts[d.kind] += 1;
    return {
      source,
      period,
      generatedAt: this.now().toISOString(),
      provinceCells: province.length,
      sourceCells: theirs.length,
      matched,
      counts,
      differences: differences.map((d) => ({
        ...d,
        orgCode: units.get(d.orgUnitId)?.orgCode ?? '',
        orgUnitName: units.get(d.orgUnitId)?.name ?? d.orgUnitId,
        indicatorName: catalog.get(d.indicatorCode)?.name ?? d.indicatorCode,
        unit: catalog.get(d.indicatorCode)?.unit ?? '',
      })),
    };
  }

  /** What a source sent for a period, for the caller's subtree (same roles as the report). */
  async sourceValues(principal: Principal, periodKey: string, source: string): Promise<StoredMinistryValue[]> {
    this.authorize(principal, source);
    this.imports.mappingFor(source);
    const units = await this.core.orgUnits.subtree(principal.orgUnitId);
    return listMinistryValues(
      this.db,
      source,
      parsePeriodKey(periodKey).key,
      units.map((u) => u.id),
    );
  }

  /** Admins, ops and leaders (their subtree); a ministry client for its own ministry only. */
  private authorize(principal: Principal, source: string): void {
    if (principal.roles.some((r) => r === 'admin' || r === 'ops' || r === 'leader')) return;
    if (principal.roles.includes('ministry_client') && principal.ministryCode === source) return;
    throw new ForbiddenError('ROLE_FORBIDDEN', "Requires one of the roles: admin, ops, leader (or the source ministry's client)", {
      required: ['admin', 'ops', 'leader'],
    });
  }
}
