import { isAppError } from '../shared/errors.js';

/** True when the command line asks for JSON: then errors are JSON too. */
export function wantsJson(argv: string[]): boolean {
  return argv.includes('--json');
}

/**
 * Prints a failed command's error: `{"error":{code,message,details}}` on stdout for scripts
 * (`--json`), `LỖI [CODE]: message` on stderr for people. Returns the exit code.
 */
export function reportError(err: unknown, json: boolean): number {
  const e = isAppError(err)
    ? { code: err.code, message: err.message, ...(err.details === undefined ? {} : { details: err.details }) }
    : { code: 'INTERNAL_ERROR', message: (err as Error)?.message ?? String(err) };
  if (json) console.log(JSON.stringify({ error: e }));
  else console.error(`LỖI [${e.code}]: ${e.message}`);
  return 2;
}

/** `3 phút`, `2 giờ 5 phút`, `4 ngày 3 giờ`: an age for people. */
export function formatAge(seconds: number): string {
  const m = Math.floor(seconds / 60);
  if (m < 1) return `${seconds} giây`;
  if (m < 60) return `${m} phút`;
  const h = Math.floor(m / 60);
  if (h < 24) return `${h} giờ${m % 60 ? ` ${m % 60} phút` : ''}`;
  return `${Math.floor(h / 24)} ngày${h % 24 ? ` ${h % 24} giờ` : ''}`;
}
