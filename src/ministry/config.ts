import { isAbsolute, join, resolve } from 'node:path';
import { REPO_ROOT } from '../exchange/config.js';
import { ValidationError } from '../shared/errors.js';

/** Ministry settings, read and validated once when the module starts (docs/ministry.md). */
export interface MinistryConfig {
  /** Body limit of XML pushes (JSON goes through the gateway's BODY_LIMIT). */
  xmlLimit: string;
  /** Body limit of CSV/xlsx file imports. */
  fileLimit: string;
  mappingsDir: string;
  connectorsDir: string;
  /** Run connectors on their cron schedules (on-demand runs work either way). */
  schedule: boolean;
}

const SIZE = /^\d+(kb|mb)$/i;

function size(env: Readonly<Record<string, string | undefined>>, name: string, fallback: string): string {
  const v = env[name] ?? fallback;
  if (!SIZE.test(v)) throw new ValidationError('CONFIG_INVALID', `${name} must look like 512kb or 20mb, got "${v}"`, { name });
  return v.toLowerCase();
}

function dir(env: Readonly<Record<string, string | undefined>>, name: string, fallback: string): string {
  const v = env[name];
  if (!v) return fallback;
  return isAbsolute(v) ? v : resolve(v);
}

export function readMinistryConfig(env: Readonly<Record<string, string | undefined>>): MinistryConfig {
  const schedule = env.MINISTRY_CONNECTORS_SCHEDULE ?? 'true';
  if (!/^(true|false)$/.test(schedule))
    throw new ValidationError('CONFIG_INVALID', 'MINISTRY_CONNECTORS_SCHEDULE must be true or false', {
      name: 'MINISTRY_CONNECTORS_SCHEDULE',
    });
  return {
    xmlLimit: size(env, 'MINISTRY_XML_LIMIT', '20mb'),
    fileLimit: size(env, 'MINISTRY_FILE_LIMIT', '50mb'),
    mappingsDir: dir(env, 'MAPPINGS_DIR', join(REPO_ROOT, 'mappings')),
    connectorsDir: dir(env, 'MINISTRY_CONNECTORS_DIR', join(REPO_ROOT, 'fixtures', 'ministry', 'connectors')),
    schedule: schedule === 'true',
  };
}
