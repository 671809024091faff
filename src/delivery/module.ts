import type { ApprovedReport } from '../core/approved-report.js';
import type { SubmissionsServices } from '../core/submissions/services.js';
import type { ExchangeServices } from '../exchange/services.js';
import type { GatewayModule } from '../gateway/module.js';
import type { JobScheduler } from '../scheduling/scheduler.js';
import { logger } from '../shared/logger.js';
import type { Channel, DeliveryReceipt, OutboundPacket } from './channel.js';
import type { ChannelSet } from './channel-set.js';
import type { PacketRecord } from './packet-store.js';

import { deliveryConfigFrom } from './config.js';
import { DeliveryEngine } from './engine.js';
import { cancelRecalled, writeOutbox } from './outbox.js';
import { assertTimestamping, stampHead } from './log-timestamps.js';
import { timestampSettings } from './log-timestamp-settings.js';
import { registerArchiveJob } from './archive/archive-job.js';
import { createOutboundServices, type OutboundServices } from './outbound.js';
import { createOutboundSender } from './outbound-sender.js';
import { foldPacketCounts } from './packet-counts.js';
import { openReportPacketsBatched } from './report-acceptance.js';
import type { DeliveryQueues } from './queue/queues.js';
import type { DeliveryServices } from './services.js';

type Requires = {
  scheduler: JobScheduler;
  channels: ChannelSet;
  submissions: SubmissionsServices;
  exchange: ExchangeServices;
  queues: DeliveryQueues;
};

export interface DeliveryModuleOptions {
  /** Replace the channels the composition root built (tests). */
  channels?: Partial<Record<'national' | 'edoc' | 'archive' | 'ministry', Channel>>;
  /** Replace `ctx.services.exchange.buildPackets` (tests). */
  buildPackets?: (report: ApprovedReport) => Promise<OutboundPacket[]>;
}

