import type { ApprovedReport } from '../core/approved-report.js';
import type { GatewayContext } from '../gateway/context.js';
import type { GatewayModule } from '../gateway/module.js';
import { edocChannelsFromEnv } from '../channels/edoc/config.js';
import { createNationalChannel } from '../channels/national/channel.js';
import { schedulerOf } from '../scheduling/scheduler-of.js';
import { UnavailableError } from '../shared/errors.js';
import { logger } from '../shared/logger.js';
import type { Channel, DeliveryReceipt, OutboundPacket } from './channel.js';
import type { OutcomeRecorder } from './national-answers.js';
import type { PacketRecord } from './packet-store.js';
import type { SqlExecutor } from '../store/database.js';

/** workflow's ReportStatusNotice, as far as delivery reads it. */
interface ReportStatusNotice {
  submissionId: string;
  version: number;
  status: 'THU_HOI' | 'DINH_CHINH';
  reason?: string | null;
  at?: string;
  replacesVersion?: number;
}
import { deliveryConfigFrom, type DeliveryConfig } from './config.js';
import { DeliveryEngine } from './engine.js';
import { cancelRecalled, writeOutbox } from './outbox.js';
import { assertTimestamping, stampHead } from './log-timestamps.js';
import { timestampSettings } from './log-timestamp-settings.js';
import { createOutboundServices } from './outbound.js';
import { foldPacketCounts } from './packet-counts.js';
import { openDeliveryQueue } from './queue/open-queue.js';
import type { DeliveryQueue } from './queue/queue.js';

export interface DeliveryModuleOptions {
  /** Replace the channels built from NATIONAL_URL / EDOC_URL / the simulators (tests). */
  channels?: Partial<Record<'national' | 'edoc' | 'archive', Channel>>;
  queue?: DeliveryQueue;
  /** Replace `ctx.services.exchange.buildPackets` (tests). */
  buildPackets?: (report: ApprovedReport) => Promise<OutboundPacket[]>;
}

/** The configured URL first, the in-process simulator's as the default. */
function defaultChannels(ctx: GatewayContext, cfg: DeliveryConfig): Partial<Record<'national' | 'edoc' | 'archive', Channel>> {
  const channels: Partial<Record<'national' | 'edoc' | 'archive', Channel>> = {};
  const nationalUrl = cfg.nationalUrl ?? ctx.services.simulators?.national?.url;
  const national =
    ctx.services.exchange?.nationalChannel() ??
    (nationalUrl ? createNationalChannel({ baseUrl: nationalUrl, timeoutMs: cfg.breaker.timeoutMs }) : undefined);
  if (national) channels.national = national;
  const edoc = edocChannelsFromEnv(ctx.config.env, { simulatorUrl: ctx.services.simulators?.edoc?.url, now: ctx.now });
  if (edoc) {
    channels.edoc = edoc.fallback;
    channels.archive = edoc.archive;
  }
  return channels;
}

