import type { CoreServices } from '../../core/core-services.js';
import type { OutboundServices } from '../../delivery/outbound.js';
import type { GatewayContext, GatewayModule } from '../../gateway/module.js';
import type { MinistryServices } from '../../ministry/services.js';
import type { NationalPushServices } from '../kpi/services.js';
import type { JobScheduler } from '../../scheduling/scheduler.js';
import type { ChannelSet } from '../../delivery/channel-set.js';
import type { ExchangeServices } from '../services.js';
import { logger } from '../../shared/logger.js';
import { hasChanges } from './catalog-push.js';
import { syncCatalogs, type CatalogSyncDeps } from './catalog-sync.js';
import { pollCatalogFeed } from '../inbound/catalog-feed.js';
import { nationalPushServices } from '../kpi/push-service.js';

/** Scheduled job ids (one slot runs once across every gateway instance). */
export const CATALOG_PUSH_JOB = 'exchange:catalog-push';
export const CATALOG_FEED_JOB = 'exchange:catalog-feed';
export const KPI_PUSH_JOB = 'exchange:kpi-push';

/**
 * Pushes the province's catalogs (regimes, forms, outline forms, periods, indicators, KPI set,
 * groups, disaggregations) to the national system at start and whenever they change: the check
 * is a job of the gateway's scheduler (`scheduler`: BullMQ job scheduler with Redis,
 * so each slot runs on one instance only; in-process timer when embedded) every
 * CATALOG_PUSH_INTERVAL_MS (default 60000), and so is the read of the national catalog feed.
 * CATALOG_PUSH=false switches both off. Starts after delivery: packets go through `outbound`.
 */
export const catalogSyncModule: GatewayModule<
  { core: CoreServices; exchange: ExchangeServices; outbound: OutboundServices; channels: ChannelSet; scheduler: JobScheduler },
  { nationalPush: NationalPushServices }
> = {
  name: 'catalog-sync',
  requires: { core: true, exchange: true, outbound: true, channels: true, scheduler: true },
  provides: { nationalPush: true },
  async init(ctx) {
    const { settings } = ctx.config;
    const enabled = settings.CATALOG_PUSH;
    const intervalMs = settings.CATALOG_PUSH_INTERVAL_MS;
    const { core, exchange, outbound, scheduler } = ctx.services;
    const live = ctx as GatewayContext<typeof ctx.services & Partial<{ ministry: MinistryServices }>>;
    const nationalPush = nationalPushServices(live, (tx, packets) => outbound.send(tx, packets));
    if (!enabled) return { services: { nationalPush } };
    const deps: CatalogSyncDeps = {
      db: ctx.db,
      core,
      mappings: exchange.mappings.national,
      sender: exchange.sender,
      seal: (input) => exchange.sealPacket(input),
      send: (tx, packets) => outbound.send(tx, packets),
      now: ctx.now,
    };
    const feedUrl = ctx.services.channels.endpoints.national;
    const readFeed = async () => {
      if (feedUrl && settings.NATIONAL_CATALOG_FEED) {
        await pollCatalogFeed(ctx, feedUrl, exchange.mappings.national).catch((err: Error) =>
          logger.warn('national catalog feed not read', { error: err.message }),
        );
      }
    };
    const push = async () => {
      try {
        const result = await syncCatalogs(deps);
        const changed = result.diffs.filter(hasChanges);
        if (changed.length > 0)
          logger.info('catalogs pushed to the national system', {
            catalogs: changed.map((d) => `${d.catalogType}@${d.version}`),
            packets: result.queued.length,
          });
      } catch (err) {
        logger.warn('catalog push failed; retried at the next check', { error: (err as Error).message });
      }
    };
    await scheduler.register({ id: CATALOG_PUSH_JOB, everyMs: intervalMs, run: push });
    await scheduler.register({ id: CATALOG_FEED_JOB, everyMs: intervalMs, run: readFeed });
    // KPI data from what the ministries sent (ministry module, started later: read at run time).
    await scheduler.register({
      id: KPI_PUSH_JOB,
      everyMs: intervalMs,
      run: async () => {
        if (live.services.ministry) await nationalPush.pushAllKpi();
      },
    });
    let first: Promise<void> | undefined;
    return {
      services: { nationalPush },
      start: async () => {
        // The first push only writes the outbox (no network): done before start returns. Concurrent
        // instances serialize on the catalog version row (a second push finds nothing changed).
        await push();
        first = readFeed();
      },
      stop: async () => {
        await first;
      },
    };
  },
};
