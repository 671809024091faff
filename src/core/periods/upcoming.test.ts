import { describe, expect, it } from 'vitest';
import { currentAndNextPeriods } from './upcoming.js';

describe('currentAndNextPeriods', () => {
  it('gives the month whose cut-off window is open, then the next one', () => {
    // 23 Nov 2026 is inside the December window (15/11 → 14/12).
    expect(currentAndNextPeriods('month', '2026-11-23').map((p) => p.key)).toEqual(['2026-M12', '2027-M01']);
    // The 14th is still the current window's last day.
    expect(currentAndNextPeriods('month', '2027-01-14').map((p) => p.key)).toEqual(['2027-M01', '2027-M02']);
    expect(currentAndNextPeriods('month', '2027-01-15').map((p) => p.key)).toEqual(['2027-M02', '2027-M03']);
  });

  it('crosses the year for quarters and yearly kinds', () => {
    expect(currentAndNextPeriods('quarter', '2026-12-20').map((p) => p.key)).toEqual(['2027-Q1', '2027-Q2']);
    // After 14 June the first-half window has closed: next year's is the one being reported.
    expect(currentAndNextPeriods('half_year', '2026-06-15').map((p) => p.key)).toEqual(['2027-H1', '2028-H1']);
    expect(currentAndNextPeriods('year', '2026-12-14').map((p) => p.key)).toEqual(['2026-Y', '2027-Y']);
  });
});
