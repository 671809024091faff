import { parsePeriodKey, periodFor } from '../../core/calendar/index.js';
import type { PeriodKind } from '../../core/approved-report.js';
import type { Indicator } from '../../core/catalog/types.js';
import { disaggregationKey } from '../../core/submissions/types.js';
import { normalizeText } from '../../core/text/index.js';
import type { MappingSet } from '../../exchange/mapping/mapping-set.js';
import { normalizeUnit } from '../../exchange/mapping/units.js';
import { isAppError } from '../../shared/errors.js';
import type { ImportConflict, InboundBatch, InboundPeriod, InboundRow, ResolvedValue } from '../types.js';

/** Org codes the batch names: the unit's id and whether the caller may write for it. */
export type OrgLookup = ReadonlyMap<string, { id: string; inScope: boolean }>;

/** Everything resolution needs, loaded once per import so each row costs only map lookups. */
export interface ResolveContext {
  source: string;
  mapping: MappingSet;
  indicators: ReadonlyMap<string, Indicator>;
  orgs: OrgLookup;
  /** Ministry clients registered with an indicator list or pattern: the provincial codes they may send. */
  allowedIndicators?: ReadonlySet<string>;
}

const NO_DIMENSIONS = { values: {}, key: '' };

/** Memo keys built by hand: JSON.stringify per row costs more than the rest of resolving it. */
function periodMemoKey(p: InboundPeriod | undefined): string {
  if (!p) return '';
  return p.key !== undefined ? `k${p.key}` : `p${p.kind}|${p.year}|${p.index}`;
}

function dimensionMemoKey(d: Record<string, string>): string {
  let k = '';
  for (const name in d) k += `${name}\u001f${d[name]}\u001e`;
  return k;
}

const PROVINCIAL_KINDS: readonly string[] = ['month', 'quarter', 'half_year', 'nine_months', 'year'];
const DEFAULT_COLUMN = 'THIS_PERIOD';

/** A row-level refusal, caught per row and turned into a conflict. */
class RowConflict extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
  }
}

function memo<T>(cache: Map<string, T>, key: string, compute: () => T): T {
  let v = cache.get(key);
  if (v === undefined) {
    v = compute();
    cache.set(key, v);
  }
  return v;
}

/**
 * Translates rows from a ministry's codes and units into the provincial catalog. Pure: every
 * lookup comes from the context. Each refused row becomes a conflict naming the row and the
 * reason; the others come back resolved, in input order.
 */
export function resolveBatch(ctx: ResolveContext, batch: InboundBatch): { values: ResolvedValue[]; conflicts: ImportConflict[] } {
  const values: ResolvedValue[] = [];
  const conflicts: ImportConflict[] = [];
  const seen = new Map<string, number>();
  const periods = new Map<string, string | RowConflict>();
  const units = new Map<string, string | RowConflict>();
  const columns = new Map<string, string | RowConflict>();
  const dims = new Map<string, { values: Record<string, string>; key: string } | RowConflict>();
  const orThrow = <T>(v: T | RowConflict): T => {
    if (v instanceof RowConflict) throw v;
    return v;
  };
  for (const row of batch.rows) {
    try {
      const periodInput = row.period ?? batch.period;
      const periodKey = orThrow(memo(periods, periodMemoKey(periodInput), () => attempt(() => resolvePeriod(ctx.mapping, periodInput))));
      const orgUnitId = resolveOrg(ctx.orgs, row.orgCode ?? batch.orgCode);
      const rule = ctx.mapping.indicatorToProvincial(row.indicatorCode);
      if (!rule)
        throw new RowConflict('INDICATOR_UNMAPPED', `Indicator ${row.indicatorCode} is not in the ${ctx.source} mapping`, {
          indicator: row.indicatorCode,
        });
      const indicator = ctx.indicators.get(rule.provincial);
      if (!indicator)
        throw new RowConflict(
          'INDICATOR_UNKNOWN',
          `Indicator ${rule.provincial} (mapped from ${row.indicatorCode}) is not in the provincial catalog`,
          { indicator: rule.provincial },
        );
      if (ctx.allowedIndicators && !ctx.allowedIndicators.has(indicator.code)) {
        throw new RowConflict('INDICATOR_FORBIDDEN', `This client may not send indicator ${indicator.code}`, { indicator: indicator.code });
      }
      const columnCode = orThrow(memo(columns, row.column ?? '', () => attempt(() => resolveColumn(ctx.mapping, row.column))));
      const dim =
        row.disaggregation === undefined
          ? NO_DIMENSIONS
          : orThrow(
              memo(dims, dimensionMemoKey(row.disaggregation), () =>
                attempt(() => {
                  const values = resolveDisaggregation(ctx.mapping, row.disaggregation);
                  return { values, key: disaggregationKey(values) };
                }),
              ),
            );
      for (const d of Object.keys(dim.values)) {
        if (!indicator.disaggregations.includes(d)) {
          throw new RowConflict('DISAGGREGATION_UNKNOWN', `Indicator ${indicator.code} has no disaggregation "${d}"`, {
            indicator: indicator.code,
            dimension: d,
            allowed: indicator.disaggregations,
          });
        }
      }
      const rowUnit =
        row.unit === undefined ? undefined : orThrow(memo(units, row.unit, () => attempt(() => normalizeText(row.unit!, 'unit'))));
      const { value, unit } = convertValue(ctx.mapping, row, rowUnit, rule.unit, indicator, columnCode);
      const resolved: ResolvedValue = {
        row: row.row,
        orgUnitId,
        indicatorCode: indicator.code,
        periodKey,
        columnCode,
        disaggregationKey: dim.key,
        value,
        unit,
      };
      const key = `${orgUnitId}\u0000${indicator.code}\u0000${periodKey}\u0000${columnCode}\u0000${resolved.disaggregationKey}`;
      const first = seen.get(key);
      if (first !== undefined)
        throw new RowConflict('DUPLICATE_ROW', `Row ${row.row} repeats the cell of row ${first}`, { firstRow: first });
      seen.set(key, row.row);
      values.push(resolved);
    } catch (err) {
      conflicts.push(toConflict(row, err));
    }
  }
  return { values, conflicts };
}

