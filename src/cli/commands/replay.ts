import type { Command } from 'commander';
import { loadConfig } from '../../config.js';
import { ChannelBreakers } from '../../delivery/breakers.js';
import { createDeliveryServices } from '../../delivery/delivery-services.js';
import { MemoryQueue } from '../../delivery/queue/memory-queue.js';
import { ValidationError } from '../../shared/errors.js';
import { openDatabase } from '../../store/open-database.js';

/**
 * `lienthong replay <packetId...> | --all-dead [--actor NAME] [--json]`: puts dead-lettered
 * packets (dead, rejected) back through the outbox with a fresh retry budget; the running
 * gateway's relay picks them up. Audited as delivery.replay.
 */
export function registerReplay(program: Command): void {
  program
    .command('replay')
    .description('Gửi lại gói tin lỗi (dead letter) theo mã gói tin, hoặc tất cả với --all-dead')
    .argument('[packetIds...]', 'packet ids')
    .option('--all-dead', 'every dead or rejected packet')
    .option('--actor <name>', 'who asks (audit log)', `cli:${process.env.USER ?? 'operator'}`)
    .option('--json', 'print JSON')
    .action(async (packetIds: string[], opts: { allDead?: boolean; actor: string; json?: boolean }) => {
      if (!opts.allDead && packetIds.length === 0) throw new ValidationError('REPLAY_NOTHING', 'Give packet ids or --all-dead');
      if (opts.allDead && packetIds.length > 0) throw new ValidationError('REPLAY_AMBIGUOUS', 'Give packet ids or --all-dead, not both');
      const db = await openDatabase(loadConfig());
      try {
        let ids = packetIds;
        if (opts.allDead) {
          const rows = await db.query<{ packet_id: string }>("SELECT packet_id FROM delivery_packets WHERE state IN ('dead', 'rejected') ORDER BY updated_at");
          ids = rows.rows.map((r) => r.packet_id);
        }
        const services = createDeliveryServices(db, new MemoryQueue(), new ChannelBreakers(db, () => new Date()), () => new Date());
        const result = await services.replay(ids, opts.actor);
        if (opts.json) console.log(JSON.stringify(result));
        else {
          console.log(`Đã đưa lại vào hàng đợi: ${result.requeued.length}`);
          for (const s of result.skipped) console.log(`Bỏ qua ${s.packetId}: ${s.reason}`);
        }
        if (result.requeued.length === 0 && ids.length > 0) process.exitCode = 1;
      } finally {
        await db.close();
      }
    });
}
