import { describe, expect, it } from 'vitest';
import {
  adHocPeriod,
  CALENDAR_MONTH_CUTOFF_RULES,
  parsePeriodKey,
  periodFor,
  periodsContaining,
  vietnamCalendar,
  WorkingCalendar,
} from './index.js';
import { addDays, instantOf, isoDate, localDateOf, parseIsoDate, weekday } from './iso-date.js';

// The edges of the period and calendar rules: the first and last value each rule accepts, the
// first it refuses, and the exact error a caller sees.
describe('period rules at their edges', () => {
  it('accepts years 2000 to 2100 and refuses the years outside, and fractions', () => {
    expect(periodFor('year', 2000).key).toBe('2000-Y');
    expect(periodFor('year', 2100).key).toBe('2100-Y');
    for (const year of [1999, 2101, 2027.5, Number.NaN]) {
      expect(() => periodFor('year', year)).toThrow(
        expect.objectContaining({ code: 'PERIOD_INVALID', status: 400, message: `Year out of range: ${year}` }),
      );
    }
  });

  it('accepts month 1..12 and quarter 1..4, and refuses the index outside, a fraction or none', () => {
    expect(periodFor('month', 2027, 1).key).toBe('2027-M01');
    expect(periodFor('month', 2027, 12)).toMatchObject({ key: '2027-M12', index: 12, windowStart: '2027-11-15', windowEnd: '2027-12-14' });
    expect(periodFor('quarter', 2027, 4).key).toBe('2027-Q4');
    for (const [kind, index, range] of [
      ['month', 0, '1 to 12'],
      ['month', 13, '1 to 12'],
      ['month', 1.5, '1 to 12'],
      ['month', undefined, '1 to 12'],
      ['quarter', 0, '1 to 4'],
      ['quarter', 5, '1 to 4'],
    ] as const) {
      expect(() => periodFor(kind, 2027, index)).toThrow(
        expect.objectContaining({ code: 'PERIOD_INVALID', message: `${kind} needs an index from ${range}, got ${index}` }),
      );
    }
  });

  it('ignores an index for the kinds that have none, and keeps none in the period', () => {
    const h1 = periodFor('half_year', 2027, 7);
    expect(h1).toEqual({ kind: 'half_year', year: 2027, key: '2027-H1', windowStart: '2026-12-15', windowEnd: '2027-06-14' });
    expect('index' in periodFor('year', 2027)).toBe(false);
    expect(periodFor('nine_months', 2027).key).toBe('2027-9M');
  });

  it('anchors quarters on their first month under any rule set', () => {
    expect(periodFor('quarter', 2027, 2)).toMatchObject({ windowStart: '2027-03-15', windowEnd: '2027-06-14' });
    expect(periodFor('quarter', 2027, 3, CALENDAR_MONTH_CUTOFF_RULES)).toMatchObject({
      windowStart: '2027-07-01',
      windowEnd: '2027-09-30',
    });
    expect(periodFor('year', 2027, undefined, CALENDAR_MONTH_CUTOFF_RULES)).toMatchObject({
      windowStart: '2027-01-01',
      windowEnd: '2027-12-31',
    });
  });

  it('makes ad hoc periods only with an explicit window, which may be a single day', () => {
    expect(() => periodFor('ad_hoc', 2027, 1)).toThrow(
      expect.objectContaining({ code: 'PERIOD_INVALID', message: expect.stringMatching(/adHocPeriod/) }),
    );
    expect(adHocPeriod(2027, 5, '2027-03-01', '2027-03-01')).toEqual({
      kind: 'ad_hoc',
      year: 2027,
      index: 5,
      key: '2027-AH5',
      windowStart: '2027-03-01',
      windowEnd: '2027-03-01',
    });
    expect(() => adHocPeriod(2027, 5, '2027-03-02', '2027-03-01')).toThrow(
      expect.objectContaining({ code: 'PERIOD_INVALID', message: 'Ad hoc window ends before it starts' }),
    );
  });

  it('parses every key form, with the rules it is given, and refuses anything else naming the key', () => {
    expect(parsePeriodKey('2027-Q3').index).toBe(3);
    expect(parsePeriodKey('2027-H1').kind).toBe('half_year');
    expect(parsePeriodKey('2027-9M').kind).toBe('nine_months');
    expect(parsePeriodKey('2027-Y').kind).toBe('year');
    expect(parsePeriodKey('2027-M02', CALENDAR_MONTH_CUTOFF_RULES)).toMatchObject({ windowStart: '2027-02-01', windowEnd: '2027-02-28' });
    for (const key of ['2027-Q5', '2027-Q0', 'x2027-M01', '2027-M01x', '27-M01', '2027-H2', '2027-m01', '']) {
      expect(() => parsePeriodKey(key)).toThrow(
        expect.objectContaining({ code: 'PERIOD_KEY_INVALID', details: { key }, message: expect.stringContaining(`"${key}"`) }),
      );
    }
    expect(() => parsePeriodKey('2027-M13')).toThrow(expect.objectContaining({ code: 'PERIOD_INVALID' }));
  });

  it('finds the periods whose window holds a date, across the turn of the year', () => {
    expect(periodsContaining('quarter', '2026-12-15').map((p) => p.key)).toEqual(['2027-Q1']);
    expect(periodsContaining('quarter', '2026-12-14').map((p) => p.key)).toEqual(['2026-Q4']);
    expect(periodsContaining('year', '2026-12-15').map((p) => p.key)).toEqual(['2027-Y']);
    expect(periodsContaining('half_year', '2027-06-15')).toEqual([]);
    expect(periodsContaining('nine_months', '2027-09-14').map((p) => p.key)).toEqual(['2027-9M']);
    expect(periodsContaining('month', '2027-01-31', CALENDAR_MONTH_CUTOFF_RULES).map((p) => p.key)).toEqual(['2027-M01']);
  });
});

