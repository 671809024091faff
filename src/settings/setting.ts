import { ValidationError } from '../shared/errors.js';

/** Where a setting's value came from, as `lienthong config` shows it. */
export type SettingSource = 'env' | 'default';

/**
 * One environment variable: how to read it, its default and what it means. `parse` gets the
 * raw text (never empty) and throws CONFIG_INVALID naming the variable; an unset or empty
 * variable takes `fallback` (undefined = no value: the feature is off or a default is computed).
 */
export interface Setting<T> {
  area: string;
  description: string;
  /** Passwords, keys, tokens: `lienthong config` prints them masked. */
  secret?: boolean;
  /** The default as shown, when it is computed from other settings (e.g. "true without DATABASE_URL"). */
  defaultText?: string;
  fallback: T;
  parse(raw: string, name: string): T;
}

type Opts = { area: string; description: string; secret?: boolean; defaultText?: string };

const invalid = (name: string, message: string, raw: string) =>
  new ValidationError('CONFIG_INVALID', `${name} ${message}, got "${raw}"`, { name });

/** An integer in [min, max]. */
export function int(o: Opts & { fallback: number; min?: number; max?: number }): Setting<number>;
export function int(o: Opts & { fallback?: undefined; min?: number; max?: number }): Setting<number | undefined>;
export function int(o: Opts & { fallback?: number; min?: number; max?: number }): Setting<number | undefined> {
  const min = o.min ?? 0;
  const max = o.max ?? Number.MAX_SAFE_INTEGER;
  return {
    ...o,
    fallback: o.fallback,
    parse(raw, name) {
      const n = Number(raw);
      if (!Number.isSafeInteger(n) || n < min || n > max)
        throw invalid(name, `must be an integer${max < Number.MAX_SAFE_INTEGER ? ` from ${min} to ${max}` : ` ≥ ${min}`}`, raw);
      return n;
    },
  };
}

/** A number in [min, max] (hours, factors, seconds with decimals). */
export function num(o: Opts & { fallback: number; min?: number; max?: number }): Setting<number> {
  const min = o.min ?? 0;
  const max = o.max ?? Number.POSITIVE_INFINITY;
  return {
    ...o,
    parse(raw, name) {
      const n = Number(raw);
      if (!Number.isFinite(n) || n < min || n > max)
        throw invalid(name, `must be a number${Number.isFinite(max) ? ` from ${min} to ${max}` : ` ≥ ${min}`}`, raw);
      return n;
    },
  };
}

/** true/false, also 1/0, yes/no, on/off. */
export function bool<F extends boolean | undefined>(o: Opts & { fallback: F }): Setting<boolean | F> {
  return {
    ...o,
    parse(raw, name) {
      if (/^(1|true|yes|on)$/i.test(raw)) return true;
      if (/^(0|false|no|off)$/i.test(raw)) return false;
      throw invalid(name, 'must be true or false', raw);
    },
  };
}

/** Exactly one of `values`. */
export function oneOf<V extends string>(o: Opts & { values: readonly V[]; fallback: V }): Setting<V> {
  return {
    ...o,
    parse(raw, name) {
      if (!(o.values as readonly string[]).includes(raw)) throw invalid(name, `must be one of ${o.values.join(', ')}`, raw);
      return raw as V;
    },
  };
}

/** Free text (a URL, a path, a cron pattern, a list): the area using it checks its form. */
export function text(o: Opts & { fallback: string }): Setting<string>;
export function text(o: Opts & { fallback?: undefined }): Setting<string | undefined>;
export function text(o: Opts & { fallback?: string }): Setting<string | undefined> {
  return { ...o, fallback: o.fallback, parse: (raw) => raw };
}

/** An http(s) URL. */
export function url(o: Opts): Setting<string | undefined> {
  return {
    ...o,
    fallback: undefined,
    parse(raw, name) {
      if (!/^https?:\/\/[^\s]+$/i.test(raw)) throw invalid(name, 'must be an http(s) URL', raw);
      return raw;
    },
  };
}

/** A body size such as 512kb or 20mb. */
export function size(o: Opts & { fallback: string }): Setting<string> {
  return {
    ...o,
    parse(raw, name) {
      if (!/^\d+(b|kb|mb|gb)?$/i.test(raw)) throw invalid(name, 'must look like 512kb or 20mb', raw);
      return raw.toLowerCase();
    },
  };
}

/** A comma-separated list, each item one of `values` (e.g. the ID token algorithms accepted). */
export function listOf<V extends string>(o: Opts & { values: readonly V[]; fallback: readonly V[] }): Setting<readonly V[]> {
  return {
    ...o,
    parse(raw, name) {
      const items = raw
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
      if (items.length === 0 || items.some((i) => !(o.values as readonly string[]).includes(i)))
        throw invalid(name, `must list only ${o.values.join(', ')}`, raw);
      return items as V[];
    },
  };
}

/** A number above 0 (timeouts and periods, where 0 would mean wait forever or spin). */
export function positive(o: Opts & { fallback: number }): Setting<number> {
  return {
    ...o,
    parse(raw, name) {
      const n = Number(raw);
      if (!Number.isFinite(n) || n <= 0) throw invalid(name, 'must be a number > 0', raw);
      return n;
    },
  };
}
