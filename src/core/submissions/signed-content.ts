import type { ApprovedReport } from '../approved-report.js';
import type { SqlExecutor } from '../../store/database.js';
import type { SubmissionContext } from './context.js';
import { buildApprovedReport } from './report-builder.js';
import { loadApprovedReport } from './repository/submissions.js';
import { stableJson } from './signer.js';

/** One difference between what the leader signed and what the report holds now. */
export interface SignedContentChange {
  /** A data cell (indicator, column), a list record (rowNo) or the narrative. */
  indicatorCode?: string;
  columnCode?: string;
  rowNo?: number;
  part: 'value' | 'record' | 'narrative';
  signed: unknown;
  now: unknown;
}

/**
 * Whether the data the leader signed (the frozen report, `approved_report`) is still what the
 * report holds: a signature covers the frozen copy, so a value changed afterwards (a restore,
 * a hand edit in the database, a bug) would otherwise go unnoticed while the unit's page and
 * its figures say something else than what was signed.
 */
export interface SignedContentCheck {
  unchanged: boolean;
  version: number;
  approvedAt: string;
  changes: SignedContentChange[];
}

/** States in which the report carries a signature over frozen data. */
const SIGNED_STATES: readonly string[] = ['approved', 'sent', 'accepted'];

const cellKey = (v: ApprovedReport['values'][number]) => stableJson([v.indicatorCode, v.columnCode, v.disaggregation ?? null]);

function valueChanges(signed: ApprovedReport, now: ApprovedReport): SignedContentChange[] {
  const before = new Map(signed.values.map((v) => [cellKey(v), v]));
  const after = new Map(now.values.map((v) => [cellKey(v), v]));
  const out: SignedContentChange[] = [];
  for (const key of new Set([...before.keys(), ...after.keys()])) {
    const a = before.get(key);
    const b = after.get(key);
    if ((a?.value ?? null) === (b?.value ?? null)) continue;
    const cell = (a ?? b)!;
    out.push({
      part: 'value',
      indicatorCode: cell.indicatorCode,
      columnCode: cell.columnCode,
      signed: a?.value ?? null,
      now: b?.value ?? null,
    });
  }
  return out;
}

function recordChanges(signed: ApprovedReport, now: ApprovedReport): SignedContentChange[] {
  const a = signed.list?.records ?? [];
  const b = now.list?.records ?? [];
  const out: SignedContentChange[] = [];
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    if (stableJson(a[i]?.values ?? null) !== stableJson(b[i]?.values ?? null))
      out.push({ part: 'record', rowNo: i + 1, signed: a[i]?.values ?? null, now: b[i]?.values ?? null });
  }
  return out;
}

function narrativeChanges(signed: ApprovedReport, now: ApprovedReport): SignedContentChange[] {
  const strip = (r: ApprovedReport) =>
    r.narrative ? { ...r.narrative, attachments: r.narrative.attachments.map((x) => ({ name: x.name, sha256: x.sha256 })) } : null;
  const a = strip(signed);
  const b = strip(now);
  return stableJson(a) === stableJson(b) ? [] : [{ part: 'narrative', signed: a?.title ?? null, now: b?.title ?? null }];
}

/** The frozen report against the same report built again from the stored data now; null when not signed. */
export async function signedContentCheck(sql: SqlExecutor, ctx: SubmissionContext): Promise<SignedContentCheck | null> {
  const s = ctx.submission;
  if (!SIGNED_STATES.includes(s.state)) return null;
  const signed = await loadApprovedReport(sql, s.id);
  if (!signed) return null;
  const now = await buildApprovedReport(sql, ctx, {
    approvedBy: signed.approvedBy,
    approvedAt: new Date(signed.approvedAt),
    version: signed.version,
    kind: signed.kind,
  });
  const changes = [...valueChanges(signed, now), ...recordChanges(signed, now), ...narrativeChanges(signed, now)];
  return { unchanged: changes.length === 0, version: signed.version, approvedAt: signed.approvedAt, changes };
}

/** The clerk's reason to send the report back when the data changed after it was signed. */
export function changedAfterSigning(check: SignedContentCheck | null): string | null {
  if (!check || check.unchanged) return null;
  return `Số liệu đã thay đổi sau khi lãnh đạo ký (${check.changes.length} chỗ): chữ ký số không còn hiệu lực, báo cáo phải được trình và ký lại`;
}