describe('ISO dates', () => {
  it('parses real dates only', () => {
    expect(parseIsoDate('2028-02-29')).toEqual({ year: 2028, month: 2, day: 29 });
    expect(() => parseIsoDate('2027-02-29')).toThrow('No such date: 2027-02-29');
    expect(() => parseIsoDate('2027-13-01')).toThrow(RangeError);
    expect(() => parseIsoDate('2027-1-01')).toThrow('Not an ISO date (YYYY-MM-DD): 2027-1-01');
    expect(() => parseIsoDate(' 2027-01-01')).toThrow(RangeError);
  });

  it('normalises overflow, counts days both ways and knows the weekday', () => {
    expect(isoDate(2027, 13, 1)).toBe('2028-01-01');
    expect(isoDate(2027, 3, 0)).toBe('2027-02-28');
    expect(addDays('2027-12-31', 1)).toBe('2028-01-01');
    expect(addDays('2027-03-01', -1)).toBe('2027-02-28');
    expect(weekday('2027-01-17')).toBe(0);
    expect(weekday('2027-01-16')).toBe(6);
  });

  it('reads instants in Vietnam time (UTC+7, no daylight saving)', () => {
    expect(localDateOf(new Date('2027-01-14T16:59:59Z'))).toBe('2027-01-14');
    expect(localDateOf(new Date('2027-01-14T17:00:00Z'))).toBe('2027-01-15');
    expect(instantOf('2027-01-15', 0).toISOString()).toBe('2027-01-14T17:00:00.000Z');
    expect(instantOf('2027-07-15', 7 * 60 + 30).toISOString()).toBe('2027-07-15T00:30:00.000Z');
    expect(localDateOf(new Date('2027-01-14T23:00:00Z'), 0)).toBe('2027-01-14');
  });
});

describe('working calendar at its edges', () => {
  const cal = vietnamCalendar();

  it('moves to the next working day only when needed, and counts working days after', () => {
    expect(cal.nextWorkingDay('2027-01-15')).toBe('2027-01-15');
    expect(cal.nextWorkingDay('2027-01-16')).toBe('2027-01-18');
    expect(cal.addWorkingDays('2027-01-16', 0)).toBe('2027-01-18');
    expect(cal.addWorkingDays('2027-01-15', 1)).toBe('2027-01-18');
    expect(cal.addWorkingDays('2027-01-14', 1)).toBe('2027-01-15');
    expect(cal.addWorkingDays('2027-01-14', 3)).toBe('2027-01-19');
  });

  it('names holidays, lists a year sorted, and says nothing of a normal day', () => {
    expect(cal.holidayName('2027-01-14')).toBeUndefined();
    expect(cal.holidayName('2027-09-02')).toBeTruthy();
    const list = cal.listHolidays(2027);
    expect(list.map((h) => h.date)).toEqual([...list.map((h) => h.date)].sort());
    expect(list[0]).toEqual({ date: '2027-01-01', name: cal.holidayName('2027-01-01') });
  });

  it('counts office time exactly, with office hours as data', () => {
    const at = (local: string) => new Date(`${local}+07:00`);
    expect(cal.workingMsBetween(at('2027-01-14T08:00:00'), at('2027-01-14T08:00:00'))).toBe(0);
    expect(cal.workingMsBetween(at('2027-01-14T08:00:00'), at('2027-01-14T08:00:01'))).toBe(1000);
    expect(cal.workingHoursBetween(at('2027-01-14T07:00:00'), at('2027-01-14T18:00:00'))).toBe(8);
    expect(cal.workingHoursBetween(at('2027-01-14T11:30:00'), at('2027-01-14T13:00:00'))).toBe(0);
    const longDay = new WorkingCalendar(undefined, [[8 * 60, 18 * 60]]);
    expect(longDay.officeHours).toEqual([[480, 1080]]);
    expect(longDay.workingHoursBetween(at('2027-01-14T07:00:00'), at('2027-01-14T19:00:00'))).toBe(10);
  });

  it('shares the default calendar and builds a separate one for overrides', () => {
    expect(vietnamCalendar()).toBe(cal);
    const custom = vietnamCalendar({ '2027': { add: [{ date: '2027-01-14', name: 'Nghỉ riêng' }], remove: [], workingDays: [] } });
    expect(custom).not.toBe(cal);
    expect(custom.isWorkingDay('2027-01-14')).toBe(false);
    expect(cal.isWorkingDay('2027-01-14')).toBe(true);
  });
});
