import type { Command } from 'commander';
import { createBackup, pruneBackups, restoreBackup } from '../../backup/backup-service.js';
import { readBackupConfig, storeLocationOf } from '../../backup/config.js';
import { loadConfig } from '../../config.js';
import { AppError } from '../../shared/errors.js';
import { appendAudit } from '../../store/audit-log.js';
import { openDatabase } from '../../store/open-database.js';

/**
 * `lienthong backup [--dir D] [--prune] [--json]` and `lienthong restore FILE [--force] [--json]`,
 * for the store the gateway is configured with (DATABASE_URL → pg_dump/pg_restore; else the
 * PGlite folder DATA_DIR, which only one process may hold: with the gateway running, its
 * BACKUP_DIR schedule takes the embedded store's backups).
 */
export function registerBackup(program: Command): void {
  program
    .command('backup')
    .description('Sao lưu kho dữ liệu (PostgreSQL: pg_dump; nhúng: bản sao thư mục PGlite) vào BACKUP_DIR hoặc --dir')
    .option('--dir <dir>', 'thư mục chứa bản sao lưu (mặc định BACKUP_DIR)')
    .option('--prune', 'xoá bản sao lưu cũ hơn BACKUP_RETENTION_DAYS (luôn giữ bản mới nhất)')
    .option('--json', 'print JSON')
    .action(async (opts: { dir?: string; prune?: boolean; json?: boolean }) => {
      const config = loadConfig();
      const backup = readBackupConfig(config.settings);
      const dir = opts.dir ?? backup.dir;
      if (!dir) throw new AppError('BACKUP_DIR_MISSING', 'Chưa chỉ định thư mục sao lưu: dùng --dir hoặc đặt BACKUP_DIR', 2);
      const db = await openDatabase(config);
      try {
        const now = new Date();
        const manifest = await createBackup(db, storeLocationOf(config), dir, now);
        const pruned = opts.prune ? pruneBackups(dir, backup.retentionDays, now) : [];
        await appendAudit(db, {
          actor: 'cli',
          action: 'backup.created',
          subject: manifest.file,
          details: { dir, size: manifest.size, sha256: manifest.sha256, counts: manifest.counts, pruned },
        });
        if (opts.json) console.log(JSON.stringify({ dir, ...manifest, pruned }));
        else {
          console.log(`Đã sao lưu: ${dir}/${manifest.file} (${manifest.size} byte, sha256 ${manifest.sha256})`);
          console.log(
            `  ${manifest.counts.packets} gói tin, ${manifest.counts.messages} bản ghi nhật ký, ${manifest.counts.auditEntries} mục kiểm toán`,
          );
          if (pruned.length) console.log(`  Đã xoá ${pruned.length} bản cũ: ${pruned.join(', ')}`);
        }
      } finally {
        await db.close();
      }
    });

  program
    .command('restore <file>')
    .description('Khôi phục kho dữ liệu từ một bản sao lưu (kiểm tra mã băm trước); gateway phải đang dừng')
    .option('--force', 'ghi đè kho đang có dữ liệu (thư mục PGlite cũ được giữ lại bên cạnh)')
    .option('--json', 'print JSON')
    .action(async (file: string, opts: { force?: boolean; json?: boolean }) => {
      const config = loadConfig();
      const outcome = await restoreBackup(file, storeLocationOf(config), { force: Boolean(opts.force), now: new Date() });
      // Migrations of newer code apply on top; the restore itself is audited in the restored store.
      const db = await openDatabase(config);
      try {
        await appendAudit(db, {
          actor: 'cli',
          action: 'backup.restored',
          subject: outcome.manifest.file,
          details: { sha256: outcome.manifest.sha256, createdAt: outcome.manifest.createdAt, movedAside: outcome.movedAside ?? null },
        });
      } finally {
        await db.close();
      }
      if (opts.json) console.log(JSON.stringify(outcome));
      else {
        console.log(
          `Đã khôi phục ${outcome.manifest.file} (sao lưu lúc ${outcome.manifest.createdAt}, ${outcome.manifest.counts.packets} gói tin)`,
        );
        if (outcome.movedAside) console.log(`  Thư mục dữ liệu cũ được giữ tại ${outcome.movedAside}`);
        console.log('  Kiểm tra: lienthong audit verify');
      }
    });
}
