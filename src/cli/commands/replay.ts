import type { Command } from 'commander';
import { loadConfig, type Config } from '../../config.js';
import type { DeliveryServices, PacketView, ReplayResult } from '../../delivery/services.js';
import { ValidationError } from '../../shared/errors.js';
import { runningGateway, type GatewayClient } from '../gateway-client.js';

/** The console's per-request limit (MAX_REPLAY_BATCH). */
const BATCH = 500;

async function viaGateway(gateway: GatewayClient, ids: string[], allDead: boolean): Promise<ReplayResult> {
  if (allDead)
    ids = (await gateway.api.get('/api/v1/console/dead-letters', { params: { query: { limit: 1000 } } })).packets.map((p) => p.packetId);
  const result: ReplayResult = { requeued: [], skipped: [] };
  for (let i = 0; i < ids.length; i += BATCH) {
    const r = await gateway.api.post('/api/v1/console/replay', { body: { packetIds: ids.slice(i, i + BATCH) } });
    result.requeued.push(...r.requeued);
    result.skipped.push(...r.skipped);
  }
  return result;
}

/** Every dead or rejected packet, least recently changed first, read page by page from the delivery engine. */
async function deadLetters(delivery: DeliveryServices): Promise<string[]> {
  const dead: PacketView[] = [];
  let cursor: string | undefined;
  do {
    const page = await delivery.pagePackets({ states: ['dead', 'rejected'], limit: 1000, ...(cursor ? { cursor } : {}) });
    dead.push(...page.packets);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return dead.sort((a, b) => a.updatedAt.localeCompare(b.updatedAt)).map((p) => p.packetId);
}

/** No gateway runs: put the packets back in the outbox directly; the next start's relay sends them. */
async function viaStore(config: Config, ids: string[], allDead: boolean, actor: string): Promise<ReplayResult> {
  const { openDatabase } = await import('../../store/open-database.js');
  const { createDeliveryServices } = await import('../../delivery/delivery-services.js');
  const { ChannelBreakers } = await import('../../delivery/breakers.js');
  const { MemoryQueue } = await import('../../delivery/queue/memory-queue.js');
  const db = await openDatabase(config);
  try {
    const services = createDeliveryServices(db, new MemoryQueue(), new ChannelBreakers(db, () => new Date()), () => new Date());
    if (allDead) ids = await deadLetters(services);
    return await services.replay(ids, actor);
  } finally {
    await db.close();
  }
}

/**
 * `lienthong replay <packetId...> | --all-dead [--json]`: puts dead-lettered packets (dead,
 * rejected) back through the outbox with a fresh retry budget, through the running gateway's
 * API when one runs (audited as console.replay by cli:<os user>), else in the store directly.
 */
export function registerReplay(program: Command): void {
  program
    .command('replay')
    .description('Gửi lại gói tin lỗi (thư chết) theo mã gói tin, hoặc tất cả với --all-dead')
    .argument('[packetIds...]', 'mã gói tin')
    .option('--all-dead', 'mọi gói thư chết hoặc bị từ chối')
    .option('--actor <name>', 'người yêu cầu (nhật ký) khi không có gateway đang chạy', `cli:${process.env.USER ?? 'operator'}`)
    .option('--json', 'in JSON')
    .action(async (packetIds: string[], opts: { allDead?: boolean; actor: string; json?: boolean }) => {
      if (!opts.allDead && packetIds.length === 0) throw new ValidationError('REPLAY_NOTHING', 'Cho mã gói tin hoặc --all-dead');
      if (opts.allDead && packetIds.length > 0)
        throw new ValidationError('REPLAY_AMBIGUOUS', 'Cho mã gói tin hoặc --all-dead, không cả hai');
      const config = loadConfig();
      const gateway = await runningGateway(config);
      const result = gateway
        ? await viaGateway(gateway, packetIds, Boolean(opts.allDead))
        : await viaStore(config, packetIds, Boolean(opts.allDead), opts.actor);
      if (opts.json) console.log(JSON.stringify(result));
      else {
        console.log(`Đã đưa lại vào hàng đợi: ${result.requeued.length}; bỏ qua: ${result.skipped.length}`);
        for (const s of result.skipped) console.log(`  bỏ qua ${s.packetId}: ${s.reason}`);
      }
      if (result.requeued.length === 0 && (packetIds.length > 0 || result.skipped.length > 0)) process.exitCode = 1;
    });
}
