import type { Command } from 'commander';
import { loadConfig } from '../../config.js';
import { createGateway } from '../../gateway/gateway.js';
import { assertProductionSettings } from '../../gateway/production-settings.js';
import { logger } from '../../shared/logger.js';

export function registerStart(program: Command): void {
  program
    .command('start')
    .description('Start the gateway (embedded PGlite + in-process queue and simulators when DATABASE_URL/REDIS_URL are unset)')
    .action(async () => {
      const config = loadConfig();
      // Serving production traffic needs the real endpoints and keys; admin commands do not.
      assertProductionSettings(config);
      const gateway = await createGateway({ config });
      await gateway.start();
      await gateway.listen();
      logger.info('lienthong listening', { url: config.publicUrl, database: gateway.ctx.db.kind });
      console.log(`lienthong: ${config.publicUrl}  (console: ${config.publicUrl}/console)`);
      let stopping = false;
      const stop = async (signal: string) => {
        if (stopping) return;
        stopping = true;
        logger.info('shutting down', { signal });
        await gateway.close();
        process.exit(0);
      };
      process.on('SIGINT', () => void stop('SIGINT'));
      process.on('SIGTERM', () => void stop('SIGTERM'));
    });
}
