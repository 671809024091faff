import type { PeriodKind } from '../../core/approved-report.js';
import { ValidationError } from '../../shared/errors.js';
import type { MappingSet } from '../mapping/mapping-set.js';
import { isExcluded } from '../mapping/types.js';
import type { SubjectPacketInput } from './subject-packet.js';
import type { NationalPeriod, OrgRef } from './types.js';

/** One indicator observation that is not a form cell (e.g. fed by a ministry connector). */
export interface KpiObservation {
  indicatorCode: string;
  value: number | null;
  unit: string;
  disaggregation?: Record<string, string>;
}

export interface KpiDataInput {
  /** Where the observations come from (a ministry source, the province's KPI set): part of the subject. */
  source: string;
  period: { kind: PeriodKind; year: number; index?: number; key: string; from: string; to: string };
  reportingOrg: OrgRef & { id?: string };
  observations: KpiObservation[];
  /** Raised each time the observations of this source + period change. */
  version: number;
}

/**
 * KPI data (dữ liệu chỉ tiêu) in national terms: codes, units (converted), period and
 * disaggregation mapped; province-only indicators left out. Returns the sealable input, or
 * undefined when nothing national remains.
 */
export function kpiDataPacketInput(input: KpiDataInput, mappings: MappingSet): Omit<SubjectPacketInput, 'mappingVersion'> | undefined {
  const kind = mappings.periodToExternal(input.period.kind);
  if (!kind) throw new ValidationError('MAPPING_MISSING', `No national period code for ${input.period.kind}`, { field: 'period.kind' });
  const observations = input.observations.flatMap((o, i) => {
    const rule = mappings.indicatorToExternal(o.indicatorCode);
    if (!rule)
      throw new ValidationError('MAPPING_MISSING', `Indicator ${o.indicatorCode} has no national mapping`, {
        field: `observations/${i}/indicatorCode`,
      });
    if (isExcluded(rule)) return [];
    return [
      {
        indicatorCode: rule.external,
        unit: rule.unit,
        value: o.value === null ? null : mappings.valueToExternal(rule, o.value, o.unit || rule.unit),
        ...(o.disaggregation && Object.keys(o.disaggregation).length > 0
          ? { disaggregation: mappings.disaggregationToExternal(o.disaggregation) }
          : {}),
      },
    ];
  });
  if (observations.length === 0) return undefined;
  const p = input.period;
  const period: NationalPeriod = {
    kind,
    year: p.year,
    ...(p.index !== undefined ? { index: p.index } : {}),
    key: p.key,
    from: p.from,
    to: p.to,
  };
  return {
    packetType: 'kpi-data',
    subject: {
      kind: 'kpi',
      id: `${input.source}:${p.key}:${input.reportingOrg.orgCode}`,
      version: input.version,
      periodKey: p.key,
      ...(input.reportingOrg.id ? { orgUnitId: input.reportingOrg.id } : {}),
    },
    sender: { orgCode: input.reportingOrg.orgCode, name: input.reportingOrg.name },
    payload: { period, reportingOrg: { orgCode: input.reportingOrg.orgCode, name: input.reportingOrg.name }, observations },
    title: `Dữ liệu chỉ tiêu ${p.key} (${input.source}) - ${input.reportingOrg.name}`,
  };
}
