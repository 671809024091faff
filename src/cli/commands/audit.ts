import type { Command } from 'commander';
import { loadConfig } from '../../config.js';

/**
 * `lienthong audit verify [--json]`: walks the delivery message log's hash chain and names the
 * first altered or missing record (exit code 1). Read-only: messages not sealed yet are counted.
 */
export function registerAudit(program: Command): void {
  const audit = program.command('audit').description('Kiểm tra nhật ký gói tin gửi/nhận (chuỗi băm chống sửa đổi)');
  audit
    .command('verify')
    .description('Kiểm tra toàn bộ chuỗi băm; báo bản ghi đầu tiên bị sửa hoặc bị xoá')
    .option('--json', 'print JSON')
    .action(async (opts: { json?: boolean }) => {
      const config = loadConfig();
      const { verifyMessageLog } = await import('../../delivery/message-log.js');
      const { openDatabase } = await import('../../store/open-database.js');
      const db = await openDatabase(config);
      try {
        const result = await verifyMessageLog(db);
        // Trusted time: every RFC 3161 stamp of the chain head verifies and names its record's hash.
        const { verifyLogTimestamps } = await import('../../delivery/log-timestamps.js');
        const { readExchangeConfig } = await import('../../exchange/config.js');
        const stamps = await verifyLogTimestamps(db, readExchangeConfig(config.env).trust);
        if (opts.json) console.log(JSON.stringify({ ...result, ok: result.ok && stamps.ok, timestamps: stamps }));
        else if (result.ok) console.log(`OK: ${result.checked} bản ghi hợp lệ (${result.pending} bản ghi chưa niêm phong)`);
        else {
          const what = result.firstBad!.problem === 'ALTERED' ? 'bị sửa đổi' : 'bị xoá';
          console.error(
            `LỖI: bản ghi số ${result.firstBad!.seq} ${what} (${result.checked} bản ghi trước đó hợp lệ) [MESSAGE_LOG_${result.firstBad!.problem}]`,
          );
        }
        if (!opts.json && stamps.ok) {
          console.log(
            `Dấu thời gian: ${stamps.checked} hợp lệ${stamps.latest ? `, mới nhất ${stamps.latest.genTime} (bản ghi số ${stamps.latest.seq})` : ''}`,
          );
        } else if (!opts.json) {
          console.error(
            `LỖI: dấu thời gian của bản ghi số ${stamps.firstBad!.seq} không hợp lệ: ${stamps.firstBad!.message} [MESSAGE_LOG_${stamps.firstBad!.problem}]`,
          );
        }
        if (!result.ok || !stamps.ok) process.exitCode = 1;
      } finally {
        await db.close();
      }
    });
}
