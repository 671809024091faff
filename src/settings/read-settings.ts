import { SETTINGS, type SettingName, type Settings } from './schema.js';
import type { Setting, SettingSource } from './setting.js';

type Env = Readonly<Record<string, string | undefined>>;

const entries = Object.entries(SETTINGS) as [SettingName, Setting<unknown>][];

/** An empty variable counts as unset (what every area did before the schema). */
const given = (env: Env, name: string): string | undefined => {
  const raw = env[name];
  return raw === undefined || raw === '' ? undefined : raw;
};

/** Reads and validates every setting at once; the first invalid one throws CONFIG_INVALID naming it. */
export function readSettings(env: Env): Settings {
  const values: Record<string, unknown> = {};
  for (const [name, setting] of entries) {
    const raw = given(env, name);
    values[name] = raw === undefined ? setting.fallback : setting.parse(raw, name);
  }
  return values as Settings;
}

export interface SettingReport {
  name: SettingName;
  area: string;
  description: string;
  /** As set (secrets masked), or the default; null when unset and without a default. */
  value: string | null;
  default: string | null;
  source: SettingSource;
  secret: boolean;
}

const MASK = '********';

function shown(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  return String(value);
}

/** Every setting with its value, default and where the value came from, for `lienthong config`. */
export function describeSettings(env: Env): SettingReport[] {
  const values = readSettings(env);
  return entries.map(([name, setting]) => {
    const raw = given(env, name);
    const dflt = setting.defaultText ?? shown(setting.fallback);
    const value = raw === undefined ? dflt : setting.secret ? MASK : shown(values[name]);
    return {
      name,
      area: setting.area,
      description: setting.description,
      value,
      default: setting.secret && setting.defaultText === undefined ? null : dflt,
      source: raw === undefined ? 'default' : 'env',
      secret: setting.secret === true,
    };
  });
}

/**
 * One setting read by the schema from an environment object: for the area readers that are handed
 * `config.env` (and their unit tests a plain object), so no area keeps a parser of its own.
 */
export function settingFrom<K extends SettingName>(env: Env, name: K): Settings[K] {
  const setting = SETTINGS[name] as Setting<Settings[K]>;
  const raw = given(env, name);
  return raw === undefined ? setting.fallback : setting.parse(raw, name);
}
