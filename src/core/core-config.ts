import { readFileSync } from 'node:fs';
import { Cron } from 'croner';
import type { Config } from '../config.js';
import { assertContract } from '../shared/contracts.js';
import { ValidationError } from '../shared/errors.js';
import {
  CALENDAR_MONTH_CUTOFF_RULES,
  DECREE_09_2019_CUTOFF_RULES,
  DEFAULT_HOLIDAY_OVERRIDES,
  type CutoffRules,
  type HolidayOverrides,
} from './calendar/index.js';

/** The core's settings, from the typed settings the schema checked at start (the files they name are read here). */
export interface CoreConfig {
  cutoffRules: CutoffRules;
  holidayOverrides: HolidayOverrides;
  /** Cron pattern (Vietnam time) of the automatic assignment; null when AUTO_ASSIGN is off. */
  autoAssignCron: string | null;
}

const PRESETS: Record<string, CutoffRules> = {
  'decree-09-2019': DECREE_09_2019_CUTOFF_RULES,
  'calendar-month': CALENDAR_MONTH_CUTOFF_RULES,
};

function readJsonFile(name: string, path: string): unknown {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new ValidationError('CONFIG_INVALID', `${name}: cannot read ${path}: ${(err as Error).message}`, { name, path });
  }
}

function withoutComment<T extends object>(value: T): T {
  const { $comment: _drop, ...rest } = value as T & { $comment?: string };
  return rest as T;
}

/**
 * CUTOFF_RULES: `decree-09-2019` (default), `calendar-month`, or the path of a JSON file
 * (contracts/core/cutoff-rules.schema.json). HOLIDAY_OVERRIDES_FILE: a JSON file of announced
 * days off per year (contracts/core/holiday-overrides.schema.json); its years replace the
 * built-in ones, so next year's Tết bridge needs no rebuild. AUTO_ASSIGN (default true) and
 * AUTO_ASSIGN_CRON (default daily 00:05 Vietnam time): the automatic assignment schedule.
 */
export function loadCoreConfig(config: Pick<Config, 'settings'>): CoreConfig {
  const rulesSetting = config.settings.CUTOFF_RULES.trim() || 'decree-09-2019';
  let cutoffRules = PRESETS[rulesSetting];
  if (!cutoffRules) {
    if (!rulesSetting.endsWith('.json')) {
      throw new ValidationError(
        'CONFIG_INVALID',
        `CUTOFF_RULES must be ${Object.keys(PRESETS).join(', ')} or a .json file, got "${rulesSetting}"`,
        { name: 'CUTOFF_RULES' },
      );
    }
    const raw = readJsonFile('CUTOFF_RULES', rulesSetting);
    cutoffRules = withoutComment(
      assertContract<CutoffRules>('https://lienthong.gov.vn/contracts/core/cutoff-rules.schema.json', raw, 'CONFIG_INVALID'),
    );
  }
  let holidayOverrides = DEFAULT_HOLIDAY_OVERRIDES;
  const file = config.settings.HOLIDAY_OVERRIDES_FILE?.trim();
  if (file) {
    const raw = readJsonFile('HOLIDAY_OVERRIDES_FILE', file);
    const given = withoutComment(
      assertContract<HolidayOverrides>('https://lienthong.gov.vn/contracts/core/holiday-overrides.schema.json', raw, 'CONFIG_INVALID'),
    );
    holidayOverrides = { ...DEFAULT_HOLIDAY_OVERRIDES, ...given };
  }
  return { cutoffRules, holidayOverrides, autoAssignCron: autoAssignCron(config) };
}

function autoAssignCron(config: Pick<Config, 'settings'>): string | null {
  if (!config.settings.AUTO_ASSIGN) return null;
  const pattern = config.settings.AUTO_ASSIGN_CRON.trim() || '5 0 * * *';
  try {
    new Cron(pattern, { paused: true }).stop();
  } catch (err) {
    throw new ValidationError('CONFIG_INVALID', `AUTO_ASSIGN_CRON is not a cron pattern: ${(err as Error).message}`, {
      name: 'AUTO_ASSIGN_CRON',
      pattern,
    });
  }
  return pattern;
}