function attempt<T>(fn: () => T): T | RowConflict {
  try {
    return fn();
  } catch (err) {
    if (err instanceof RowConflict) return err;
    if (isAppError(err)) return new RowConflict(err.code, err.message, err.details as Record<string, unknown> | undefined);
    throw err;
  }
}

function toConflict(row: InboundRow, err: unknown): ImportConflict {
  if (err instanceof RowConflict)
    return { row: row.row, code: err.code, message: err.message, ...(err.details ? { details: err.details } : {}) };
  if (isAppError(err))
    return { row: row.row, code: err.code, message: err.message, details: err.details as Record<string, unknown> | undefined };
  throw err;
}

function resolvePeriod(mapping: MappingSet, p: InboundPeriod | undefined): string {
  if (!p) throw new RowConflict('PERIOD_MISSING', 'No period given for the row or the batch');
  if (p.key) return parsePeriodKey(p.key).key;
  if (!p.kind || p.year === undefined) throw new RowConflict('PERIOD_INVALID', 'A period needs a key, or a kind and a year', { period: p });
  const kind = (mapping.periodToProvincial(p.kind) ?? (PROVINCIAL_KINDS.includes(p.kind) ? p.kind : undefined)) as PeriodKind | undefined;
  if (!kind || kind === 'ad_hoc') throw new RowConflict('PERIOD_INVALID', `Unknown period kind "${p.kind}"`, { kind: p.kind });
  if ((kind === 'month' || kind === 'quarter') && p.index === undefined)
    throw new RowConflict('PERIOD_INVALID', `Period kind ${p.kind} needs an index`, { kind: p.kind });
  return periodFor(kind, p.year, kind === 'month' || kind === 'quarter' ? p.index : undefined).key;
}

function resolveOrg(orgs: OrgLookup, orgCode: string | undefined): string {
  if (!orgCode) throw new RowConflict('ORG_UNIT_MISSING', 'No orgCode given for the row or the batch');
  const org = orgs.get(orgCode);
  if (!org) throw new RowConflict('ORG_UNIT_UNKNOWN', `No org unit with code ${orgCode}`, { orgCode });
  if (!org.inScope) throw new RowConflict('ORG_SCOPE_FORBIDDEN', `Org unit ${orgCode} is outside the caller's unit`, { orgCode });
  return org.id;
}

function resolveColumn(mapping: MappingSet, column: string | undefined): string {
  if (column === undefined) return DEFAULT_COLUMN;
  const mapped = mapping.columnToProvincial(column);
  if (mapped) return mapped;
  // A mapping without column rules leaves codes as sent; one with rules lists every accepted code.
  if (mapping.columnRules.length === 0 && /^[A-Z0-9_]{1,32}$/.test(column)) return column;
  throw new RowConflict('COLUMN_UNKNOWN', `Column "${column}" is not in the mapping`, { column });
}

function resolveDisaggregation(mapping: MappingSet, d: Record<string, string> | undefined): Record<string, string> {
  if (!d || Object.keys(d).length === 0) return {};
  try {
    return mapping.disaggregationToProvincial(d);
  } catch (err) {
    if (isAppError(err)) throw new RowConflict('DISAGGREGATION_UNKNOWN', err.message, err.details as Record<string, unknown>);
    throw err;
  }
}

function parseValue(raw: number | string | null): number | null {
  if (raw === null) return null;
  const n = typeof raw === 'number' ? raw : /^\s*-?\d+(\.\d+)?\s*$/.test(raw) ? Number(raw) : Number.NaN;
  if (!Number.isFinite(n)) throw new RowConflict('VALUE_NOT_NUMBER', `Value "${String(raw)}" is not a number`, { value: raw });
  return n;
}

/** Brings the value into the provincial unit; a unit the mapping cannot convert is a conflict, never a guess. */
function convertValue(
  mapping: MappingSet,
  row: InboundRow,
  rowUnit: string | undefined,
  ruleUnit: string,
  indicator: Indicator,
  column: string,
): { value: number | null; unit: string } {
  const value = parseValue(row.value);
  const fixed = mapping.columnUnit(column);
  if (fixed) {
    if (rowUnit !== undefined && normalizeUnit(rowUnit) !== normalizeUnit(fixed)) {
      throw new RowConflict('UNIT_MISMATCH', `Column ${column} is in ${fixed}, not ${rowUnit}`, {
        column,
        expected: fixed,
        actual: rowUnit,
      });
    }
    return { value, unit: fixed };
  }
  const from = rowUnit ?? ruleUnit;
  const factor = mapping.units.factor(from, indicator.unit);
  if (factor === undefined) {
    throw new RowConflict(
      'UNIT_MISMATCH',
      `Indicator ${row.indicatorCode} is reported in ${ruleUnit}; "${from}" cannot be converted to ${indicator.unit}`,
      {
        indicator: row.indicatorCode,
        expected: ruleUnit,
        actual: from,
        provincialUnit: indicator.unit,
      },
    );
  }
  return { value: value === null || factor === 1 ? value : Number((value * factor).toPrecision(12)), unit: indicator.unit };
}
