import type { Command } from 'commander';
import { ValidationError } from '../../shared/errors.js';
import type { FaultMode } from '../../sim/faults.js';

/** `lienthong sim <name> [--port N] [--fault MODE]`: runs one simulator of an external system in the foreground. */
export function registerSim(program: Command): void {
  program
    .command('sim')
    .description('Chạy trình mô phỏng hệ thống bên ngoài: national, edoc, vnconnect, ministry, smtp')
    .argument('<name>', 'simulator name')
    .option('--port <port>', 'port to listen on', '0')
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .option('--fault <mode>', 'start with a fault: none, down, slow, 5xx, 429, reject-signature', 'none')
    .action(async (name: string, opts: { port: string; host: string; fault: string }) => {
      // Loaded on use: every simulator's code is not needed to start the other commands.
      const [{ simulatorNamed, simulators }, { FAULT_MODES }] = await Promise.all([
        import('../../sim/simulators.js'),
        import('../../sim/faults.js'),
      ]);
      const def = simulatorNamed(name);
      if (!def) {
        throw new ValidationError('SIM_UNKNOWN', `Unknown simulator "${name}"; one of: ${simulators.map((s) => s.name).join(', ')}`);
      }
      if (!FAULT_MODES.includes(opts.fault as FaultMode)) {
        throw new ValidationError('SIM_FAULT_INVALID', `Unknown fault "${opts.fault}"; one of: ${FAULT_MODES.join(', ')}`);
      }
      const sim = await def.start({ port: Number(opts.port) || 0, host: opts.host, env: process.env });
      sim.faults.set({ mode: opts.fault as FaultMode });
      console.log(`${def.name} simulator: ${sim.url}  (faults: PUT ${sim.url}/_sim/faults)`);
      const stop = () => void sim.close().then(() => process.exit(0));
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
    });
}
