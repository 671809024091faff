import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../shared/errors.js';

export interface DataDirLock {
  release(): void;
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * PGlite is single-process: two processes on one data folder corrupt it. A lockfile holding
 * the owner's pid guards the folder; a lock left by a dead process is taken over.
 */
export function acquireDataDirLock(dataDir: string): DataDirLock {
  mkdirSync(dataDir, { recursive: true });
  const path = join(dataDir, '..', `${dataDir.split('/').filter(Boolean).pop() ?? 'data'}.lock`);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      let released = false;
      return {
        release() {
          if (released) return;
          released = true;
          rmSync(path, { force: true });
        },
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const owner = Number(readFileSync(path, 'utf8').trim());
      if (owner && owner !== process.pid && processAlive(owner)) {
        throw new AppError(
          'DATA_DIR_LOCKED',
          `Data folder ${dataDir} is in use by process ${owner}; PGlite allows one process per folder. Stop it or set DATA_DIR to another folder.`,
          500,
          { dataDir, pid: owner },
        );
      }
      rmSync(path, { force: true });
    }
  }
  throw new AppError('DATA_DIR_LOCKED', `Could not lock data folder ${dataDir}`, 500, { dataDir });
}
