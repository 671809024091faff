import { ValidationError } from '../shared/errors.js';
import type { ClamdAddress } from './clamd-client.js';
import type { Settings } from '../settings/schema.js';

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

type ScanningSettings = Pick<
  Settings,
  'CLAMD_SOCKET' | 'CLAMD_HOST' | 'CLAMD_PORT' | 'CLAMD_TIMEOUT_MS' | 'SCAN_ON_UNAVAILABLE' | 'SCAN_REQUIRED' | 'DATABASE_URL'
>;

/**
 * CLAMD_SOCKET | CLAMD_HOST (+ CLAMD_PORT, 3310), CLAMD_TIMEOUT_MS, SCAN_ON_UNAVAILABLE, SCAN_REQUIRED,
 * from the typed settings the schema checked at start; only the rule across two of them is checked here.
 */
export function scanningConfigFrom(s: ScanningSettings): ScanningConfig {
  if (s.CLAMD_SOCKET && s.CLAMD_HOST) {
    throw new ValidationError('CONFIG_INVALID', 'Set CLAMD_SOCKET or CLAMD_HOST, not both', { name: 'CLAMD_SOCKET' });
  }
  const clamd: ClamdAddress | undefined = s.CLAMD_SOCKET
    ? { socket: s.CLAMD_SOCKET }
    : s.CLAMD_HOST
      ? { host: s.CLAMD_HOST, port: s.CLAMD_PORT }
      : undefined;
  return {
    ...(clamd ? { clamd } : {}),
    timeoutMs: s.CLAMD_TIMEOUT_MS,
    onUnavailable: s.SCAN_ON_UNAVAILABLE,
    required: s.SCAN_REQUIRED ?? Boolean(s.DATABASE_URL),
  };
}
