import type { GatewayModule, NoServices } from '../gateway/module.js';
import { logger } from '../shared/logger.js';
import { ClamdScanner } from './clamd-scanner.js';
import { readScanningConfig } from './config.js';
import { createFileGuard } from './file-guard.js';
import type { ScanningServices } from './services.js';

export type { ScanningServices } from './services.js';

/**
 * Malware scanning (Hải Phòng 12.2). Started before the areas that take files (submissions,
 * ministry) so they find the guard. A scanner that does not answer at start is logged, not
 * fatal: uploads are refused (fail closed) until it answers, while delivery goes on.
 */
export const scanningModule: GatewayModule<NoServices, { scanning: ScanningServices }> = {
  name: 'scanning',
  requires: {},
  provides: { scanning: true },
  async init(ctx) {
    const config = readScanningConfig(ctx.config.env);
    const scanner = config.clamd ? new ClamdScanner({ address: config.clamd, timeoutMs: config.timeoutMs }) : undefined;
    const scanning: ScanningServices = {
      guard: createFileGuard({ scanner, db: ctx.db, onUnavailable: config.onUnavailable, required: config.required }),
      ...(scanner ? { scanner } : {}),
    };
    if (!scanner) {
      logger.warn(
        config.required
          ? 'no malware scanner configured (CLAMD_SOCKET / CLAMD_HOST): every uploaded file is refused with SCANNER_NOT_CONFIGURED'
          : 'no malware scanner configured (CLAMD_SOCKET / CLAMD_HOST): demo mode, uploaded files are accepted unscanned',
      );
      return { services: { scanning } };
    }
    return {
      services: { scanning },
      async start() {
        try {
          await scanner.ping();
          logger.info('malware scanner answers', { scanner: scanner.name });
        } catch (err) {
          logger.error('malware scanner does not answer: uploads are refused until it does', {
            scanner: scanner.name,
            error: (err as Error).message,
          });
        }
      },
    };
  },
};
