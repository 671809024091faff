import { describe, expect, it } from 'vitest';
import {
  CALENDAR_MONTH_CUTOFF_RULES,
  deadlineFor,
  parsePeriodKey,
  periodFor,
  periodsContaining,
  vietnamCalendar,
  WorkingCalendar,
} from './index.js';

const cal = vietnamCalendar();

describe('cut-off windows (Nghị định 09/2019 default)', () => {
  it.each([
    ['month', 2027, 1, '2026-12-15', '2027-01-14', '2027-M01'],
    ['month', 2027, 3, '2027-02-15', '2027-03-14', '2027-M03'],
    ['quarter', 2027, 1, '2026-12-15', '2027-03-14', '2027-Q1'],
    ['quarter', 2027, 4, '2027-09-15', '2027-12-14', '2027-Q4'],
    ['half_year', 2027, undefined, '2026-12-15', '2027-06-14', '2027-H1'],
    ['nine_months', 2027, undefined, '2026-12-15', '2027-09-14', '2027-9M'],
    ['year', 2027, undefined, '2026-12-15', '2027-12-14', '2027-Y'],
  ] as const)('%s %i/%s → %s..%s', (kind, year, index, start, end, key) => {
    const p = periodFor(kind, year, index);
    expect(p).toMatchObject({ windowStart: start, windowEnd: end, key });
    expect(parsePeriodKey(key)).toEqual(p);
  });

  it('takes the rule as data (calendar months)', () => {
    expect(periodFor('month', 2028, 2, CALENDAR_MONTH_CUTOFF_RULES)).toMatchObject({ windowStart: '2028-02-01', windowEnd: '2028-02-29' });
  });

  it('rejects bad periods with stable codes', () => {
    expect(() => periodFor('month', 2027, 13)).toThrow(expect.objectContaining({ code: 'PERIOD_INVALID' }));
    expect(() => parsePeriodKey('2027-M1')).toThrow(expect.objectContaining({ code: 'PERIOD_KEY_INVALID' }));
  });

  it('places each day in exactly one monthly window', () => {
    expect(periodsContaining('month', '2027-01-14').map((p) => p.key)).toEqual(['2027-M01']);
    expect(periodsContaining('month', '2027-01-15').map((p) => p.key)).toEqual(['2027-M02']);
    expect(periodsContaining('month', '2026-12-20').map((p) => p.key)).toEqual(['2027-M01']);
  });
});

describe('Vietnamese working calendar', () => {
  it('knows fixed, lunar and announced holidays', () => {
    expect(cal.isWorkingDay('2027-01-01')).toBe(false); // Tết Dương lịch
    expect(cal.isWorkingDay('2027-04-16')).toBe(false); // Giỗ Tổ Hùng Vương, 10/3 lunar
    expect(cal.isWorkingDay('2027-04-30')).toBe(false);
    expect(cal.isWorkingDay('2027-09-02')).toBe(false);
    // Tết 2027: lunar New Year's Eve 5/2 + 4 days; Monday 8/2 and Tuesday 9/2 are off.
    expect(['2027-02-05', '2027-02-08', '2027-02-09'].map((d) => cal.isWorkingDay(d))).toEqual([false, false, false]);
    expect(cal.isWorkingDay('2027-02-10')).toBe(true);
    // 2026 from the override table: Tết 16/2–20/2.
    expect(cal.isWorkingDay('2026-02-20')).toBe(false);
    expect(cal.isWorkingDay('2026-02-23')).toBe(true);
    expect(cal.isWorkingDay('2027-01-16')).toBe(false); // Saturday
  });

  it('compensates a holiday falling on a weekend (Giỗ Tổ 2026 is a Sunday)', () => {
    expect(cal.isWorkingDay('2026-04-26')).toBe(false);
    expect(cal.isWorkingDay('2026-04-27')).toBe(false);
    expect(cal.holidayName('2026-04-27')).toMatch(/Nghỉ bù/);
  });

  it('applies per-year overrides without code changes', () => {
    const custom = new WorkingCalendar({
      '2027': { add: [{ date: '2027-03-10', name: 'Nghỉ đặc biệt' }], remove: ['2027-04-30'], workingDays: ['2027-01-16'] },
    });
    expect(custom.isWorkingDay('2027-03-10')).toBe(false);
    expect(custom.isWorkingDay('2027-04-30')).toBe(true);
    expect(custom.isWorkingDay('2027-01-16')).toBe(true);
  });

  it('counts working hours across nights, weekends and Tết', () => {
    // Friday 16:00 → Monday 09:30 local = 1h Friday + 2h Monday.
    const fri = new Date('2027-01-15T16:00:00+07:00');
    const mon = new Date('2027-01-18T09:30:00+07:00');
    expect(cal.workingHoursBetween(fri, mon)).toBe(3);
    // Lunch break does not count.
    expect(cal.workingHoursBetween(new Date('2027-01-18T11:00:00+07:00'), new Date('2027-01-18T13:30:00+07:00'))).toBe(1);
    // Across Tết 2027 (5/2 – 9/2) only 4/2 afternoon and 10/2 morning count.
    expect(cal.workingHoursBetween(new Date('2027-02-04T15:00:00+07:00'), new Date('2027-02-10T08:30:00+07:00'))).toBe(3);
    expect(cal.workingHoursBetween(mon, fri)).toBe(0);
  });
});

describe('deadlines', () => {
  it('January 2027 monthly report due 2 working days after cut-off lands after the weekend', () => {
    const jan = periodFor('month', 2027, 1); // cut-off Thursday 14/1
    expect(deadlineFor(jan, { workingDaysAfterCutoff: 2 }, cal)).toBe('2027-01-18'); // Monday
  });

  it('moves a calendar-day deadline off a holiday to the next working day', () => {
    const q1 = periodFor('quarter', 2027, 1); // cut-off Sunday 14/3
    expect(deadlineFor(q1, { calendarDaysAfterCutoff: 0 }, cal)).toBe('2027-03-15');
    const m4 = periodFor('month', 2027, 4); // cut-off Wed 14/4; +2 → Fri 16/4 = Giỗ Tổ → Mon 19/4
    expect(deadlineFor(m4, { calendarDaysAfterCutoff: 2 }, cal)).toBe('2027-04-19');
  });
});
