/** One cell on either side of a reconciliation, in provincial codes and units. */
export interface ReconcileCell {
  orgUnitId: string;
  indicatorCode: string;
  columnCode: string;
  disaggregationKey: string;
  value: number | null;
}

export type DifferenceKind = 'value_differs' | 'missing_in_source' | 'missing_in_province';

export interface Difference {
  kind: DifferenceKind;
  orgUnitId: string;
  indicatorCode: string;
  columnCode: string;
  disaggregationKey: string;
  provinceValue: number | null;
  sourceValue: number | null;
  /** source − province, when both are numbers. */
  delta: number | null;
}

const keyOf = (c: ReconcileCell) => `${c.orgUnitId}\u001f${c.indicatorCode}\u001f${c.columnCode}\u001f${c.disaggregationKey}`;

/**
 * Compares the province's approved cells with a source system's (đối soát). Pure. Values equal
 * within `tolerance` (absolute; unit conversions leave float noise) match; differences come
 * back sorted by unit, indicator, column, disaggregation so reports are stable.
 */
export function compareCells(
  province: ReconcileCell[],
  source: ReconcileCell[],
  tolerance = 1e-9,
): { matched: number; differences: Difference[] } {
  const theirs = new Map(source.map((c) => [keyOf(c), c]));
  const differences: Difference[] = [];
  let matched = 0;
  for (const p of province) {
    const k = keyOf(p);
    const s = theirs.get(k);
    theirs.delete(k);
    const base = {
      orgUnitId: p.orgUnitId,
      indicatorCode: p.indicatorCode,
      columnCode: p.columnCode,
      disaggregationKey: p.disaggregationKey,
      provinceValue: p.value,
    };
    if (!s) {
      differences.push({ ...base, kind: 'missing_in_source', sourceValue: null, delta: null });
      continue;
    }
    const same = p.value === null || s.value === null ? p.value === s.value : Math.abs(p.value - s.value) <= tolerance;
    if (same) matched += 1;
    else
      differences.push({
        ...base,
        kind: 'value_differs',
        sourceValue: s.value,
        delta: p.value === null || s.value === null ? null : Number((s.value - p.value).toPrecision(12)),
      });
  }
  for (const s of theirs.values()) {
    differences.push({
      kind: 'missing_in_province',
      orgUnitId: s.orgUnitId,
      indicatorCode: s.indicatorCode,
      columnCode: s.columnCode,
      disaggregationKey: s.disaggregationKey,
      provinceValue: null,
      sourceValue: s.value,
      delta: null,
    });
  }
  const order = (d: Difference) => `${d.orgUnitId}\u001f${d.indicatorCode}\u001f${d.columnCode}\u001f${d.disaggregationKey}`;
  differences.sort((a, b) => order(a).localeCompare(order(b)));
  return { matched, differences };
}
