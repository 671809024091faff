import { parentPort, workerData } from 'node:worker_threads';
import { AppError } from '../../shared/errors.js';
import type { FileLimits } from './file-limits.js';
import { assertRecordsWithin, readTabular, type TabularFormat } from './tabular.js';

/**
 * Worker thread: parses one large CSV/xlsx off the gateway's event loop (so /health and every
 * other request keep being answered during a big import) and posts the records back.
 */
interface Job {
  bytes: Uint8Array;
  format: TabularFormat;
  limits: FileLimits;
  gate?: Int32Array;
}

const job = workerData as Job;
try {
  const records = await readTabular(Buffer.from(job.bytes.buffer, job.bytes.byteOffset, job.bytes.byteLength), job.format);
  assertRecordsWithin(records, job.limits);
  if (job.gate) {
    Atomics.store(job.gate, 1, 1);
    Atomics.notify(job.gate, 1);
    Atomics.wait(job.gate, 0, 0);
  }
  parentPort!.postMessage({ ok: true, records });
} catch (err) {
  const e = err instanceof AppError ? err : new AppError('FILE_MALFORMED', (err as Error).message, 400);
  parentPort!.postMessage({ ok: false, error: { code: e.code, message: e.message, status: e.status, details: e.details } });
}
