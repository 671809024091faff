import type { GatewayModule, NoServices } from '../../gateway/module.js';
import { logger } from '../../shared/logger.js';
import { ClamdScanner } from '../../scanning/clamd-scanner.js';
import { scanningConfigFrom } from '../../scanning/config.js';
import { createFileGuard } from '../../scanning/file-guard.js';
import type { ScanningServices } from '../../scanning/services.js';

/**
 * Malware scanning (Hải Phòng 12.2), built once in the composition root: the clamd scanner from
 * the typed settings and the scanning area's guard over it, handed to the areas that take files
 * as `scanning` (the scanner port, clamd client and guard policy stay in src/scanning). Started before the areas that take files (submissions,
 * ministry) so they find the guard. A scanner that does not answer at start is logged, not
 * fatal: uploads are refused (fail closed) until it answers, while delivery goes on.
 */
export const scanningModule: GatewayModule<NoServices, { scanning: ScanningServices }> = {
  name: 'scanning',
  requires: {},
  provides: { scanning: true },
  async init(ctx) {
    const config = scanningConfigFrom(ctx.config.settings);
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
