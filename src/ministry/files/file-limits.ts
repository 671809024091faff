import { AppError } from '../../shared/errors.js';
import type { Settings } from '../../settings/schema.js';

/**
 * Bounds on what an uploaded file may unpack into, checked while unpacking and before any
 * parsing starts: a 200 KB xlsx can inflate to gigabytes (zip bomb). Settings
 * IMPORT_MAX_UNPACKED_BYTES, IMPORT_MAX_ZIP_ENTRIES, IMPORT_MAX_ROWS, IMPORT_MAX_CELLS and
 * IMPORT_WORKER_MIN_BYTES (docs/ministry.md).
 */
export interface FileLimits {
  /** Sum of the uncompressed sizes of every zip entry. */
  maxUnpackedBytes: number;
  maxZipEntries: number;
  /** Rows of the sheets (xlsx) or data lines (CSV). */
  maxRows: number;
  /** Cells of the sheets (xlsx) or rows × columns (CSV). */
  maxCells: number;
  /** Files (unpacked) at least this large are parsed in a worker thread, off the event loop. */
  workerMinBytes: number;
}

export const DEFAULT_FILE_LIMITS: FileLimits = {
  maxUnpackedBytes: 64 * 1024 * 1024,
  maxZipEntries: 1_000,
  maxRows: 200_000,
  maxCells: 2_000_000,
  workerMinBytes: 1024 * 1024,
};

type FileLimitSettings = Pick<
  Settings,
  'IMPORT_MAX_UNPACKED_BYTES' | 'IMPORT_MAX_ZIP_ENTRIES' | 'IMPORT_MAX_ROWS' | 'IMPORT_MAX_CELLS' | 'IMPORT_WORKER_MIN_BYTES'
>;

/** From the typed settings the schema checked at start. */
export function fileLimitsFrom(settings: FileLimitSettings): FileLimits {
  return {
    maxUnpackedBytes: settings.IMPORT_MAX_UNPACKED_BYTES,
    maxZipEntries: settings.IMPORT_MAX_ZIP_ENTRIES,
    maxRows: settings.IMPORT_MAX_ROWS,
    maxCells: settings.IMPORT_MAX_CELLS,
    workerMinBytes: settings.IMPORT_WORKER_MIN_BYTES,
  };
}

export type FileLimitCode = 'FILE_UNPACKED_TOO_LARGE' | 'FILE_TOO_MANY_ENTRIES' | 'FILE_TOO_MANY_ROWS' | 'FILE_TOO_MANY_CELLS';

const WHAT: Record<FileLimitCode, string> = {
  FILE_UNPACKED_TOO_LARGE: 'dung lượng sau giải nén',
  FILE_TOO_MANY_ENTRIES: 'số tệp thành phần trong tệp nén',
  FILE_TOO_MANY_ROWS: 'số dòng',
  FILE_TOO_MANY_CELLS: 'số ô dữ liệu',
};

/** 413: the file is refused before its content is worked on; nothing is stored. */
export function fileLimitError(code: FileLimitCode, limit: number, seen: number, declared = false): AppError {
  const how = declared ? 'khai báo' : 'đã đọc';
  return new AppError(
    code,
    `Tệp bị từ chối: ${WHAT[code]} vượt giới hạn ${limit} (${how} ít nhất ${seen}). Hãy chia nhỏ tệp rồi gửi lại.`,
    413,
    { limit, seen, declared },
  );
}
