import type { ApprovedReport } from '../approved-report.js';
import type { SqlExecutor } from '../../store/database.js';
import { isAppError, UnavailableError } from '../../shared/errors.js';

/**
 * Called inside the dispatch transaction with the frozen report of a submission that leaves
 * the province for the national system. The delivery engine writes its outbox rows here, so
 * the report is either dispatched and queued, or neither (a throwing listener rolls back).
 */
export type DispatchListener = (tx: SqlExecutor, report: ApprovedReport) => Promise<void>;

/** A report that left the province was recalled (thu hồi) before the national receipt. */
export interface RecallNotice {
  submissionId: string;
  version: number;
  orgUnitId: string;
  reason: string | null;
  recalledBy: string;
  recalledAt: string;
}
export type RecallListener = (tx: SqlExecutor, notice: RecallNotice) => Promise<void>;

/**
 * A status of a national report the national system must be told (QCVN 125 report-status
 * packet): THU_HOI when a sent report is recalled before acceptance, DINH_CHINH beside the
 * correction packet of an accepted report. Exchange builds and queues the packet.
 */
export interface ReportStatusNotice {
  submissionId: string;
  /** The version the status is about (the recalled one; the correction's new one). */
  version: number;
  orgUnitId: string;
  formCode: string;
  periodKey: string;
  status: 'THU_HOI' | 'DINH_CHINH';
  reason: string | null;
  by: string;
  /** ISO timestamp. */
  at: string;
  /** DINH_CHINH: the accepted version the correction replaces. */
  replacesVersion?: number;
}
export type ReportStatusListener = (tx: SqlExecutor, notice: ReportStatusNotice) => Promise<void>;

/** Listeners run sequentially inside the caller's transaction, in registration order. */
export class TxListeners<T> {
  constructor(private readonly failureCode: 'DISPATCH_FAILED' | 'RECALL_FAILED' | 'REPORT_STATUS_FAILED') {}

  private readonly listeners: ((tx: SqlExecutor, event: T) => Promise<void>)[] = [];

  /** Registers a listener; returns a function that removes it. */
  register(listener: (tx: SqlExecutor, event: T) => Promise<void>): () => void {
    this.listeners.push(listener);
    return () => {
      const i = this.listeners.indexOf(listener);
      if (i >= 0) this.listeners.splice(i, 1);
    };
  }

  /**
   * Runs every listener; a failure becomes 503 `code` (retryable: the caller's transaction
   * rolls back, so nothing happened) unless the listener threw a typed error of its own.
   */
  async notify(tx: SqlExecutor, event: T): Promise<void> {
    for (const listener of [...this.listeners]) {
      try {
        await listener(tx, event);
      } catch (err) {
        if (isAppError(err)) throw err;
        throw new UnavailableError(
          this.failureCode,
          `A ${this.failureCode.split('_FAILED')[0]!.toLowerCase().replace('_', ' ')} listener failed; nothing was changed`,
          {
            cause: (err as Error)?.message ?? String(err),
          },
        );
      }
    }
  }

  get size(): number {
    return this.listeners.length;
  }
}

export class DispatchListeners extends TxListeners<ApprovedReport> {
  readonly recalled = new TxListeners<RecallNotice>('RECALL_FAILED');
  /** Report-status packets to send (the exchange area registers the builder). */
  readonly status = new TxListeners<ReportStatusNotice>('REPORT_STATUS_FAILED');

  constructor() {
    super('DISPATCH_FAILED');
  }
}
