import { createHmac } from 'node:crypto';
import type { ApprovedReport } from '../../../src/core/approved-report.js';
import { DispatchListeners } from '../../../src/core/submissions/dispatch-listeners.js';
import type { ReportSigner } from '../../../src/core/submissions/ports.js';
import { SubmissionService } from '../../../src/core/submissions/service.js';
import { stableJson } from '../../../src/core/submissions/signer.js';
import type { Database } from '../../../src/store/database.js';
import { MemoryCatalog } from './memory-catalog.js';

/** Stands in for the exchange area's government signer: a keyed MAC under a named "certificate". */
export class TestSigner implements ReportSigner {
  signed: ApprovedReport[] = [];
  private mac(report: ApprovedReport) {
    return createHmac('sha256', 'test-ca').update(stableJson(report)).digest('hex');
  }
  async sign(report: ApprovedReport) {
    this.signed.push(report);
    return { signature: this.mac(report), signer: 'CN=Lãnh đạo thử nghiệm' };
  }
  async verify(report: ApprovedReport, signature: string) {
    return this.mac(report) === signature;
  }
}

export interface Harness {
  service: SubmissionService;
  catalog: MemoryCatalog;
  listeners: DispatchListeners;
  signer: { current: ReportSigner };
  clock: { now: Date };
}

export function harness(db: Database): Harness {
  const catalog = new MemoryCatalog();
  const listeners = new DispatchListeners();
  const signer = { current: new TestSigner() as ReportSigner };
  const clock = { now: new Date('2027-01-15T02:00:00Z') };
  const service = new SubmissionService({
    db,
    catalog,
    listeners,
    signer: () => signer.current,
    accountNames: () => null,
    now: () => clock.now,
    maxAttachmentBytes: 1024,
  });
  return { service, catalog, listeners, signer, clock };
}
