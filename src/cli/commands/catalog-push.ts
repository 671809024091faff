import type { Command } from 'commander';
import { loadConfig } from '../../config.js';
import { loadCoreConfig } from '../../core/core-config.js';
import { createCoreServices } from '../../core/core-services.js';
import { vietnamCalendar } from '../../core/calendar/index.js';
import { createOutboundSender } from '../../delivery/outbound-sender.js';
import { CATALOG_TYPES, type CatalogType } from '../../exchange/catalog/catalog-items.js';
import { hasChanges, type CatalogDiff } from '../../exchange/catalog/catalog-push.js';
import { syncCatalogs } from '../../exchange/catalog/catalog-sync.js';
import { readExchangeConfig } from '../../exchange/config.js';
import { loadMappings } from '../../exchange/mapping/loader.js';
import { sealSubjectPacket } from '../../exchange/packets/subject-packet.js';
import { orgCodeOf } from '../../exchange/pki/certificates.js';
import { openDatabase } from '../../store/open-database.js';

function line(d: CatalogDiff): string {
  if (!hasChanges(d)) return `${d.catalogType}: không đổi (phiên bản ${d.baseVersion}, ${d.unchanged} mục)`;
  const parts = [
    d.added.length ? `+${d.added.length} thêm (${d.added.slice(0, 8).join(', ')}${d.added.length > 8 ? ', …' : ''})` : '',
    d.changed.length ? `~${d.changed.length} sửa (${d.changed.slice(0, 8).join(', ')}${d.changed.length > 8 ? ', …' : ''})` : '',
    d.removed.length ? `-${d.removed.length} bỏ (${d.removed.slice(0, 8).join(', ')})` : '',
  ].filter(Boolean);
  return `${d.catalogType}: phiên bản ${d.baseVersion} → ${d.version}: ${parts.join('; ')}; ${d.unchanged} mục không đổi`;
}

/**
 * `lienthong catalog push [--dry-run] [--type T] [--json]`: the province's catalogs that changed
 * since their last push, in national terms; without --dry-run they are queued (signed, version + 1,
 * only what changed) for the running gateway's relay.
 */
export function registerCatalogPush(program: Command): void {
  const catalog = program.commands.find((c) => c.name() === 'catalog') ?? program.command('catalog');
  catalog
    .command('push')
    .description('Gửi danh mục (chế độ, biểu mẫu, kỳ, chỉ tiêu, bộ/nhóm chỉ tiêu, phân tổ) đã thay đổi lên hệ thống quốc gia')
    .option('--dry-run', 'chỉ hiện khác biệt, không gửi')
    .option('--type <type...>', `loại danh mục: ${CATALOG_TYPES.join(', ')}`)
    .option('--json', 'print JSON')
    .action(async (opts: { dryRun?: boolean; type?: string[]; json?: boolean }) => {
      const unknown = (opts.type ?? []).filter((t) => !(CATALOG_TYPES as readonly string[]).includes(t));
      if (unknown.length > 0) {
        console.error(`LỖI: loại danh mục không có: ${unknown.join(', ')} [CATALOG_TYPE_UNKNOWN]`);
        process.exitCode = 2;
        return;
      }
      const config = loadConfig();
      const settings = loadCoreConfig(config);
      const exchange = readExchangeConfig(config.env);
      const mappings = loadMappings(exchange.mappingsDir).national;
      const db = await openDatabase(config);
      try {
        const now = () => new Date();
        const core = createCoreServices(db, now, vietnamCalendar(settings.holidayOverrides), settings.cutoffRules);
        const creds = exchange.packetCredentials;
        // The gateway's outbound.send without its engine: the same fail-closed check, then the outbox (the engine sends).
        const outbound = createOutboundSender({ failClosedMs: config.settings.MESSAGE_LOG_TIMESTAMP_FAIL_CLOSED_MS, now });
        const result = await syncCatalogs(
          {
            db,
            core,
            mappings,
            now,
            sender: { orgCode: orgCodeOf(creds.certificate) ?? '000.00.00.H00', name: creds.commonName },
            seal: (input) => sealSubjectPacket({ ...input, mappingVersion: input.mappingVersion ?? mappings.version }, creds),
            send: (tx, packets) => outbound.send(tx, packets),
          },
          { dryRun: opts.dryRun === true, ...(opts.type ? { types: opts.type as CatalogType[] } : {}) },
        );
        if (opts.json) {
          console.log(JSON.stringify(result, null, 2));
          return;
        }
        for (const d of result.diffs) console.log(line(d));
        console.log(opts.dryRun ? 'Chạy thử: không gửi gói tin nào' : `Đã xếp hàng ${result.queued.length} gói tin danh mục`);
      } finally {
        await db.close();
      }
    });
}
