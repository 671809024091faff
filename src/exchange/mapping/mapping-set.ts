import type { PeriodKind } from '../../core/approved-report.js';
import { ValidationError } from '../../shared/errors.js';
import { UnitTable } from './units.js';
import {
  isExcluded,
  type CodePair,
  type ColumnRule,
  type DisaggregationRule,
  type ExcludedIndicator,
  type IndicatorRule,
  type MappedIndicator,
  type SourcedMappingDocument,
} from './types.js';

/** Rows indexed by a key; more than one row under a key is an ambiguity the check reports. */
function indexBy<T>(rows: readonly T[], key: (row: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const row of rows) {
    const k = key(row);
    const list = map.get(k);
    if (list) list.push(row);
    else map.set(k, [row]);
  }
  return map;
}

function single<T>(rows: T[] | undefined, what: string, code: string): T | undefined {
  if (!rows || rows.length === 0) return undefined;
  if (rows.length > 1) throw new ValidationError('MAPPING_AMBIGUOUS', `${what} "${code}" is mapped ${rows.length} times`, { what, code });
  return rows[0];
}

/**
 * Every mapping document of one external system (national, or one ministry), read in both
 * directions: provincial → external for outbound packets, external → provincial for imports.
 */
export class MappingSet {
  readonly units: UnitTable;
  readonly indicatorRules: IndicatorRule[];
  readonly periodRules: CodePair<PeriodKind>[];
  readonly columnRules: ColumnRule[];
  readonly disaggregationRules: DisaggregationRule[];
  private readonly byProvincial: Map<string, IndicatorRule[]>;
  private readonly byExternal: Map<string, MappedIndicator[]>;
  private readonly periodsByProvincial: Map<string, CodePair<PeriodKind>[]>;
  private readonly columnsByProvincial: Map<string, ColumnRule[]>;
  private readonly dimensionsByProvincial: Map<string, DisaggregationRule[]>;

  constructor(
    readonly system: string,
    readonly sources: readonly SourcedMappingDocument[],
  ) {
    const docs = sources.map((s) => s.document);
    this.units = new UnitTable(docs.flatMap((d) => d.units ?? []));
    this.indicatorRules = docs.flatMap((d) => d.indicators);
    this.periodRules = docs.flatMap((d) => d.periods ?? []);
    this.columnRules = docs.flatMap((d) => d.columns ?? []);
    this.disaggregationRules = docs.flatMap((d) => d.disaggregations ?? []);
    this.byProvincial = indexBy(this.indicatorRules, (r) => r.provincial);
    this.byExternal = indexBy(
      this.indicatorRules.filter((r): r is MappedIndicator => !isExcluded(r)),
      (r) => r.external,
    );
    // Indexed once: packet building looks these up per value.
    this.periodsByProvincial = indexBy(this.periodRules, (r) => r.provincial);
    this.columnsByProvincial = indexBy(this.columnRules, (r) => r.provincial);
    this.dimensionsByProvincial = indexBy(this.disaggregationRules, (r) => r.provincial);
  }

  /** Versions of the documents, e.g. "2026.1" or "2026.1+2026.3" when split over files; packets carry it. */
  get version(): string {
    return [...new Set(this.sources.map((s) => s.document.version))].sort().join('+');
  }

  get coverage(): 'all' | 'listed' {
    return this.sources.some((s) => s.document.coverage === 'all') ? 'all' : 'listed';
  }

  /** Rules for a provincial indicator (0, 1, or more when ambiguous). */
  rulesFor(provincialCode: string): IndicatorRule[] {
    return this.byProvincial.get(provincialCode) ?? [];
  }

  /** Rules pointing at an external indicator code. */
  rulesForExternal(externalCode: string): MappedIndicator[] {
    return this.byExternal.get(externalCode) ?? [];
  }

  /** provincial → external; undefined when unmapped; throws MAPPING_AMBIGUOUS. */
  indicatorToExternal(provincialCode: string): MappedIndicator | ExcludedIndicator | undefined {
    return single(this.byProvincial.get(provincialCode), 'Indicator', provincialCode);
  }

  /** external → provincial; undefined when unmapped; throws MAPPING_AMBIGUOUS. */
  indicatorToProvincial(externalCode: string): MappedIndicator | undefined {
    return single(this.byExternal.get(externalCode), 'External indicator', externalCode);
  }

  periodToExternal(kind: PeriodKind): string | undefined {
    return single(this.periodsByProvincial.get(kind), 'Period kind', kind)?.external;
  }

  periodToProvincial(external: string): PeriodKind | undefined {
    return single(
      this.periodRules.filter((p) => p.external === external),
      'External period kind',
      external,
    )?.provincial;
  }

  columnToExternal(code: string): string | undefined {
    return single(this.columnsByProvincial.get(code), 'Column', code)?.external;
  }

  /** The fixed unit of a column's values (e.g. % for PCT_SAME_PERIOD), if the mapping sets one. */
  columnUnit(code: string): string | undefined {
    return this.columnsByProvincial.get(code)?.[0]?.unit;
  }

  columnToProvincial(external: string): string | undefined {
    return single(
      this.columnRules.filter((c) => c.external === external),
      'External column',
      external,
    )?.provincial;
  }

  dimension(provincial: string): DisaggregationRule | undefined {
    return single(this.dimensionsByProvincial.get(provincial), 'Disaggregation', provincial);
  }

  /** Provincial disaggregation {gender: 'F'} → external {GIOI_TINH: 'NU'}; throws MAPPING_MISSING naming the dimension/value. */
  disaggregationToExternal(values: Record<string, string>): Record<string, string> {
    const out: Record<string, string> = {};
    for (const [dim, value] of Object.entries(values)) {
      const rule = this.dimension(dim);
      const mapped = rule?.values[value];
      if (!rule || mapped === undefined) {
        throw new ValidationError('MAPPING_MISSING', `No ${this.system} mapping for disaggregation ${dim}=${value}`, {
          system: this.system,
          dimension: dim,
          value,
        });
      }
      out[rule.external] = mapped;
    }
    return out;
  }

  /** External disaggregation back to provincial codes (imports). */
  disaggregationToProvincial(values: Record<string, string>): Record<string, string> {
    const out: Record<string, string> = {};
    for (const [dim, value] of Object.entries(values)) {
      const rule = single(
        this.disaggregationRules.filter((d) => d.external === dim),
        'External disaggregation',
        dim,
      );
      const entry = rule && Object.entries(rule.values).find(([, ext]) => ext === value);
      if (!rule || !entry) {
        throw new ValidationError('MAPPING_MISSING', `No ${this.system} mapping back for disaggregation ${dim}=${value}`, {
          system: this.system,
          dimension: dim,
          value,
        });
      }
      out[rule.provincial] = entry[0];
    }
    return out;
  }

  /** A provincial value in `unit` expressed in the external indicator's unit. */
  valueToExternal(rule: MappedIndicator, value: number, unit: string): number {
    return this.units.convert(value, unit, rule.unit, { indicator: rule.provincial, system: this.system });
  }

  /** An external value (in the rule's external unit) expressed in the provincial `unit`. */
  valueToProvincial(rule: MappedIndicator, value: number, unit: string): number {
    return this.units.convert(value, rule.unit, unit, { indicator: rule.provincial, system: this.system });
  }
}
