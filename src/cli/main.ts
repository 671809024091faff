import { Command } from 'commander';
import { commands } from './commands/index.js';
import { isAppError } from '../shared/errors.js';

const program = new Command();
program.name('lienthong').description('Cổng liên thông báo cáo: provincial reporting integration gateway').showHelpAfterError();
for (const register of commands) register(program);

try {
  await program.parseAsync(process.argv);
} catch (err) {
  if (isAppError(err)) {
    console.error(`${err.code}: ${err.message}`);
    process.exitCode = process.exitCode || 2;
  } else {
    console.error(err);
    process.exitCode = 2;
  }
}
