import { Command } from 'commander';
import { vi } from 'vitest';
import { registerAudit } from '../../../src/cli/commands/audit.js';
import { registerReplay } from '../../../src/cli/commands/replay.js';
import { AppError } from '../../../src/shared/errors.js';
import { TEST_DATABASE_URL, type TestDatabase } from '../../support/databases.js';

/** A DATABASE_URL that opens the test database's own schema (the CLI opens the store itself). */
export async function databaseUrlOf(t: TestDatabase): Promise<string> {
  const schema = (await t.db.query<{ s: string }>('SELECT current_schema() AS s')).rows[0]!.s;
  const url = new URL(TEST_DATABASE_URL);
  url.searchParams.set('options', `-c search_path=${schema}`);
  return url.toString();
}

/** Runs a command in-process (fast); output and exit code as the binary would give them. */
export async function runCli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const log = vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void out.push(a.join(' ')));
  const error = vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void err.push(a.join(' ')));
  process.exitCode = 0;
  const program = new Command().exitOverride();
  registerAudit(program);
  registerReplay(program);
  try {
    await program.parseAsync(['node', 'lienthong', ...args]);
  } catch (e) {
    if (!(e instanceof AppError)) throw e;
    err.push(`${e.code}: ${e.message}`);
    process.exitCode = 2;
  } finally {
    log.mockRestore();
    error.mockRestore();
  }
  const code = Number(process.exitCode ?? 0);
  process.exitCode = 0;
  return { code, stdout: out.join('\n'), stderr: err.join('\n') };
}
