import type { ApprovedReport, ReportList, ReportValue } from '../../core/approved-report.js';
import { ValidationError } from '../../shared/errors.js';
import type { MappingSet } from '../mapping/mapping-set.js';
import { isExcluded } from '../mapping/types.js';
import type { NationalPeriod } from './types.js';

/**
 * Maps the provincial content of an approved report to the national profile's payloads.
 * Pure: the mapping set and report in, plain objects out; errors name the row or field.
 */
export function nationalPeriod(report: ApprovedReport, mappings: MappingSet): NationalPeriod {
  const p = report.period;
  const kind = mappings.periodToExternal(p.kind);
  if (!kind) throw new ValidationError('MAPPING_MISSING', `No national period code for ${p.kind}`, { field: 'period.kind', value: p.kind });
  return { kind, year: p.year, ...(p.index !== undefined ? { index: p.index } : {}), key: p.key, from: p.windowStart, to: p.windowEnd };
}

export function reportHeader(report: ApprovedReport, mappings: MappingSet): Record<string, unknown> {
  return {
    submissionId: report.submissionId,
    version: report.version,
    kind: report.kind,
    regimeCode: report.form.regimeCode,
    formCode: report.form.code,
    formName: report.form.name,
    period: nationalPeriod(report, mappings),
    reportingOrg: { orgCode: report.orgUnit.orgCode, name: report.orgUnit.name },
    approvedBy: report.approvedBy,
    approvedAt: report.approvedAt,
    ...(report.deadline ? { deadline: report.deadline } : {}),
  };
}

function mapRow(v: ReportValue, index: number, mappings: MappingSet): Record<string, unknown> | null {
  const rule = mappings.indicatorToExternal(v.indicatorCode);
  const where = { row: index, indicatorCode: v.indicatorCode, columnCode: v.columnCode };
  if (!rule)
    throw new ValidationError('MAPPING_MISSING', `Indicator ${v.indicatorCode} has no national mapping`, {
      field: `values/${index}/indicatorCode`,
      ...where,
    });
  if (isExcluded(rule)) return null;
  const column = mappings.columnToExternal(v.columnCode);
  if (!column)
    throw new ValidationError('MAPPING_MISSING', `Column ${v.columnCode} has no national mapping`, {
      field: `values/${index}/columnCode`,
      ...where,
    });
  const fixedUnit = mappings.columnUnit(v.columnCode);
  const unit = fixedUnit ?? rule.unit;
  const value = v.value === null || fixedUnit ? v.value : mappings.valueToExternal(rule, v.value, v.unit || rule.unit);
  return {
    indicatorCode: rule.external,
    sourceIndicatorCode: v.indicatorCode,
    column,
    value,
    unit,
    ...(v.disaggregation && Object.keys(v.disaggregation).length > 0
      ? { disaggregation: mappings.disaggregationToExternal(v.disaggregation) }
      : {}),
  };
}

/** Columns (code, label, unit) and records of a list-report-data payload; the column types stay in the core. */
export function listPayload(list: ReportList): Record<string, unknown> {
  return {
    columns: list.columns.map((c) => ({ code: c.code, label: c.label, ...(c.unit ? { unit: c.unit } : {}) })),
    records: list.records.map((r) => ({ rowNo: r.rowNo, values: r.values })),
  };
}

/** Rows of a report-data payload; excluded (province-only) indicators are left out. */
export function reportDataRows(report: ApprovedReport, mappings: MappingSet): Record<string, unknown>[] {
  return report.values.flatMap((v, i) => {
    const row = mapRow(v, i, mappings);
    return row ? [row] : [];
  });
}
