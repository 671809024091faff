import type { Command } from 'commander';
import { loadConfig } from '../../config.js';
import { assertProductionSettings } from '../../app/production-settings.js';
import { loopbackUrlOf } from '../../ops/cli-access.js';

export function registerStart(program: Command): void {
  program
    .command('start')
    .description('Start the gateway (embedded PGlite + in-process queue and simulators when DATABASE_URL/REDIS_URL are unset)')
    .action(async () => {
      const config = loadConfig();
      // Serving production traffic needs the real endpoints and keys; admin commands do not.
      assertProductionSettings(config);
      // Loaded here, not at the top: every other command starts without the whole gateway.
      const { createApp } = await import('../../app/app.js');
      const { logger } = await import('../../shared/logger.js');
      const gateway = await createApp({ config });
      await gateway.start();
      const server = await gateway.listen();
      // The CLI on this machine finds the running gateway through this file (src/ops/cli-access.ts).
      gateway.ctx.services.ops.cliAccess.publish(loopbackUrlOf(server.address(), config.publicUrl, Boolean(config.settings.TLS_CERT)));
      logger.info('lienthong listening', { url: config.publicUrl, database: gateway.ctx.db.kind });
      // PORT=0 (tests, several instances on one host): say where the server actually listens.
      const shown =
        config.port === 0 ? loopbackUrlOf(server.address(), config.publicUrl, Boolean(config.settings.TLS_CERT)) : config.publicUrl;
      console.log(`lienthong: ${shown}  (console: ${shown}/console)`);
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
