import { ValidationError } from '../shared/errors.js';
import type { ClamdAddress } from './clamd-client.js';
import { settingFrom } from '../settings/read-settings.js';

export interface ScanningConfig {
  /** clamd's address; undefined = no scanner configured. */
  clamd?: ClamdAddress;
  timeoutMs: number;
  /** Scanner down / no verdict: 'refuse' (fail closed, default) or 'accept' (logged and audited). */
  onUnavailable: 'refuse' | 'accept';
  /**
   * No scanner configured: true refuses every file (SCANNER_NOT_CONFIGURED); false accepts files
   * unscanned with a warning at start. Default: true with DATABASE_URL (production), false on
   * the bare-machine demo.
   */
  required: boolean;
}

/** CLAMD_SOCKET | CLAMD_HOST (+ CLAMD_PORT, 3310), CLAMD_TIMEOUT_MS, SCAN_ON_UNAVAILABLE, SCAN_REQUIRED. */
export function readScanningConfig(env: Readonly<Record<string, string | undefined>>): ScanningConfig {
  let clamd: ClamdAddress | undefined;
  if (env.CLAMD_SOCKET && env.CLAMD_HOST) {
    throw new ValidationError('CONFIG_INVALID', 'Set CLAMD_SOCKET or CLAMD_HOST, not both', { name: 'CLAMD_SOCKET' });
  }
  if (env.CLAMD_SOCKET) clamd = { socket: env.CLAMD_SOCKET };
  else if (env.CLAMD_HOST) clamd = { host: env.CLAMD_HOST, port: settingFrom(env, 'CLAMD_PORT') };
  const onUnavailable = env.SCAN_ON_UNAVAILABLE ?? 'refuse';
  if (onUnavailable !== 'refuse' && onUnavailable !== 'accept') {
    throw new ValidationError('CONFIG_INVALID', `SCAN_ON_UNAVAILABLE must be refuse or accept, got "${onUnavailable}"`, {
      name: 'SCAN_ON_UNAVAILABLE',
    });
  }
  return {
    ...(clamd ? { clamd } : {}),
    timeoutMs: settingFrom(env, 'CLAMD_TIMEOUT_MS'),
    onUnavailable,
    required: settingFrom(env, 'SCAN_REQUIRED') ?? Boolean(env.DATABASE_URL),
  };
}
