import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { AppError } from '../../shared/errors.js';
import type { FileLimits } from './file-limits.js';
import { assertRecordsWithin, readTabular, type TabularFormat, type TabularRecord } from './tabular.js';
import { inspectZip } from './zip-inspect.js';

/** How many files went through the worker (tests read it). */
export const workerStats = { parsed: 0 };

/**
 * Test seam: with a gate, the worker sets gate[1] = 1 once it has parsed and waits for gate[0]
 * before answering, so a test can prove the event loop answers while the worker holds the file.
 */
export const parseHooks: { gate?: Int32Array } = {};

const HERE = fileURLToPath(import.meta.url);
/** `.ts` when run from the sources (tsx, vitest): the worker needs tsx's loader; `.js` in dist/. */
const EXT = extname(HERE);
const WORKER_FILE = new URL(`./parse-worker${EXT}`, import.meta.url);

function parseInWorker(bytes: Buffer, format: TabularFormat, limits: FileLimits): Promise<TabularRecord[]> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER_FILE, {
      workerData: { bytes, format, limits, gate: parseHooks.gate },
      execArgv: EXT === '.ts' ? ['--import', 'tsx'] : [],
      // A file that still explodes in memory kills the worker, not the gateway.
      resourceLimits: { maxOldGenerationSizeMb: 1536 },
    });
    workerStats.parsed++;
    worker.once(
      'message',
      (
        m:
          | { ok: true; records: TabularRecord[] }
          | { ok: false; error: { code: string; message: string; status: number; details?: Record<string, unknown> } },
      ) => {
        void worker.terminate();
        if (m.ok) resolve(m.records);
        else reject(new AppError(m.error.code, m.error.message, m.error.status, m.error.details));
      },
    );
    worker.once('error', (err: Error & { code?: string }) => {
      reject(
        err.code === 'ERR_WORKER_OUT_OF_MEMORY'
          ? new AppError('FILE_TOO_COMPLEX', 'Tệp bị từ chối: nội dung quá lớn để đọc. Hãy chia nhỏ tệp rồi gửi lại.', 413)
          : err,
      );
    });
  });
}

/**
 * Reads a CSV/xlsx within the limits: an xlsx is inspected first (central directory, then a
 * capped streaming inflate counting rows and cells), so a zip bomb is refused before any
 * parsing; files that unpack to `workerMinBytes` or more are parsed in a worker thread.
 */
export async function readTabularBounded(bytes: Buffer, format: TabularFormat, limits: FileLimits): Promise<TabularRecord[]> {
  const size = format === 'xlsx' ? (await inspectZip(bytes, limits)).unpackedBytes : bytes.length;
  if (size >= limits.workerMinBytes) return parseInWorker(bytes, format, limits);
  const records = await readTabular(bytes, format);
  assertRecordsWithin(records, limits);
  return records;
}
