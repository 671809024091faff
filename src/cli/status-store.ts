import type { Config } from '../config.js';
import type { AttentionRow } from '../console/attention.js';
import type { SyncStatus } from '../console/sync-status.js';

export interface StoreStatus {
  status: SyncStatus & { reports: (SyncStatus['reports'][number] & { orgUnitName: string })[] };
  attention: AttentionRow[];
  capped: boolean;
}

/**
 * `lienthong status` with no gateway running: opens only the database, the delivery queue (for
 * its depths) and the delivery and org-unit read services, not the whole gateway assembly,
 * whose start (every module compiled and initialised) was most of the command's time at any
 * history size. Lists are one page each: `attentionPerState` rows per state, `reportsLimit` reports.
 */
export async function statusFromStore(config: Config, period: string | undefined, pageRows: number): Promise<StoreStatus> {
  const [{ openDatabase }, { createDeliveryServices }, { ChannelBreakers }, { openDeliveryQueue }] = await Promise.all([
    import('../store/open-database.js'),
    import('../delivery/delivery-services.js'),
    import('../delivery/breakers.js'),
    import('../delivery/queue/open-queue.js'),
  ]);
  const [{ redisLinkFrom }, { savedCircuits }, { OrgUnitRepository }, { syncStatus }, { attentionList }] = await Promise.all([
    import('../shared/redis-link.js'),
    import('../delivery/saved-circuits.js'),
    import('../core/org-units/repository.js'),
    import('../console/sync-status.js'),
    import('../console/attention.js'),
  ]);
  const db = await openDatabase(config);
  // The same queue settings as the composition root's queues module (typed, checked at load).
  const queue = openDeliveryQueue({
    redisUrl: config.redisUrl,
    prefix: config.settings.QUEUE_PREFIX,
    link: redisLinkFrom(config.settings),
  });
  const now = () => new Date();
  try {
    const delivery = createDeliveryServices(db, queue, new ChannelBreakers(db, now), now);
    const names = new Map((await new OrgUnitRepository(db).list()).map((u) => [u.id, u.name]));
    const nameOf = (id: string) => names.get(id) ?? id;
    const [status, attention, circuits] = await Promise.all([
      syncStatus(delivery, period, { reportsLimit: pageRows }),
      attentionList(delivery, now(), () => true, nameOf, pageRows + 1),
      savedCircuits(db),
    ]);
    return {
      status: {
        ...status,
        circuits: withChannelsInUse(circuits, Object.keys(status.byChannel)),
        reports: status.reports.map((r) => ({ ...r, orgUnitName: nameOf(r.orgUnitId) })),
      },
      attention: attention.rows,
      capped: attention.capped,
    };
  } finally {
    await queue.close();
    await db.close();
  }
}

/** Channels that carried packets but never saved a failure read closed and healthy, as a stopped gateway's do. */
function withChannelsInUse(saved: SyncStatus['circuits'], inUse: string[]): SyncStatus['circuits'] {
  const known = new Set(saved.map((c) => c.channel));
  const healthy = inUse.filter((ch) => !known.has(ch)).map((channel) => ({ channel, state: 'closed' as const, failingSince: null }));
  return [...saved, ...healthy].sort((a, b) => a.channel.localeCompare(b.channel));
}
