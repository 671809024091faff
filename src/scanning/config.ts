import { ValidationError } from '../shared/errors.js';
import type { ClamdAddress } from './clamd-client.js';

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

function bool(name: string, raw: string | undefined, fallback: boolean): boolean {
  if (raw === undefined || raw === '') return fallback;
  if (/^(1|true|yes|on)$/i.test(raw)) return true;
  if (/^(0|false|no|off)$/i.test(raw)) return false;
  throw new ValidationError('CONFIG_INVALID', `${name} must be true or false, got "${raw}"`, { name });
}

function positiveInt(name: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n <= 0)
    throw new ValidationError('CONFIG_INVALID', `${name} must be a positive integer, got "${raw}"`, { name });
  return n;
}

/** CLAMD_SOCKET | CLAMD_HOST (+ CLAMD_PORT, 3310), CLAMD_TIMEOUT_MS, SCAN_ON_UNAVAILABLE, SCAN_REQUIRED. */
export function readScanningConfig(env: Readonly<Record<string, string | undefined>>): ScanningConfig {
  let clamd: ClamdAddress | undefined;
  if (env.CLAMD_SOCKET && env.CLAMD_HOST) {
    throw new ValidationError('CONFIG_INVALID', 'Set CLAMD_SOCKET or CLAMD_HOST, not both', { name: 'CLAMD_SOCKET' });
  }
  if (env.CLAMD_SOCKET) clamd = { socket: env.CLAMD_SOCKET };
  else if (env.CLAMD_HOST) clamd = { host: env.CLAMD_HOST, port: positiveInt('CLAMD_PORT', env.CLAMD_PORT, 3310) };
  const onUnavailable = env.SCAN_ON_UNAVAILABLE ?? 'refuse';
  if (onUnavailable !== 'refuse' && onUnavailable !== 'accept') {
    throw new ValidationError('CONFIG_INVALID', `SCAN_ON_UNAVAILABLE must be refuse or accept, got "${onUnavailable}"`, {
      name: 'SCAN_ON_UNAVAILABLE',
    });
  }
  return {
    ...(clamd ? { clamd } : {}),
    timeoutMs: positiveInt('CLAMD_TIMEOUT_MS', env.CLAMD_TIMEOUT_MS, 30_000),
    onUnavailable,
    required: bool('SCAN_REQUIRED', env.SCAN_REQUIRED, Boolean(env.DATABASE_URL)),
  };
}
