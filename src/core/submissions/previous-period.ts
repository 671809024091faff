/**
 * The period before `key` of the same kind (`2027-M01` → `2026-M12`, `2027-Q1` → `2026-Q4`,
 * `2027-H2` → `2027-H1`, `2027-9M` / `2027-Y` → the year before); null for an ad hoc period,
 * which has no previous one to compare with.
 */
export function previousPeriodKey(key: string): string | null {
  const m = /^(\d{4})-(M(\d{2})|Q([1-4])|H([12])|9M|Y)$/.exec(key);
  if (!m) return null;
  const year = Number(m[1]);
  if (m[3]) {
    const month = Number(m[3]);
    return month === 1 ? `${year - 1}-M12` : `${year}-M${String(month - 1).padStart(2, '0')}`;
  }
  if (m[4]) return m[4] === '1' ? `${year - 1}-Q4` : `${year}-Q${Number(m[4]) - 1}`;
  if (m[5]) return m[5] === '1' ? `${year - 1}-H2` : `${year}-H1`;
  return `${year - 1}-${m[2]}`;
}

/** The same period a year before (`2027-M03` → `2026-M03`); null for an ad hoc period. */
export function samePeriodLastYear(key: string): string | null {
  const m = /^(\d{4})-(M\d{2}|Q[1-4]|H[12]|9M|Y)$/.exec(key);
  return m ? `${Number(m[1]) - 1}-${m[2]}` : null;
}