export function createDeliveryModule(options: DeliveryModuleOptions = {}): GatewayModule {
  return {
    name: 'delivery',
    async init(ctx) {
      const cfg = deliveryConfigFrom(ctx.config);
      const channels = options.channels ?? defaultChannels(ctx, cfg);
      const queue =
        options.queue ?? openDeliveryQueue({ redisUrl: cfg.redisUrl, prefix: cfg.queuePrefix, lockDurationMs: cfg.lockDurationMs });
      const submissions = ctx.services.submissions;
      const onAcknowledged = async (packet: PacketRecord, receipt: DeliveryReceipt): Promise<void> => {
        // Only the report's own packets decide its acceptance (status, catalog packets have no submission state).
        if (packet.subjectKind !== 'report' || !packet.submissionId) return;
        // The report is accepted once every national packet of this version has arrived.
        const open = await ctx.db.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM delivery_packets WHERE submission_id = $1 AND submission_version = $2 AND route = 'national'
             AND subject_kind = 'report' AND state NOT IN ('acknowledged', 'reconciled')`,
          [packet.submissionId, packet.submissionVersion],
        );
        if (open.rows[0]!.n > 0) return;
        await submissions?.markAcceptedByReceiver(packet.submissionId, { receiptId: receipt.remoteId, system: 'national' });
        // Our profile's acceptance acknowledgement (report-status DA_TIEP_NHAN, contracts/national/v1/report-status):
        // the province confirms it recorded the acceptance; deterministic id, so a second answer sends nothing more.
        if (cfg.acceptanceAck && ctx.services.exchange) {
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
        staleMs: cfg.staleMs,
        sealIntervalMs: cfg.sealIntervalMs,
        onAcknowledged,
        // A report packet refused for good when sent (e.g. NATIONAL_SIGNATURE_REJECTED) is the report refused, with the reason.
        onRejected: async (packet, error) => {
          if (packet.subjectKind !== 'report' || !packet.submissionId) return;
          await submissions?.recordNationalOutcome(packet.submissionId, {
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
      // workflow's submissions.recordNationalOutcome, when that service offers it.
      const recorder = (submissions as { recordNationalOutcome?: OutcomeRecorder } | undefined)?.recordNationalOutcome;
      const outbound = createOutboundServices(() => ctx.services.exchange, ctx.now, {
        db: ctx.db,
        now: ctx.now,
        onAcknowledged,
        ...(recorder ? { recordOutcome: (id, o) => recorder.call(submissions, id, o) } : {}),
      });
      ctx.services.outbound = {
        ...outbound,
        send: async (tx, packets) => {
          await assertTimestamping(tx, stamping.failClosedMs, ctx.now());
          return outbound.send(tx, packets);
        },
      };
      const stamping = timestampSettings(ctx);
      if (submissions) {
        submissions.onDispatched(async (tx, report) => {
          const exchange = ctx.services.exchange;
          const build = options.buildPackets ?? (exchange ? (r: ApprovedReport) => exchange.buildPackets(r) : undefined);
          if (!build) throw new UnavailableError('EXCHANGE_UNAVAILABLE', 'No packet builder: the exchange module is not started');
          await assertTimestamping(tx, stamping.failClosedMs, ctx.now());
          await writeOutbox(tx, report, await build(report), cfg.fallback.archiveToEdoc, ctx.now());
          // A correction supersedes the version the national system holds: tell it (report-status DINH_CHINH).
          if (report.kind === 'correction' && report.version > 1 && ctx.services.exchange) {
            await outbound.sendReportStatus(tx, {
              submissionId: report.submissionId,
              version: report.version - 1,
              status: 'DINH_CHINH',
              at: report.approvedAt,
              reason: `Đính chính: thay thế bởi phiên bản ${report.version}`,
            });
          }
        });
        // workflow's report-status port, when the submissions service offers it: its THU_HOI / DINH_CHINH
        // notices become report-status packets (idempotent with the ones queued below: same packet id).
        const statusPort = (submissions as { onReportStatus?: (l: (tx: SqlExecutor, n: ReportStatusNotice) => Promise<void>) => unknown })
          .onReportStatus;
        statusPort?.call(submissions, async (tx, n) => {
          const about = n.status === 'DINH_CHINH' ? (n.replacesVersion ?? n.version - 1) : n.version;
          if (about < 1 || !ctx.services.exchange) return;
          await outbound.sendReportStatus(tx, {
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
          if (ctx.services.exchange) {
            await outbound.sendReportStatus(tx, {
              submissionId: notice.submissionId,
              version: notice.version,
              status: 'THU_HOI',
              at: notice.recalledAt,
              ...(notice.reason ? { reason: notice.reason } : {}),
            });
          }
        });
      } else {
        logger.warn('delivery started without the submissions module: no report will be queued');
      }
      ctx.services.delivery = engine.services;
      const runsWorker = cfg.runWorker;
      const { scheduler, lifecycle } = schedulerOf(ctx);
      // Counter deltas folded once per slot across instances (reads sum the unfolded rest).
      await scheduler.register({
        id: 'delivery:fold-packet-counts',
        everyMs: cfg.countFoldMs,
        run: async () => void (await foldPacketCounts(ctx.db)),
      });
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
      return {
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
          await lifecycle.start?.();
        },
        stop: async () => {
          await lifecycle.stop?.();
          await engine.stop();
        },
      };
    },
  };
}

/** Delivery engine; starts after `exchangeModule`. */
export const deliveryModule = createDeliveryModule();
