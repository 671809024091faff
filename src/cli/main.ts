import { readFileSync } from 'node:fs';
import { Command, CommanderError } from 'commander';
import { commands } from './commands/index.js';
import { reportError, wantsJson } from './output.js';
import { AppError } from '../shared/errors.js';

const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
const json = wantsJson(process.argv);
const program = new Command();
program
  .name('lienthong')
  .description('Cổng liên thông báo cáo: provincial reporting integration gateway')
  .version(pkg.version, '-V, --version', 'in phiên bản')
  .showHelpAfterError();
// Set before the commands are added: subcommands inherit these settings when they are created.
if (json) program.exitOverride().configureOutput({ writeErr: () => undefined });
for (const register of commands) register(program);

try {
  await program.parseAsync(process.argv);
} catch (err) {
  if (err instanceof CommanderError) {
    // Help and --version exit through here with code 0 under exitOverride.
    if (err.exitCode !== 0) process.exitCode = (reportError(new AppError('CLI_USAGE', err.message, 2), json), err.exitCode);
  } else process.exitCode = process.exitCode || reportError(err, json);
}
