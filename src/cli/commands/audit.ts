import type { Command } from 'commander';
import { loadConfig } from '../../config.js';
import type { VerifyResult } from '../../delivery/message-log.js';
import type { TimestampVerifyResult } from '../../delivery/log-timestamps.js';
import type { AuditVerifyResult } from '../../store/audit-chain.js';
import type { ArchiveIndexEntry } from '../../delivery/archive/archive-index.js';
import type { ArchiveVerifyResult } from '../../delivery/archive/verify-archive.js';
import { runningGateway } from '../gateway-client.js';
import { registerArchive } from './audit-archive.js';

interface Verdicts {
  messageLog: VerifyResult;
  timestamps?: TimestampVerifyResult;
  auditLog: AuditVerifyResult;
  archives?: ArchiveIndexEntry[];
}

/** No gateway runs: open the store and check both chains and the time stamps here. */
async function fromStore(): Promise<Verdicts> {
  const config = loadConfig();
  const { verifyMessageLog } = await import('../../delivery/message-log.js');
  const { verifyAudit } = await import('../../store/audit-chain.js');
  const { openDatabase } = await import('../../store/open-database.js');
  const db = await openDatabase(config);
  try {
    const messageLog = await verifyMessageLog(db);
    // Trusted time: every RFC 3161 stamp of the chain head verifies and names its record's hash.
    const { verifyLogTimestamps } = await import('../../delivery/log-timestamps.js');
    const { readExchangeConfig } = await import('../../exchange/config.js');
    const timestamps = await verifyLogTimestamps(db, readExchangeConfig(config.env).trust);
    const { listArchives } = await import('../../delivery/archive/archive-index.js');
    return { messageLog, timestamps, auditLog: await verifyAudit(db), archives: await listArchives(db) };
  } finally {
    await db.close();
  }
}

/** The archive files in `dir`, against the index the store (or the running gateway) holds. */
async function checkArchive(dir: string, index: ArchiveIndexEntry[]): Promise<ArchiveVerifyResult> {
  const { verifyArchive } = await import('../../delivery/archive/verify-archive.js');
  const { readExchangeConfig } = await import('../../exchange/config.js');
  return verifyArchive(dir, index, readExchangeConfig(loadConfig().env).trust);
}

function printArchive(r: ArchiveVerifyResult): void {
  if (r.ok)
    console.log(
      `Lưu trữ: OK, ${r.files} tệp, ${r.messages} bản ghi (số 1 đến ${r.lastSeq}), ${r.timestamps} dấu thời gian, ${r.attempts} lần gửi`,
    );
  else {
    const f = r.firstBad!;
    console.error(`LỖI: tệp lưu trữ ${f.file}${f.seq !== undefined ? `, bản ghi số ${f.seq}` : ''}: ${f.message} [${f.problem}]`);
  }
  if (r.unindexed.length > 0) console.log(`Tệp không có trong chỉ mục (bỏ qua): ${r.unindexed.join(', ')}`);
}

function printPeople(v: Verdicts): void {
  const { messageLog: m, timestamps: s, auditLog: a } = v;
  const from = m.archivedThrough ? `, từ bản ghi số ${m.archivedThrough + 1} (trước đó đã lưu trữ)` : '';
  if (m.ok) console.log(`Nhật ký gói tin: OK, ${m.checked} bản ghi hợp lệ${from} (${m.pending} bản ghi chưa niêm phong)`);
  else {
    const what = m.firstBad!.problem === 'ALTERED' ? 'bị sửa đổi' : 'bị xoá';
    console.error(`LỖI: bản ghi số ${m.firstBad!.seq} ${what} (${m.checked} bản ghi trước đó hợp lệ) [MESSAGE_LOG_${m.firstBad!.problem}]`);
  }
  if (s?.ok) {
    console.log(`Dấu thời gian: ${s.checked} hợp lệ${s.latest ? `, mới nhất ${s.latest.genTime} (bản ghi số ${s.latest.seq})` : ''}`);
  } else if (s) {
    console.error(
      `LỖI: dấu thời gian của bản ghi số ${s.firstBad!.seq} không hợp lệ: ${s.firstBad!.message} [MESSAGE_LOG_${s.firstBad!.problem}]`,
    );
  }
  if (a.ok) console.log(`Nhật ký hệ thống: OK, ${a.checked} bản ghi hợp lệ (${a.pending} bản ghi chưa niêm phong)`);
  else {
    const what = a.firstBad!.problem === 'ALTERED' ? 'bị sửa đổi' : 'bị xoá';
    console.error(
      `LỖI: nhật ký hệ thống, bản ghi số ${a.firstBad!.seq} ${what} (${a.checked} bản ghi trước đó hợp lệ) [AUDIT_LOG_${a.firstBad!.problem}]`,
    );
  }
}

/**
 * `lienthong audit verify [--json]`: walks the delivery message log's hash chain (and its RFC
 * 3161 stamps) and the audit log's hash chain, and names the first altered or missing record
 * (exit code 1). Asks the running gateway when one runs (the embedded store is its own), else
 * opens the store. Read-only: records not sealed yet are counted, not checked.
 */
export function registerAudit(program: Command): void {
  const audit = program.command('audit').description('Kiểm tra nhật ký gói tin và nhật ký hệ thống (chuỗi băm chống sửa đổi)');
  audit
    .command('verify')
    .description('Kiểm tra toàn bộ chuỗi băm; báo bản ghi đầu tiên bị sửa hoặc bị xoá')
    .option('--json', 'in JSON')
    .option('--archive <dir>', 'cũng kiểm tra các tệp lưu trữ nhật ký gói tin trong thư mục này, từ bản ghi đầu tiên')
    .action(async (opts: { json?: boolean; archive?: string }) => {
      const gateway = await runningGateway(loadConfig());
      const v: Verdicts = gateway ? await gateway.api.get('/api/v1/ops/audit/verify') : await fromStore();
      const archive = opts.archive ? await checkArchive(opts.archive, v.archives ?? []) : undefined;
      const ok = v.messageLog.ok && (v.timestamps?.ok ?? true) && v.auditLog.ok && (archive?.ok ?? true);
      if (opts.json)
        console.log(
          JSON.stringify({
            ...v.messageLog,
            ok,
            ...(v.timestamps ? { timestamps: v.timestamps } : {}),
            auditLog: v.auditLog,
            ...(archive ? { archive } : {}),
            source: gateway ? 'gateway' : 'store',
          }),
        );
      else {
        printPeople(v);
        if (archive) printArchive(archive);
      }
      if (!ok) process.exitCode = 1;
    });
  registerArchive(audit);
}
