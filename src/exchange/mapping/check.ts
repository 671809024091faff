import type { PeriodKind } from '../../core/approved-report.js';
import type { MappingSet } from './mapping-set.js';
import { isExcluded, type MappedIndicator } from './types.js';

/** What the check needs of the provincial catalog (fixtures file or database, same shape). */
export interface CatalogIndicator {
  code: string;
  unit: string;
  periodicity: PeriodKind[];
  disaggregations?: string[];
}

/** What the check needs of a form: its rows' units, its columns, and whether it goes national. */
export interface CatalogForm {
  code: string;
  regimeCode: string;
  national: boolean;
  periodKinds: PeriodKind[];
  rows: { indicatorCode: string; unit: string }[];
  columns: { code: string }[];
}

export type MappingProblemKind =
  'unmapped' | 'ambiguous' | 'unit-incompatible' | 'unknown-indicator' | 'period-unmapped' | 'column-unmapped' | 'disaggregation-unmapped';

export interface MappingProblem {
  kind: MappingProblemKind;
  system: string;
  /** The provincial (or external, for reverse ambiguity) code concerned. */
  code: string;
  message: string;
}

export interface MappingCheckReport {
  system: string;
  version: string;
  mapped: number;
  /** Intentionally unmapped (e.g. province-only indicators): listed, not an error. */
  excluded: { code: string; reason: string }[];
  problems: MappingProblem[];
}

function unitProblems(set: MappingSet, rule: MappedIndicator, units: { unit: string; where: string }[]): MappingProblem[] {
  return units
    .filter((u) => !set.units.compatible(u.unit, rule.unit))
    .map((u) => ({
      kind: 'unit-incompatible' as const,
      system: set.system,
      code: rule.provincial,
      message: `${u.where} unit "${u.unit}" cannot convert to ${set.system} unit "${rule.unit}" of ${rule.external} (add a units rule)`,
    }));
}

function ambiguityProblems(set: MappingSet, codes: Iterable<string>): MappingProblem[] {
  const out: MappingProblem[] = [];
  for (const code of new Set(codes)) {
    const n = set.rulesFor(code).length;
    if (n > 1) out.push({ kind: 'ambiguous', system: set.system, code, message: `${code} has ${n} rules in ${set.system} mappings` });
  }
  for (const rule of set.indicatorRules) {
    if (isExcluded(rule)) continue;
    const sources = set.rulesForExternal(rule.external).map((r) => r.provincial);
    if (sources.length > 1 && sources[0] === rule.provincial && set.rulesFor(rule.provincial).length === 1) {
      out.push({
        kind: 'ambiguous',
        system: set.system,
        code: rule.external,
        message: `${set.system} code ${rule.external} maps back to ${sources.join(', ')}`,
      });
    }
  }
  return out;
}

function pairProblems(
  set: MappingSet,
  kind: 'period-unmapped' | 'column-unmapped',
  wanted: Iterable<string>,
  rules: { provincial: string }[],
): MappingProblem[] {
  const what = kind === 'period-unmapped' ? 'period kind' : 'form column';
  const out: MappingProblem[] = [];
  for (const code of new Set(wanted)) {
    const n = rules.filter((r) => r.provincial === code).length;
    if (n === 0) out.push({ kind, system: set.system, code, message: `${what} ${code} has no ${set.system} mapping` });
    if (n > 1) out.push({ kind: 'ambiguous', system: set.system, code, message: `${what} ${code} is mapped ${n} times` });
  }
  return out;
}

/**
 * Lists unmapped, ambiguous and unit-incompatible rows of one system's mappings against the
 * provincial catalog and forms. Pure: the CLI and the module feed it files or database rows.
 */
export function checkMappings(set: MappingSet, indicators: readonly CatalogIndicator[], forms: readonly CatalogForm[]): MappingCheckReport {
  const catalog = new Map(indicators.map((i) => [i.code, i]));
  const all = set.coverage === 'all';
  const problems: MappingProblem[] = [];
  const excluded: { code: string; reason: string }[] = [];
  let mapped = 0;
  const periods: string[] = [];
  const dimensions: string[] = [];

  const required = all ? [...catalog.keys()] : set.indicatorRules.map((r) => r.provincial);
  for (const code of new Set(required)) {
    const rules = set.rulesFor(code);
    const ind = catalog.get(code);
    if (!ind) {
      problems.push({
        kind: 'unknown-indicator',
        system: set.system,
        code,
        message: `${code} is mapped but not in the provincial catalog`,
      });
      continue;
    }
    if (rules.length === 0) {
      problems.push({
        kind: 'unmapped',
        system: set.system,
        code,
        message: `${code} has no ${set.system} mapping (map it or mark it excluded with a reason)`,
      });
      continue;
    }
    if (rules.length > 1) continue;
    const rule = rules[0]!;
    if (isExcluded(rule)) {
      excluded.push({ code, reason: rule.reason });
      continue;
    }
    mapped += 1;
    const rowUnits = forms
      .filter((f) => f.national || !all)
      .flatMap((f) => f.rows.filter((r) => r.indicatorCode === code).map((r) => ({ unit: r.unit, where: `form ${f.code}` })));
    problems.push(...unitProblems(set, rule, [{ unit: ind.unit, where: 'catalog' }, ...rowUnits]));
    periods.push(...ind.periodicity);
    dimensions.push(...(ind.disaggregations ?? []));
  }
  if (all) {
    for (const f of forms.filter((x) => x.national)) {
      periods.push(...f.periodKinds);
      for (const row of f.rows) {
        if (!catalog.has(row.indicatorCode)) {
          problems.push({
            kind: 'unknown-indicator',
            system: set.system,
            code: row.indicatorCode,
            message: `form ${f.code} uses ${row.indicatorCode}, not in the provincial catalog`,
          });
        }
      }
    }
    problems.push(...pairProblems(set, 'period-unmapped', periods, set.periodRules));
    problems.push(
      ...pairProblems(
        set,
        'column-unmapped',
        forms.filter((f) => f.national).flatMap((f) => f.columns.map((c) => c.code)),
        set.columnRules,
      ),
    );
    for (const dim of new Set(dimensions)) {
      if (!set.disaggregationRules.some((d) => d.provincial === dim)) {
        problems.push({
          kind: 'disaggregation-unmapped',
          system: set.system,
          code: dim,
          message: `disaggregation dimension ${dim} has no ${set.system} mapping`,
        });
      }
    }
  }
  problems.push(
    ...ambiguityProblems(
      set,
      set.indicatorRules.map((r) => r.provincial),
    ),
  );
  return { system: set.system, version: set.version, mapped, excluded, problems };
}
