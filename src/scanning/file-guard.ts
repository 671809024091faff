import { createHash } from 'node:crypto';
import { AppError } from '../shared/errors.js';
import { logger } from '../shared/logger.js';
import { appendAudit } from '../store/audit-log.js';
import type { SqlExecutor } from '../store/database.js';
import { ScannerUnavailableError, type FileScanner } from './scanner.js';

/** A file on its way in: what it is called and what it is for (shown in the audit entry). */
export interface IncomingFile {
  content: Buffer;
  name: string;
  /** e.g. `submission-attachment`, `ministry-import`, `ministry-data`. */
  purpose: string;
}

export interface Uploader {
  actor: string;
  orgUnitId?: string;
}

export interface FileGuard {
  /** Resolves when the file may be stored and forwarded; throws a refusal (audited) otherwise. */
  assertClean(file: IncomingFile, by: Uploader): Promise<void>;
}

export interface FileGuardOptions {
  scanner?: FileScanner;
  db: SqlExecutor;
  onUnavailable: 'refuse' | 'accept';
  required: boolean;
}

/**
 * The policy around the scanner: infected → FILE_INFECTED (422); no verdict → refused with
 * SCANNER_UNAVAILABLE (503) unless SCAN_ON_UNAVAILABLE=accept; no scanner configured → refused
 * with SCANNER_NOT_CONFIGURED when SCAN_REQUIRED, else accepted unscanned. Every refusal is
 * written to the audit log with the file's name, size and SHA-256 (never its content).
 */
export function createFileGuard(options: FileGuardOptions): FileGuard {
  const audit = async (file: IncomingFile, by: Uploader, action: string, details: Record<string, unknown>) => {
    await appendAudit(options.db, {
      actor: by.actor,
      action,
      subject: file.name,
      ...(by.orgUnitId ? { orgUnitId: by.orgUnitId } : {}),
      details: {
        purpose: file.purpose,
        size: file.content.length,
        sha256: createHash('sha256').update(file.content).digest('hex'),
        scanner: options.scanner?.name ?? 'none',
        ...details,
      },
    });
  };
  return {
    async assertClean(file, by) {
      const scanner = options.scanner;
      if (!scanner) {
        if (!options.required) return;
        await audit(file, by, 'file.refused', { reason: 'SCANNER_NOT_CONFIGURED' });
        throw new AppError(
          'SCANNER_NOT_CONFIGURED',
          `Tệp «${file.name}» bị từ chối: hệ thống chưa cấu hình dịch vụ quét mã độc (CLAMD_SOCKET hoặc CLAMD_HOST).`,
          503,
          { name: file.name },
        );
      }
      let verdict;
      try {
        verdict = await scanner.scan(file.content);
      } catch (err) {
        if (!(err instanceof ScannerUnavailableError)) throw err;
        if (options.onUnavailable === 'accept') {
          logger.warn('file accepted unscanned: scanner unavailable', { name: file.name, purpose: file.purpose, error: err.message });
          await audit(file, by, 'file.accepted_unscanned', { reason: 'SCANNER_UNAVAILABLE', error: err.message });
          return;
        }
        logger.error('file refused: scanner unavailable', { name: file.name, purpose: file.purpose, error: err.message });
        await audit(file, by, 'file.refused', { reason: 'SCANNER_UNAVAILABLE', error: err.message });
        throw new AppError(
          'SCANNER_UNAVAILABLE',
          `Tệp «${file.name}» bị từ chối: không kiểm tra được mã độc lúc này (dịch vụ quét không phản hồi). Vui lòng gửi lại sau.`,
          503,
          { name: file.name },
        );
      }
      if (verdict.clean) return;
      logger.warn('file refused: malware found', { name: file.name, purpose: file.purpose, signature: verdict.signature, actor: by.actor });
      await audit(file, by, 'file.refused', { reason: 'FILE_INFECTED', signature: verdict.signature });
      throw new AppError(
        'FILE_INFECTED',
        `Tệp «${file.name}» chứa mã độc (${verdict.signature}) và đã bị từ chối; tệp không được lưu và không được chuyển tiếp.`,
        422,
        { name: file.name, signature: verdict.signature },
      );
    },
  };
}
