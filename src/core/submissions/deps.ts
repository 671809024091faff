import type { Database } from '../../store/database.js';
import type { DispatchListeners } from './dispatch-listeners.js';
import type { AccountNames, ReportSigner, SubmissionCatalog } from './ports.js';
import type { FileGuard } from '../../scanning/file-guard.js';

/** Everything the submission commands touch, injected once by the module (or a test). */
export interface SubmissionsDeps {
  db: Database;
  catalog: SubmissionCatalog;
  /** Resolved at each approval: the exchange area may register its signer after this module starts. */
  signer: () => ReportSigner;
  now: () => Date;
  /** Resolved at each read: the composition root binds identity's after this module starts (none: names are null). */
  accountNames: () => AccountNames | null;
  listeners: DispatchListeners;
  /** Per attachment, decoded. */
  maxAttachmentBytes: number;
  /** OUTLIER_COMMENT_REQUIRED: a cell flagged as an outlier needs a comment before the report is submitted. */
  outlierCommentRequired?: boolean;
  /** ENTRY_LOCK_AT_DEADLINE: a first submission's entry locks at 00:00 after its deadline (extensions aside). */
  lockAtDeadline?: boolean;
  /** Malware scan of each attachment before it is stored (absent: not scanned, unit tests only). */
  fileGuard?: FileGuard;
}
