import { ValidationError } from '../../shared/errors.js';

/** QCVN 102:2016 `V1V2V3.Z1Z2.Y1Y2.Hnn`, e.g. 000.00.00.H29 (UBND tỉnh) or 000.00.00.G22 (VPCP). */
const QCVN_102 = /^[0-9A-Z]{3}\.[0-9A-Z]{2}\.[0-9A-Z]{2}\.[A-Z][0-9]{2}$/;
/** QĐ 20/2020/QĐ-TTg: dot-separated groups of [0-9A-Z], at most 35 characters. */
const QD_20_2020 = /^[0-9A-Z]+(\.[0-9A-Z]+)*$/;
const MAX_LENGTH = 35;

export type OrgCodeFormat = 'qcvn102' | 'qd20_2020';

/** Which format an org code follows, or null when it follows neither. */
export function orgCodeFormat(code: string): OrgCodeFormat | null {
  if (code.length === 0 || code.length > MAX_LENGTH) return null;
  if (QCVN_102.test(code)) return 'qcvn102';
  if (QD_20_2020.test(code)) return 'qd20_2020';
  return null;
}

export function assertOrgCode(code: string): string {
  if (!orgCodeFormat(code)) {
    throw new ValidationError(
      'ORG_CODE_INVALID',
      `Org code "${code}" must be dot-separated groups of 0-9/A-Z, at most ${MAX_LENGTH} characters (e.g. 000.00.00.H29)`,
      { orgCode: code },
    );
  }
  return code;
}
