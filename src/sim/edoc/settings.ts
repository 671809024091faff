import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ValidationError } from '../../shared/errors.js';
import type { Organ } from './edxml-reader.js';
import { DEMO_SECRET, DEMO_SYSTEM_ID } from './vxp-check.js';

/** Statuses a document may progress to (QCVN 102 TrangThai after 01 arrived, 02 refused). */
const PROGRESS_CODES = ['03', '04', '05', '06', '13', '15', '16'];

export const DEFAULT_TRUSTED_CERT = fileURLToPath(new URL('../../../fixtures/pki/ca.crt.pem', import.meta.url));

export interface EdocSimulatorSettings {
  /** system id → HMAC secret of the systems allowed to call. */
  systems: Map<string, string>;
  /** PEM certificates signatures must chain to (CA) or equal (pinned). */
  trustedCertificatesPem: string[];
  /** The organisation the simulated e-document system belongs to (answers status messages). */
  organ: Organ;
  /** Status codes an accepted document moves through, one per status poll. */
  progression: string[];
  agencies: Organ[];
  /** Also advance every held document one step each this many ms (0 = only on status polls). */
  progressEveryMs: number;
}

function invalid(name: string, message: string): never {
  throw new ValidationError('SIM_EDOC_CONFIG_INVALID', `${name}: ${message}`, { name });
}

/**
 * SIM_EDOC_SYSTEM_ID / SIM_EDOC_SECRET (one caller), SIM_EDOC_TRUSTED_CERTS (comma-separated PEM
 * files, default fixtures/pki/ca.crt.pem), SIM_EDOC_ORGAN_ID, SIM_EDOC_PROGRESSION (e.g. "03,04,06";
 * empty = only /updateStatus moves documents), SIM_EDOC_PROGRESS_MS (also advance on a timer; 0 = off).
 */
export function edocSimulatorSettings(env: Readonly<Record<string, string | undefined>>): EdocSimulatorSettings {
  const certFiles = (env.SIM_EDOC_TRUSTED_CERTS ?? (existsSync(DEFAULT_TRUSTED_CERT) ? DEFAULT_TRUSTED_CERT : ''))
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const trustedCertificatesPem = certFiles.map((file) => {
    if (!existsSync(file)) invalid('SIM_EDOC_TRUSTED_CERTS', `file not found: ${file}`);
    return readFileSync(file, 'utf8');
  });
  const progression = (env.SIM_EDOC_PROGRESSION ?? '03,06')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  for (const code of progression) {
    if (!PROGRESS_CODES.includes(code)) invalid('SIM_EDOC_PROGRESSION', `"${code}" is not a progress status (03-06, 13, 15, 16)`);
  }
  const progressEveryMs = Number(env.SIM_EDOC_PROGRESS_MS ?? 0);
  if (!Number.isInteger(progressEveryMs) || progressEveryMs < 0)
    invalid('SIM_EDOC_PROGRESS_MS', `must be a non-negative integer, got "${env.SIM_EDOC_PROGRESS_MS}"`);
  const organ = { organId: env.SIM_EDOC_ORGAN_ID ?? '000.00.01.H29', organName: 'Văn phòng UBND tỉnh (mô phỏng hệ thống QLVBĐH)' };
  return {
    systems: new Map([[env.SIM_EDOC_SYSTEM_ID ?? DEMO_SYSTEM_ID, env.SIM_EDOC_SECRET ?? DEMO_SECRET]]),
    trustedCertificatesPem,
    organ,
    progression,
    progressEveryMs,
    agencies: [
      organ,
      { organId: '000.00.00.H29', organName: 'Ủy ban nhân dân tỉnh Lai Châu' },
      { organId: '000.00.00.G22', organName: 'Văn phòng Chính phủ' },
    ],
  };
}
