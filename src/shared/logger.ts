import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import winston from 'winston';

/**
 * Structured JSON logs. A correlation id travels with the async context from the API request
 * to each delivery attempt, so one grep follows a report end to end.
 */
interface LogContext {
  correlationId: string;
  /** The caller's address (the audit log's "from where"). */
  clientIp?: string;
}

const context = new AsyncLocalStorage<LogContext>();

export function withCorrelationId<T>(correlationId: string | undefined, fn: () => T, clientIp?: string): T {
  return context.run({ correlationId: correlationId ?? randomUUID(), ...(clientIp ? { clientIp } : {}) }, fn);
}

export function currentClientIp(): string | undefined {
  return context.getStore()?.clientIp;
}

export function currentCorrelationId(): string | undefined {
  return context.getStore()?.correlationId;
}

const addCorrelation = winston.format((info) => {
  const id = currentCorrelationId();
  if (id && info.correlationId === undefined) info.correlationId = id;
  return info;
});

export const logger = winston.createLogger({
  level: process.env.LOG_LEVEL ?? (process.env.NODE_ENV === 'test' || process.env.VITEST ? 'warn' : 'info'),
  format: winston.format.combine(addCorrelation(), winston.format.timestamp(), winston.format.json()),
  defaultMeta: { service: 'lienthong' },
  transports: [new winston.transports.Console({ stderrLevels: ['error', 'warn', 'info', 'debug'] })],
});
