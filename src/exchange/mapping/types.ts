import type { PeriodKind } from '../../core/approved-report.js';

/** The JSON document under mappings/ (contract: contracts/mappings/mapping.schema.json). */
export const MAPPING_SCHEMA_ID = 'https://lienthong.gov.vn/contracts/mappings/mapping.schema.json';

export interface UnitRule {
  provincial: string;
  external: string;
  /** external value = provincial value × factor (triệu đồng → tỷ đồng: 0.001). */
  factor: number;
}

export interface CodePair<P extends string = string> {
  provincial: P;
  external: string;
}

/** A form column; `unit` fixes the unit of its values (ratio columns: %), so no conversion applies. */
export interface ColumnRule extends CodePair {
  unit?: string;
}

export interface DisaggregationRule {
  /** Provincial dimension, e.g. gender. */
  provincial: string;
  /** External dimension, e.g. GIOI_TINH. */
  external: string;
  /** Provincial value → external value, e.g. { F: 'NU' }. */
  values: Record<string, string>;
}

export interface MappedIndicator {
  provincial: string;
  external: string;
  /** The external system's unit for this indicator. */
  unit: string;
  name?: string;
}

/** A provincial indicator deliberately kept out of the external system (e.g. province-only LC… codes). */
export interface ExcludedIndicator {
  provincial: string;
  excluded: true;
  reason: string;
}

export type IndicatorRule = MappedIndicator | ExcludedIndicator;

export interface MappingDocument {
  system: string;
  version: string;
  validFrom?: string;
  description?: string;
  sample?: boolean;
  coverage: 'all' | 'listed';
  units?: UnitRule[];
  periods?: CodePair<PeriodKind>[];
  columns?: ColumnRule[];
  disaggregations?: DisaggregationRule[];
  indicators: IndicatorRule[];
}

/** A loaded document plus where it came from (for messages naming the file). */
export interface SourcedMappingDocument {
  file: string;
  document: MappingDocument;
}

export function isExcluded(rule: IndicatorRule): rule is ExcludedIndicator {
  return 'excluded' in rule && rule.excluded === true;
}
