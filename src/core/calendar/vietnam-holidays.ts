import Holidays from 'date-holidays';
import { addDays, weekday } from './iso-date.js';
import overridesJson from './holiday-overrides.json' with { type: 'json' };

/**
 * Vietnamese public holidays (Labour Code 2019 Art. 112): 1/1; Tết Nguyên đán 5 days; Giỗ Tổ
 * Hùng Vương 10/3 lunar; 30/4; 1/5; 2/9 plus one adjacent day. date-holidays gets the lunar
 * dates right but lists only 2 Tết days and one National Day, so the rule fills in the rest and
 * a per-year override table (announced swaps change yearly) has the last word.
 */
export interface YearOverrides {
  add: { date: string; name: string }[];
  remove: string[];
  workingDays: string[];
}

export type HolidayOverrides = Record<string, YearOverrides>;

export const DEFAULT_HOLIDAY_OVERRIDES: HolidayOverrides = Object.fromEntries(
  Object.entries(overridesJson).filter(([k]) => /^\d{4}$/.test(k)),
) as HolidayOverrides;

const source = new Holidays('VN');

function isWeekend(iso: string): boolean {
  const d = weekday(iso);
  return d === 0 || d === 6;
}

/** Holidays by rule for one year, before overrides. */
export function ruleHolidays(year: number): Map<string, string> {
  const days = new Map<string, string>();
  for (const h of source.getHolidays(year)) {
    if (h.type !== 'public') continue;
    days.set(h.date.slice(0, 10), h.name);
  }
  // Tết: the public list has New Year's Eve and day 1; the law gives 5 days from the eve.
  const eve = [...days.entries()].find(([, name]) => /Giao thừa/i.test(name))?.[0];
  if (eve) for (let i = 1; i <= 4; i++) days.set(addDays(eve, i), 'Nghỉ Tết Nguyên đán');
  // National Day: 2/9 plus one adjacent day; 1/9 unless 2/9 is a Thursday (then 3/9 makes a bridge).
  const national = `${year}-09-02`;
  days.set(weekday(national) === 4 ? `${year}-09-03` : `${year}-09-01`, 'Nghỉ lễ Quốc khánh');
  // A holiday on a weekly day off is compensated on the next working day (Art. 112.3).
  // Tết days are excluded: the Government announces the Tết block as a whole.
  const compensations: [string, string][] = [];
  for (const [date, name] of days) {
    if (!isWeekend(date) || /Tết Nguyên/i.test(name) || /Giao thừa/i.test(name)) continue;
    let next = addDays(date, 1);
    while (isWeekend(next) || days.has(next) || compensations.some(([d]) => d === next)) next = addDays(next, 1);
    compensations.push([next, `Nghỉ bù ${name}`]);
  }
  for (const [d, n] of compensations) days.set(d, n);
  return days;
}

export interface YearHolidays {
  holidays: Map<string, string>;
  workingWeekendDays: Set<string>;
}

export function holidaysForYear(year: number, overrides: HolidayOverrides = DEFAULT_HOLIDAY_OVERRIDES): YearHolidays {
  const holidays = ruleHolidays(year);
  const o = overrides[String(year)];
  if (o) {
    for (const d of o.remove) holidays.delete(d);
    for (const { date, name } of o.add) holidays.set(date, name);
  }
  return { holidays, workingWeekendDays: new Set(o?.workingDays ?? []) };
}
