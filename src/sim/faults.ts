import { Router, type NextFunction, type Request, type Response } from 'express';

/**
 * Switchable faults shared by every simulator of an external system. `down` destroys the
 * connection (the client sees ECONNRESET, as with a dead host); `slow` delays each answer;
 * `5xx` and `429` answer with that status; `reject-signature` is honoured by simulators that
 * verify signatures. The control routes under `/_sim` are never faulted, so a test or the
 * console can switch a simulator back on.
 */
export const FAULT_MODES = ['none', 'down', 'slow', '5xx', '429', 'reject-signature'] as const;
export type FaultMode = (typeof FAULT_MODES)[number];

export interface FaultSettings {
  mode: FaultMode;
  /** `slow`: delay per request, ms. */
  delayMs: number;
  /** `429`: Retry-After seconds. */
  retryAfterSeconds: number;
  /** Apply the fault to the next N requests only, then return to `none` (0 = until changed). */
  remaining: number;
}

export class FaultSwitch {
  private settings: FaultSettings = { mode: 'none', delayMs: 2000, retryAfterSeconds: 1, remaining: 0 };

  get current(): Readonly<FaultSettings> {
    return this.settings;
  }

  set(next: Partial<FaultSettings>): Readonly<FaultSettings> {
    if (next.mode !== undefined && !FAULT_MODES.includes(next.mode)) {
      throw new Error(`Unknown fault mode ${String(next.mode)}; one of ${FAULT_MODES.join(', ')}`);
    }
    this.settings = { ...this.settings, ...next };
    return this.settings;
  }

  /** The mode in force for this request (consumes one of `remaining`). */
  take(): FaultMode {
    const { mode, remaining } = this.settings;
    if (mode !== 'none' && remaining > 0) {
      this.settings = remaining === 1 ? { ...this.settings, mode: 'none', remaining: 0 } : { ...this.settings, remaining: remaining - 1 };
    }
    return mode;
  }
}

/** Error codes a simulator answers for `5xx` / `429` (a faithful simulator uses its contract's codes). */
export interface FaultCodes {
  rateLimited: string;
  unavailable: string;
}

/** Express stage applying the switch to every request outside `/_sim`. */
export function faultStage(faults: FaultSwitch, codes: FaultCodes = { rateLimited: 'SIM_RATE_LIMITED', unavailable: 'SIM_UNAVAILABLE' }) {
  return (req: Request, res: Response, next: NextFunction): void => {
    if (req.path.startsWith('/_sim')) return next();
    const mode = faults.take();
    res.locals.fault = mode;
    switch (mode) {
      case 'down':
        req.socket.destroy();
        return;
      case 'slow':
        setTimeout(next, faults.current.delayMs);
        return;
      case '5xx':
        res
          .set('retry-after', String(faults.current.retryAfterSeconds))
          .status(503)
          .json({ code: codes.unavailable, message: 'Simulated server error' });
        return;
      case '429':
        res
          .set('retry-after', String(faults.current.retryAfterSeconds))
          .status(429)
          .json({ code: codes.rateLimited, message: 'Simulated rate limit' });
        return;
      default:
        next();
    }
  };
}

/** `GET /_sim/faults` shows, `PUT /_sim/faults {mode, delayMs?, retryAfterSeconds?, remaining?}` switches. */
export function faultControlRouter(faults: FaultSwitch): Router {
  const r = Router();
  r.get('/_sim/faults', (_req, res) => {
    res.json(faults.current);
  });
  r.put('/_sim/faults', (req, res) => {
    try {
      res.json(faults.set((req.body ?? {}) as Partial<FaultSettings>));
    } catch (err) {
      res.status(400).json({ code: 'SIM_FAULT_INVALID', message: (err as Error).message });
    }
  });
  return r;
}
