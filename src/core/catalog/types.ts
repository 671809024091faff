import type { PeriodKind } from '../approved-report.js';
import type { RegimeRouting } from '../submissions/routing.js';

/** The 9 fields (lĩnh vực) of the Government indicator set, QĐ 293/QĐ-TTg. */
export const INDICATOR_FIELDS = [
  'population_labour',
  'economy_investment',
  'agriculture_environment',
  'industry_construction',
  'trade_services',
  'transport_communications',
  'education_science',
  'health_social',
  'culture_sport_order',
] as const;
export type IndicatorField = (typeof INDICATOR_FIELDS)[number];

export type IndicatorCatalog = 'national' | 'provincial';

/** Chỉ tiêu: one measured quantity. The same code always means the same concept and unit. */
export interface Indicator {
  code: string;
  name: string;
  /** Đơn vị tính, e.g. "tỷ đồng", "%", "người". */
  unit: string;
  /** Calculation method (phương pháp tính). */
  method: string;
  periodicity: PeriodKind[];
  responsibleOrgUnitId: string | null;
  catalog: IndicatorCatalog;
  field: IndicatorField;
  /** Ministry that owns the indicator; scopes ministry clients. */
  ministryCode: string | null;
  /** Disaggregation dimensions allowed (phân tổ), e.g. ["gender", "area"]. */
  disaggregations: string[];
  /** In the indicator library (kho chỉ tiêu mẫu). */
  template: boolean;
  sample: boolean;
}

export type NewIndicator = Omit<Indicator, 'responsibleOrgUnitId' | 'ministryCode' | 'disaggregations' | 'template' | 'sample' | 'method'> &
  Partial<Pick<Indicator, 'responsibleOrgUnitId' | 'ministryCode' | 'disaggregations' | 'template' | 'sample' | 'method'>>;

export type IndicatorPatch = Partial<Omit<Indicator, 'code' | 'unit'>>;

export interface IndicatorFilter {
  catalog?: IndicatorCatalog;
  field?: IndicatorField;
  template?: boolean;
  ministryCode?: string;
  /** Substring of code or name, case-insensitive. */
  q?: string;
}

export type RegimeType = 'periodic' | 'thematic' | 'ad_hoc';

/** Deadline as data: n working days after the cut-off window ends. */
export interface RegimeDeadlineRule {
  workingDaysAfterCutoff: number;
}

/** Who must report: all units of some kinds, or an explicit list. */
export type RegimeAssignees = { kinds: ('province' | 'department' | 'district' | 'commune')[] } | { orgUnitIds: string[] };

/** Chế độ báo cáo: a mandated reporting obligation. */
export interface ReportRegime {
  code: string;
  name: string;
  type: RegimeType;
  /** Periodic regimes: the period kinds reported (e.g. ["month"]). */
  periodKinds: PeriodKind[];
  deadlineRule: RegimeDeadlineRule;
  assignees: RegimeAssignees;
  /** The unit receiving the reports (default: the province root). */
  receiverOrgUnitId: string | null;
  /** Approval immediately dispatches to the receiver (default true). */
  autoDispatch: boolean;
  /** Reports go on to the national reporting system: by default only the receiver's consolidated report (see `routing`). */
  national: boolean;
  /** Receivers per unit kind and which reports go national, per form (data, not code). */
  routing: RegimeRouting;
  /** Step timeliness is measured at: 'sent' (first sent to the receiver, default) or 'submitted' (to the leader). */
  timelinessStep: 'sent' | 'submitted';
  /** Forms of this regime (forms whose regimeCode is this code). */
  formCodes: string[];
  sample: boolean;
}

export type NewRegime = Omit<
  ReportRegime,
  'formCodes' | 'receiverOrgUnitId' | 'autoDispatch' | 'national' | 'sample' | 'periodKinds' | 'routing' | 'timelinessStep'
> &
  Partial<Pick<ReportRegime, 'receiverOrgUnitId' | 'autoDispatch' | 'national' | 'sample' | 'periodKinds' | 'routing' | 'timelinessStep'>>;

/** A province's dispatch choices for a regime (`PATCH /regimes/{code}/routing`); what is absent stays. */
export interface RegimeDispatchChange {
  autoDispatch?: boolean;
  /** Replaces the regime's routing whole. */
  routing?: RegimeRouting;
}