export function createDeliveryModule(
  options: DeliveryModuleOptions = {},
): GatewayModule<Requires, { delivery: DeliveryServices; outbound: OutboundServices }> {
  return {
    name: 'delivery',
    requires: { scheduler: true, channels: true, submissions: true, exchange: true, queues: true },
    provides: { delivery: true, outbound: true },
    async init(ctx) {
      const cfg = deliveryConfigFrom(ctx.config);
      const { national, edoc, archive, ministry } = ctx.services.channels;
      const channels = options.channels ?? {
        ...(national ? { national } : {}),
        ...(edoc ? { edoc } : {}),
        ...(archive ? { archive } : {}),
        ...(ministry ? { ministry } : {}),
      };
      // Opened by the composition root (src/app/adapters/queues-module.ts; a test replaces it there).
      const queue = ctx.services.queues.delivery;
      const { submissions, exchange } = ctx.services;
      const openReportPackets = openReportPacketsBatched(ctx.db);
      const onAcknowledged = async (packet: PacketRecord, receipt: DeliveryReceipt): Promise<void> => {
        // Only the report's own packets decide its acceptance (status, catalog packets have no submission state).
        if (packet.subjectKind !== 'report' || !packet.submissionId) return;
        // The report is accepted once every national packet of this version has arrived.
        if ((await openReportPackets(packet.submissionId, packet.submissionVersion)) > 0) return;
        await submissions.markAcceptedByReceiver(packet.submissionId, { receiptId: receipt.remoteId, system: 'national' });
        // Our profile's acceptance acknowledgement (report-status DA_TIEP_NHAN, contracts/national/v1/report-status):
        // the province confirms it recorded the acceptance; deterministic id, so a second answer sends nothing more.
        if (cfg.acceptanceAck) {
          await ctx.db.transaction((tx) =>
            outbound.sendReportStatus(tx, {
              submissionId: packet.submissionId!,
              version: packet.submissionVersion,
              status: 'DA_TIEP_NHAN',
              reason: `Đã ghi nhận kết quả tiếp nhận (biên nhận ${receipt.remoteId})`,
            }),
          );
        }
      };
      const engine = new DeliveryEngine({
        db: ctx.db,
        queue,
        channels,
        now: ctx.now,
        retry: cfg.retry,
        fallback: cfg.fallback,
        breaker: cfg.breaker,
        relay: cfg.relay,
        concurrency: cfg.concurrency,
        runWorker: cfg.runWorker,
        reconcileIntervalMs: cfg.reconcileIntervalMs,
        // Sweep and reconciliation once per slot across the instances, on the gateway scheduler (below).
        reconcileLoop: false,
        staleMs: cfg.staleMs,
        sealIntervalMs: cfg.sealIntervalMs,
        onAcknowledged,
        // A report packet refused for good when sent (e.g. NATIONAL_SIGNATURE_REJECTED) is the report refused, with the reason.
        onRejected: async (packet, error) => {
          if (packet.subjectKind !== 'report' || !packet.submissionId) return;
          await submissions.recordNationalOutcome(packet.submissionId, {
            outcome: 'refused',
            version: packet.submissionVersion,
            code: error.code,
            packetId: packet.packetId,
            system: 'national',
            reason: `Hệ thống báo cáo Chính phủ từ chối gói tin (${error.code}): ${error.message}`,
          });
        },
        // A refusal or return seen by polling takes the signed callback's path (message log, packet, submission).
        onAnswer: (answer) => outbound.applyAnswer(answer),
      });
      const stamping = timestampSettings(ctx);
      const outbound = createOutboundServices((input) => exchange.buildReportStatus(input), ctx.now, {
        db: ctx.db,
        now: ctx.now,
        onAcknowledged,
        recordOutcome: (id, o) => submissions.recordNationalOutcome(id, o),
      });
      // A status notice a person causes (recall THU_HOI, correction DINH_CHINH) is a new packet like
      // any other: with the message log closed the person's action rolls back with 503 and can be
      // retried. The automatic DA_TIEP_NHAN acknowledgement is not held: it answers a receipt already
      // recorded, and refusing it would only lose the answer (its packet is stamped with the next head).
      const sendNotice: OutboundServices['sendReportStatus'] = async (tx, request) => {
        await assertTimestamping(tx, stamping.failClosedMs, ctx.now());
        return outbound.sendReportStatus(tx, request);
      };
      // What other areas call (catalog feed, ministry push connectors): send checks the time-stamp fail-closed policy first.
      const outboundServices: OutboundServices = {
        ...outbound,
        ...createOutboundSender({ failClosedMs: stamping.failClosedMs, now: ctx.now }),
        sendReportStatus: sendNotice,
      };
      const build = options.buildPackets ?? ((r: ApprovedReport) => exchange.buildPackets(r));
      submissions.onDispatched(async (tx, report) => {
        await assertTimestamping(tx, stamping.failClosedMs, ctx.now());
        await writeOutbox(tx, report, await build(report), cfg.fallback.archiveToEdoc, ctx.now());
        // A correction supersedes the version the national system holds: tell it (report-status DINH_CHINH).
        if (report.kind === 'correction' && report.version > 1) {
          await outbound.sendReportStatus(tx, {
            submissionId: report.submissionId,
            version: report.version - 1,
            status: 'DINH_CHINH',
            at: report.approvedAt,
            reason: `Đính chính: thay thế bởi phiên bản ${report.version}`,
          });
        }
      });
      // workflow's THU_HOI / DINH_CHINH notices become report-status packets (idempotent with the
      // ones queued above and below: same packet id).
      submissions.onReportStatus(async (tx, n) => {
        const about = n.status === 'DINH_CHINH' ? (n.replacesVersion ?? n.version - 1) : n.version;
        if (about < 1) return;
        await sendNotice(tx, {
          submissionId: n.submissionId,
          version: about,
          status: n.status,
          ...(n.reason ? { reason: n.reason } : {}),
          ...(n.at ? { at: n.at } : {}),
        });
      });
      submissions.onRecalled(async (tx, notice) => {
        const cancelled = await cancelRecalled(tx, notice, ctx.now());
        if (cancelled.length > 0)
          logger.info('packets of a recalled report cancelled', { submissionId: notice.submissionId, packets: cancelled });
        // What had already left is recalled at the national system too (report-status THU_HOI).
        await sendNotice(tx, {
          submissionId: notice.submissionId,
          version: notice.version,
          status: 'THU_HOI',
          at: notice.recalledAt,
          ...(notice.reason ? { reason: notice.reason } : {}),
        });
      });
      const runsWorker = cfg.runWorker;
      const { scheduler } = ctx.services;
      // Counter deltas folded once per slot across instances (reads sum the unfolded rest).
      await scheduler.register({
        id: 'delivery:fold-packet-counts',
        everyMs: cfg.countFoldMs,
        run: async () => void (await foldPacketCounts(ctx.db)),
      });
      if (runsWorker) {
        await scheduler.register({
          id: 'delivery:reconcile',
          everyMs: cfg.reconcileIntervalMs,
          run: async () => {
            try {
              await engine.reconciler.runOnce();
            } catch (err) {
              logger.warn('delivery reconciliation failed', { error: (err as Error).message });
            }
          },
        });
      }
      const tsa = stamping.tsa();
      if (tsa && runsWorker) {
        // The chain head is time-stamped once per period across every instance (the scheduler).
        await scheduler.register({
          id: 'delivery:timestamp-log-head',
          everyMs: stamping.intervalMs,
          run: async () => {
            try {
              await stampHead(ctx.db, tsa, ctx.now);
            } catch (err) {
              logger.warn('message log time-stamp failed', { error: (err as Error).message });
            }
          },
        });
      }
      await registerArchiveJob(ctx, scheduler, runsWorker);
      return {
        services: { delivery: engine.services, outbound: outboundServices },
        health: [
          {
            name: 'delivery-queue',
            check: async () => {
              // A lost Redis link answers at once, not after the counts command waits for the reconnect.
              const link = queue.link?.();
              if (link && !link.ok) return { ok: false, detail: `${queue.driver}: ${link.detail}` };
              const c = await queue.counts();
              return { ok: true, detail: `${queue.driver}: ${c.waiting} waiting, ${c.active} active, ${c.delayed} delayed` };
            },
          },
        ],
        start: async () => {
          await engine.start();
        },
        stop: async () => {
          await engine.stop();
        },
      };
    },
  };
}

/** Delivery engine; starts after `exchangeModule` and the root's `channelsModule` and `queuesModule`. */
export const deliveryModule = createDeliveryModule();
