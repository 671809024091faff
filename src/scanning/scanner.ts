/**
 * The malware scanner port. Every file a person or a ministry system sends us (narrative
 * attachments, CSV/xlsx/JSON/XML uploads) goes through one before it is stored or forwarded
 * (Hải Phòng 12.2). Adapters: clamd (`clamd-scanner.ts`) and an in-memory fake for unit tests;
 * both pass `test/scanning/scanner-conformance.test.ts`.
 */
export type ScanVerdict = { clean: true } | { clean: false; signature: string };

export interface FileScanner {
  /** Shown in logs and audit entries, e.g. `clamd unix:/run/clamav/clamd.ctl`. */
  readonly name: string;
  /**
   * Scans the bytes. Resolves with the verdict; rejects with `ScannerUnavailableError` when the
   * scanner cannot give one (down, timed out, file over its size limit): never "clean" by default.
   */
  scan(content: Buffer): Promise<ScanVerdict>;
  /** Resolves when the scanner answers (health check); rejects with `ScannerUnavailableError`. */
  ping(): Promise<void>;
}

/** The scanner could not give a verdict; the caller refuses the file (fail closed) unless told otherwise. */
export class ScannerUnavailableError extends Error {
  readonly code = 'SCANNER_UNAVAILABLE';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ScannerUnavailableError';
  }
}

/** The 68-byte EICAR test file: every antivirus reports it; test signature databases carry it. */
export const EICAR = 'X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*';
