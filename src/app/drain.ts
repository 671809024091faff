import type { Server, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { logger } from '../shared/logger.js';

/** Resolves after `ms`, or never when `ms` is Infinity; the timer does not keep the process alive. */
export function deadline(ms: number): { promise: Promise<'timeout'>; cancel(): void } {
  let timer: NodeJS.Timeout | undefined;
  const promise = new Promise<'timeout'>((resolve) => {
    if (Number.isFinite(ms)) {
      timer = setTimeout(() => resolve('timeout'), Math.max(0, ms));
      timer.unref();
    }
  });
  return { promise, cancel: () => timer && clearTimeout(timer) };
}

/**
 * Tracks a server's sockets so a drain can end the ones still open at its deadline: a client
 * that stalls mid-upload keeps its request in flight forever, and `server.close()` alone would
 * wait for it (the gateway then never exits after SIGTERM).
 */
export function trackConnections(server: Server): { destroyAll(): number; isDraining(): boolean; startDrain(): void } {
  const sockets = new Set<Socket>();
  let draining = false;
  const onConnection = (socket: Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  };
  server.on('connection', onConnection);
  server.on('secureConnection', onConnection);
  // While draining, every answer tells its client not to reuse the connection: those that start
  // during the drain, and those in flight when it began (headers not yet sent).
  const inFlight = new Set<ServerResponse>();
  server.on('request', (_req, res: ServerResponse) => {
    if (draining && !res.headersSent) res.setHeader('connection', 'close');
    inFlight.add(res);
    res.once('close', () => inFlight.delete(res));
  });
  return {
    isDraining: () => draining,
    startDrain: () => {
      draining = true;
      for (const res of inFlight) if (!res.headersSent) res.setHeader('connection', 'close');
    },
    destroyAll() {
      const n = sockets.size;
      for (const s of sockets) s.destroy();
      sockets.clear();
      return n;
    },
  };
}

/**
 * Stops accepting, lets in-flight requests finish until `ms`, then ends every connection left
 * (stalled clients included). Resolves once the server is closed.
 */
export async function drainServer(server: Server, tracker: ReturnType<typeof trackConnections>, ms: number): Promise<void> {
  tracker.startDrain();
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeIdleConnections();
  const limit = deadline(ms);
  const outcome = await Promise.race([closed.then(() => 'closed' as const), limit.promise]);
  limit.cancel();
  if (outcome === 'timeout') {
    const ended = tracker.destroyAll();
    logger.warn('drain timeout reached: open connections closed', { connections: ended, drainMs: ms });
  }
  await closed;
}
