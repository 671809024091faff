import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { until } from './private-servers.js';

const BIN = fileURLToPath(new URL('../../bin/lienthong.js', import.meta.url));

export interface LogLine {
  level?: string;
  message?: string;
  [k: string]: unknown;
}

/** `lienthong start` as its own process (the compiled dist/, as in production), with what it logs. */
export interface GatewayProcess {
  child: ChildProcess;
  /** Base URL it listens on (PORT=0: read from its start line). */
  url: string;
  /** Every JSON log line so far, in order. */
  logs: LogLine[];
  /** Everything it printed that was not a JSON log line. */
  output: string[];
  /** Resolves with the exit code (or the signal's name) once the process has ended. */
  exited: Promise<number | string>;
  /** Waits for a log line (counting from `from`, an index into `logs`); returns its index. */
  waitForLog(match: (l: LogLine) => boolean, what: string, from?: number, limitMs?: number): Promise<number>;
  /** GET /ready: its status, or 0 when the process does not answer. */
  ready(): Promise<number>;
  kill(): Promise<void>;
}

/** Starts the gateway with exactly `env` (plus PATH/HOME), PORT=0; resolves once it listens. */
export async function startGatewayProcess(env: Record<string, string>, limitMs = 240_000): Promise<GatewayProcess> {
  const child = spawn(process.execPath, [BIN, 'start'], {
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '/tmp',
      LIENTHONG_SKIP_BUILD: '1',
      PORT: '0',
      LOG_LEVEL: 'info',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: LogLine[] = [];
  const output: string[] = [];
  let url = '';
  const onLine = (line: string) => {
    if (line.trim() === '') return;
    if (line.startsWith('{')) {
      try {
        logs.push(JSON.parse(line) as LogLine);
        return;
      } catch {
        // not JSON after all: kept as output
      }
    }
    output.push(line);
    const m = /^lienthong: (https?:\/\/\S+)/.exec(line);
    if (m) url = m[1]!;
  };
  for (const stream of [child.stdout!, child.stderr!]) {
    let rest = '';
    stream.on('data', (d: Buffer) => {
      const lines = (rest + d.toString()).split('\n');
      rest = lines.pop() ?? '';
      lines.forEach(onLine);
    });
    stream.on('end', () => onLine(rest));
  }
  const exited = new Promise<number | string>((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal ?? -1)));
  let ended: number | string | undefined;
  void exited.then((c) => (ended = c));
  const gp: GatewayProcess = {
    child,
    get url() {
      return url;
    },
    logs,
    output,
    exited,
    async waitForLog(match, what, from = 0, wait = 120_000) {
      const found = await until(
        () => {
          const index = logs.findIndex((l, n) => n >= from && match(l));
          if (index >= 0) return { index };
          if (ended !== undefined) throw new Error(`gateway exited (${ended}) before logging ${what}`);
          return undefined;
        },
        what,
        wait,
      );
      return found.index;
    },
    async ready() {
      try {
        const res = await fetch(`${url}/ready`, { signal: AbortSignal.timeout(10_000) });
        await res.arrayBuffer();
        return res.status;
      } catch {
        return 0;
      }
    },
    async kill() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGKILL');
        await exited;
      }
    },
  };
  await until(
    () => {
      if (ended !== undefined)
        throw new Error(`gateway exited (${ended}) while starting:\n${output.join('\n')}\n${JSON.stringify(logs.slice(-20))}`);
      return url !== '';
    },
    'the gateway to listen',
    limitMs,
  ).catch(async (err: Error) => {
    await gp.kill();
    throw new Error(`${err.message}\n${output.join('\n')}\n${logs.map((l) => JSON.stringify(l)).join('\n')}`, { cause: err });
  });
  return gp;
}
