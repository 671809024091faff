import type { FileGuard } from './file-guard.js';
import type { FileScanner } from './scanner.js';

/** `ctx.services.scanning`: the guard every upload path calls before it stores or forwards a file. */
export interface ScanningServices {
  guard: FileGuard;
  scanner?: FileScanner;
}
