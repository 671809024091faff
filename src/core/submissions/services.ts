import type { ApprovedValues } from './queries/approved-values.js';
import type { DispatchListener, RecallListener, ReportStatusListener } from './dispatch-listeners.js';
import type { AccountNames, NationalOutcome, ReceiverReceipt, ReportSigner } from './ports.js';
import type { SubmissionService } from './service.js';
import type { TransitionOutcome } from './commands/transition-submission.js';

/** What later modules use: `ctx.services.submissions`. */
export interface SubmissionsServices {
  service: SubmissionService;
  /** Approved values by unit and indicator (the console's charts), read without touching the workflow's tables. */
  approvedValues: ApprovedValues;
  /** Registers a listener run inside the dispatch transaction of a report leaving the province. */
  onDispatched(listener: DispatchListener): () => void;
  /** Registers a listener run inside the transaction recalling such a report before its receipt. */
  onRecalled(listener: RecallListener): () => void;
  /**
   * Registers the builder of report-status packets (THU_HOI on recall, DINH_CHINH beside a
   * correction), run inside the workflow's transaction; exchange wires it.
   */
  onReportStatus(listener: ReportStatusListener): () => void;
  /** The national system's answer: accepted, refused (reason) or returned (reason). Idempotent. */
  recordNationalOutcome(submissionId: string, outcome: NationalOutcome): Promise<TransitionOutcome | null>;
  /**
   * The leader's signer from now on (exchange binds its personal-certificate signer at init);
   * until then, and without exchange, the placeholder whose signatures the clerk refuses.
   */
  useSigner(signer: ReportSigner): void;
  /** How the history and cell trail name accounts from now on (the composition root binds identity's). */
  useAccountNames(names: AccountNames): void;
  /** The national system acknowledged the report: recordNationalOutcome(accepted). */
  markAcceptedByReceiver(submissionId: string, receipt: ReceiverReceipt): Promise<TransitionOutcome | null>;
}
