import type { Command } from 'commander';
import { loadConfig } from '../../config.js';
import { ConflictError } from '../../shared/errors.js';
import { runningGateway } from '../gateway-client.js';

/**
 * `lienthong audit archive [--dir DIR] [--before ISO] [--json]`: moves message-log records,
 * their time stamps and delivery attempts older than the retention into archive files now (the
 * gateway does it on its schedule, `delivery:archive-message-log`). Opens the store, so it
 * runs when no gateway does; a running gateway archives on its own schedule.
 */
export function registerArchive(audit: Command): void {
  audit
    .command('archive')
    .description('Chuyển bản ghi nhật ký gói tin cũ hơn thời hạn lưu sang tệp lưu trữ (có liên kết băm)')
    .option('--dir <dir>', 'thư mục lưu trữ (mặc định MESSAGE_LOG_ARCHIVE_DIR)')
    .option('--before <iso>', 'lưu trữ bản ghi trước thời điểm này (mặc định: bây giờ trừ MESSAGE_LOG_RETENTION_DAYS)')
    .option('--json', 'in JSON')
    .action(async (opts: { dir?: string; before?: string; json?: boolean }) => {
      const config = loadConfig();
      if (await runningGateway(config))
        throw new ConflictError(
          'ARCHIVE_GATEWAY_RUNNING',
          'Gateway đang chạy và tự lưu trữ theo lịch (delivery:archive-message-log); dừng gateway để lưu trữ bằng tay',
        );
      const { archiveSettings, retentionCutoff } = await import('../../delivery/archive/archive-settings.js');
      const { archiveMessageLog } = await import('../../delivery/archive/archive-message-log.js');
      const { openDatabase } = await import('../../store/open-database.js');
      const settings = archiveSettings(config);
      const dir = opts.dir ?? settings.dir;
      if (!dir)
        throw new ConflictError('CONFIG_INVALID', 'Chưa đặt thư mục lưu trữ: dùng --dir hoặc MESSAGE_LOG_ARCHIVE_DIR', {
          variable: 'MESSAGE_LOG_ARCHIVE_DIR',
        });
      const before = opts.before ? new Date(opts.before) : retentionCutoff(new Date(), settings.retentionDays);
      if (Number.isNaN(before.getTime()))
        throw new ConflictError('ARCHIVE_BEFORE_INVALID', `--before không phải thời điểm ISO 8601: ${opts.before}`);
      const db = await openDatabase(config);
      try {
        const r = await archiveMessageLog(db, { dir, before, now: () => new Date() });
        if (opts.json) console.log(JSON.stringify({ dir, before: before.toISOString(), ...r }));
        else if (r.files.length === 0) console.log(`Không có bản ghi nào trước ${before.toISOString()} để lưu trữ`);
        else
          for (const f of r.files)
            console.log(`${f.fileName}: bản ghi ${f.firstSeq}–${f.lastSeq}, ${f.attempts} lần gửi, ${f.timestamps} dấu thời gian`);
      } finally {
        await db.close();
      }
    });
}
