import yauzl from 'yauzl';
import type { Readable } from 'node:stream';
import { AppError, ValidationError } from '../../shared/errors.js';
import { fileLimitError, type FileLimits } from './file-limits.js';

export interface ZipInspection {
  entries: number;
  unpackedBytes: number;
  rows: number;
  cells: number;
}

const SHEET = /^xl\/worksheets\/[^/]+\.xml$/i;
/** `<row ` / `<c ` (optionally namespace-prefixed), not `<col`, `<cols`, `<cfRule`. */
const TAG = /<(?:[A-Za-z_][\w.-]*:)?(row|c)[\s>/]/g;

function malformed(err: Error): ValidationError {
  return new ValidationError('FILE_MALFORMED', `Not a readable xlsx workbook: ${err.message}`);
}

function open(bytes: Buffer): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(
      bytes,
      { lazyEntries: true, autoClose: false, validateEntrySizes: true, strictFileNames: false, decodeStrings: true },
      (err, zip) => {
        if (err || !zip) reject(malformed(err ?? new Error('no zip')));
        else resolve(zip);
      },
    );
  });
}

/** Walks the central directory only (no inflating): entry count and declared sizes. */
function centralDirectory(zip: yauzl.ZipFile, limits: FileLimits): Promise<yauzl.Entry[]> {
  return new Promise((resolve, reject) => {
    const entries: yauzl.Entry[] = [];
    let declared = 0;
    zip.on('entry', (e: yauzl.Entry) => {
      entries.push(e);
      declared += e.uncompressedSize;
      if (declared > limits.maxUnpackedBytes) {
        reject(fileLimitError('FILE_UNPACKED_TOO_LARGE', limits.maxUnpackedBytes, declared, true));
        return;
      }
      zip.readEntry();
    });
    zip.on('end', () => resolve(entries));
    zip.on('error', (err: Error) => reject(malformed(err)));
    zip.readEntry();
  });
}

function openStream(zip: yauzl.ZipFile, entry: yauzl.Entry): Promise<Readable> {
  return new Promise((resolve, reject) => {
    zip.openReadStream(entry, (err, stream) => (err || !stream ? reject(malformed(err ?? new Error('no stream'))) : resolve(stream)));
  });
}

/**
 * Checks an xlsx (any zip) against the limits before anything parses it: the central directory
 * first (entry count, declared sizes), then every entry is inflated as a stream with a byte cap
 * (declared sizes may lie; yauzl also refuses an entry longer than it declared) while the
 * worksheets' `<row>` and `<c>` tags are counted. The first limit crossed stops the inflation.
 */
export async function inspectZip(bytes: Buffer, limits: FileLimits): Promise<ZipInspection> {
  const zip = await open(bytes);
  if (zip.entryCount > limits.maxZipEntries) {
    zip.close();
    throw fileLimitError('FILE_TOO_MANY_ENTRIES', limits.maxZipEntries, zip.entryCount, true);
  }
  const seen: ZipInspection = { entries: zip.entryCount, unpackedBytes: 0, rows: 0, cells: 0 };
  try {
    for (const entry of await centralDirectory(zip, limits)) {
      if (entry.fileName.endsWith('/')) continue;
      await inflateEntry(zip, entry, SHEET.test(entry.fileName), seen, limits);
    }
  } finally {
    zip.close();
  }
  return seen;
}

async function inflateEntry(
  zip: yauzl.ZipFile,
  entry: yauzl.Entry,
  isSheet: boolean,
  seen: ZipInspection,
  limits: FileLimits,
): Promise<void> {
  const stream = await openStream(zip, entry);
  let carry = '';
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      seen.unpackedBytes += chunk.length;
      if (seen.unpackedBytes > limits.maxUnpackedBytes)
        throw fileLimitError('FILE_UNPACKED_TOO_LARGE', limits.maxUnpackedBytes, seen.unpackedBytes);
      if (!isSheet) continue;
      // Tags may straddle chunks: keep an unfinished tag start for the next chunk.
      let text = carry + chunk.toString('latin1');
      const lastLt = text.lastIndexOf('<');
      carry = lastLt >= 0 && lastLt > text.length - 64 ? text.slice(lastLt) : '';
      if (carry) text = text.slice(0, lastLt);
      for (const m of text.matchAll(TAG)) {
        if (m[1] === 'row') seen.rows++;
        else seen.cells++;
      }
      if (seen.rows > limits.maxRows) throw fileLimitError('FILE_TOO_MANY_ROWS', limits.maxRows, seen.rows);
      if (seen.cells > limits.maxCells) throw fileLimitError('FILE_TOO_MANY_CELLS', limits.maxCells, seen.cells);
    }
  } catch (err) {
    stream.destroy();
    throw err instanceof AppError ? err : malformed(err as Error);
  }
}
