import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { AppError } from '../shared/errors.js';

const run = promisify(execFile);

/** PostgreSQL client tools (Debian: postgresql-client); PG_BIN_DIR points at another version's. */
function tool(name: 'pg_dump' | 'pg_restore', binDir: string | undefined): string {
  return binDir ? `${binDir.replace(/\/$/, '')}/${name}` : name;
}

async function exec(name: 'pg_dump' | 'pg_restore', args: string[], binDir: string | undefined, code: string): Promise<void> {
  try {
    await run(tool(name, binDir), args, { maxBuffer: 16 * 1024 * 1024 });
  } catch (err) {
    const e = err as NodeJS.ErrnoException & { stderr?: string };
    const why = e.code === 'ENOENT' ? `${name} not found (install postgresql-client or set PG_BIN_DIR)` : (e.stderr || e.message).trim();
    throw new AppError(code, `${name} failed: ${why}`, 500, { tool: name });
  }
}

/** `pg_dump --format=custom`: compressed, restorable table by table, without owners or grants. */
export function pgDump(databaseUrl: string, file: string, binDir: string | undefined): Promise<void> {
  return exec(
    'pg_dump',
    ['--format=custom', '--no-owner', '--no-privileges', `--file=${file}`, `--dbname=${databaseUrl}`],
    binDir,
    'BACKUP_FAILED',
  );
}

/** `pg_restore --clean --if-exists` in one transaction: all of the backup or nothing. */
export function pgRestore(databaseUrl: string, file: string, binDir: string | undefined): Promise<void> {
  return exec(
    'pg_restore',
    ['--clean', '--if-exists', '--no-owner', '--no-privileges', '--single-transaction', '--exit-on-error', `--dbname=${databaseUrl}`, file],
    binDir,
    'RESTORE_FAILED',
  );
}
