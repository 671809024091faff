import { createHmac, timingSafeEqual } from 'node:crypto';
import type { ApprovedReport } from '../approved-report.js';
import type { ReportSigner } from './ports.js';

/** Stable JSON (sorted keys, no whitespace) so a signature covers content, not key order. */
export function stableJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(',')}}`;
}

export const UNSIGNED_DEV_SIGNER = 'UnsignedDevSigner';

/**
 * Placeholder used when no real signer (the exchange area's government signature) is
 * registered. It lets the workflow run in development, but its name marks every record it
 * produces and the clerk's check refuses them: such a report is never dispatched.
 */
export class UnsignedDevSigner implements ReportSigner {
  constructor(private readonly key = 'lienthong-dev-unsigned') {}

  private mac(report: ApprovedReport): string {
    return createHmac('sha256', this.key).update(stableJson(report)).digest('base64url');
  }

  async sign(report: ApprovedReport): Promise<{ signature: string; signer: string }> {
    return { signature: this.mac(report), signer: UNSIGNED_DEV_SIGNER };
  }

  async verify(report: ApprovedReport, signature: string): Promise<boolean> {
    const expected = Buffer.from(this.mac(report));
    const given = Buffer.from(signature);
    return expected.length === given.length && timingSafeEqual(expected, given);
  }
}

/**
 * The clerk's check (văn thư): a signature by the placeholder signer is never accepted; any
 * other must verify against the frozen report. Returns the reason to return it, or null.
 */
export async function clerkSignatureCheck(
  signer: ReportSigner,
  report: ApprovedReport | null,
  signature: string | null,
  signerName: string | null,
): Promise<string | null> {
  if (!report || !signature || !signerName) return 'Báo cáo chưa được ký số';
  if (signerName === UNSIGNED_DEV_SIGNER) return 'Báo cáo chưa được ký số bằng chữ ký số hợp lệ (chữ ký thử nghiệm)';
  const ok = await signer.verify(report, signature).catch(() => false);
  return ok ? null : 'Chữ ký số không hợp lệ hoặc nội dung báo cáo đã bị thay đổi sau khi ký';
}
