import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  CALENDAR_MONTH_CUTOFF_RULES,
  DECREE_09_2019_CUTOFF_RULES,
  deadlineFor,
  parsePeriodKey,
  WorkingCalendar,
} from './calendar/index.js';
import { loadCoreConfig } from './core-config.js';
import { readSettings } from '../settings/read-settings.js';

/** The core's settings as loadConfig gives them: through the one schema. */
const loadCore = (env: Record<string, string>) => loadCoreConfig({ settings: readSettings(env) });

const dir = mkdtempSync(join(tmpdir(), 'lt-core-config-'));
function file(name: string, content: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, JSON.stringify(content));
  return path;
}

describe('core configuration', () => {
  it('defaults to the Nghị định 09/2019 windows and accepts the calendar-month preset', () => {
    expect(loadCore({}).cutoffRules).toBe(DECREE_09_2019_CUTOFF_RULES);
    expect(loadCore({ CUTOFF_RULES: 'calendar-month' }).cutoffRules).toBe(CALENDAR_MONTH_CUTOFF_RULES);
    expect(() => loadCore({ CUTOFF_RULES: 'weekly' })).toThrow(expect.objectContaining({ code: 'CONFIG_INVALID' }));
  });

  it('reads a province rule file, refusing one that breaks the contract', () => {
    const own = {
      ...DECREE_09_2019_CUTOFF_RULES,
      month: { anchor: 'period_month', start: { monthOffset: -1, day: 20 }, end: { monthOffset: 0, day: 19 } },
    };
    const rules = loadCore({ CUTOFF_RULES: file('rules.json', own) }).cutoffRules;
    expect(parsePeriodKey('2027-M01', rules)).toMatchObject({ windowStart: '2026-12-20', windowEnd: '2027-01-19' });
    const broken = file('broken.json', { ...own, month: { anchor: 'weekly' } });
    expect(() => loadCore({ CUTOFF_RULES: broken })).toThrow(expect.objectContaining({ code: 'CONFIG_INVALID' }));
    expect(() => loadCore({ CUTOFF_RULES: join(dir, 'missing.json') })).toThrow(expect.objectContaining({ code: 'CONFIG_INVALID' }));
  });

  it('lets an announced day off move a deadline without a rebuild', () => {
    const before = deadlineFor(parsePeriodKey('2027-M03'), { workingDaysAfterCutoff: 2 }, new WorkingCalendar());
    const path = file('holidays.json', { 2027: { add: [{ date: '2027-03-15', name: 'Nghỉ bù (thử)' }], remove: [], workingDays: [] } });
    const { holidayOverrides } = loadCore({ HOLIDAY_OVERRIDES_FILE: path });
    const after = deadlineFor(parsePeriodKey('2027-M03'), { workingDaysAfterCutoff: 2 }, new WorkingCalendar(holidayOverrides));
    expect([before, after]).toEqual(['2027-03-16', '2027-03-17']);
    const bad = file('bad-holidays.json', { 2027: { add: [{ date: '15/03/2027', name: 'x' }], remove: [], workingDays: [] } });
    expect(() => loadCore({ HOLIDAY_OVERRIDES_FILE: bad })).toThrow(expect.objectContaining({ code: 'CONFIG_INVALID' }));
  });

  it('schedules the automatic assignment daily by default, or as configured, or not at all', () => {
    expect(loadCore({}).autoAssignCron).toBe('5 0 * * *');
    expect(loadCore({ AUTO_ASSIGN_CRON: '0 6 * * 1-5' }).autoAssignCron).toBe('0 6 * * 1-5');
    expect(loadCore({ AUTO_ASSIGN: 'false' }).autoAssignCron).toBeNull();
    expect(() => loadCore({ AUTO_ASSIGN: 'maybe' })).toThrow(expect.objectContaining({ code: 'CONFIG_INVALID' }));
    expect(() => loadCore({ AUTO_ASSIGN_CRON: 'every day' })).toThrow(expect.objectContaining({ code: 'CONFIG_INVALID' }));
  });
});
