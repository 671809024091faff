/**
 * Organisation units (cơ quan, đơn vị, địa phương): province → departments / districts →
 * communes. Depth 2 or 3: Vietnam abolished the district level on 1 July 2025.
 */
export type OrgUnitKind = 'province' | 'department' | 'district' | 'commune';

export interface OrgUnit {
  id: string;
  /** Current electronic organisation code (mã định danh), QCVN 102 or QĐ 20/2020 format. */
  orgCode: string;
  name: string;
  kind: OrgUnitKind;
  /** Null for the root (the province). */
  parentId: string | null;
  active: boolean;
  /** True for demo data (real codes are not public). */
  sample: boolean;
}

export interface OrgUnitTreeNode extends OrgUnit {
  children: OrgUnitTreeNode[];
}

/** One period of an org unit under a parent; validTo is exclusive, null while current. */
export interface ParentPeriod {
  orgUnitId: string;
  parentId: string | null;
  /** ISO date, inclusive. */
  validFrom: string;
  /** ISO date, exclusive; null while current. */
  validTo: string | null;
}

/** One period of an org code; codes are data with validity (QCVN 102 and QĐ 20/2020 coexist). */
export interface OrgCodePeriod {
  orgUnitId: string;
  orgCode: string;
  validFrom: string;
  validTo: string | null;
}

/** Old → new unit after a merger (e.g. communes merged on 1 July 2025). */
export interface OrgUnitTransition {
  fromUnitId: string;
  toUnitId: string;
  effectiveOn: string;
  note?: string;
}

export interface NewOrgUnit {
  id?: string;
  orgCode: string;
  name: string;
  kind: OrgUnitKind;
  parentId: string | null;
  sample?: boolean;
  /** ISO date the unit exists from (default: today). */
  validFrom?: string;
}

export interface OrgUnitPatch {
  name?: string;
  orgCode?: string;
  active?: boolean;
  /** ISO date a new org code takes effect (default: today). */
  effectiveOn?: string;
}
