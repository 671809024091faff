import { createHash } from 'node:crypto';
import type { NotificationEvent } from './notifier.js';

/** One trust service the gateway depends on, tried for real at each look. */
export interface Probe {
  type: 'timestamping.failed' | 'ocsp.failed';
  name: string;
  check(): Promise<void>;
}

/** Time-stamping: a real RFC 3161 request for a probe digest (the answer is parsed and checked by the client). */
export function tsaProbe(tsa: { timestampDigest(d: Buffer): Promise<unknown> }): Probe {
  const digest = createHash('sha256').update('lienthong-probe').digest();
  return { type: 'timestamping.failed', name: 'Cấp dấu thời gian (TSA)', check: async () => void (await tsa.timestampDigest(digest)) };
}

/** OCSP: the responder must answer an OCSP request with HTTP 200 (a malformed-request answer still proves it is up). */
export function ocspProbe(url: string, timeoutMs = 5000): Probe {
  return {
    type: 'ocsp.failed',
    name: 'Kiểm tra thu hồi chứng thư (OCSP)',
    async check() {
      const res = await fetch(url, {
        method: 'POST',
        body: new Uint8Array([0x30, 0x00]),
        headers: { 'content-type': 'application/ocsp-request' },
        signal: AbortSignal.timeout(timeoutMs),
      });
      await res.arrayBuffer();
      if (res.status >= 500) throw new Error(`OCSP responder answered HTTP ${res.status}`);
    },
  };
}

/**
 * Runs the probes; a failing one raises one event per failure episode (keyed by when it began
 * failing), so a service that stays down is told once and a new outage is told again.
 */
export class ProbeWatcher {
  private failingSince = new Map<string, string>();

  constructor(
    private readonly probes: Probe[],
    private readonly now: () => Date,
  ) {}

  async events(): Promise<NotificationEvent[]> {
    const events: NotificationEvent[] = [];
    for (const probe of this.probes) {
      try {
        await probe.check();
        this.failingSince.delete(probe.type);
      } catch (err) {
        const since = this.failingSince.get(probe.type) ?? this.now().toISOString();
        this.failingSince.set(probe.type, since);
        const message = (err as Error).message;
        events.push({
          type: probe.type,
          key: `${probe.type}@${since}`,
          subject: `[Liên thông] ${probe.name} đang lỗi`,
          text: `${probe.name} không trả lời từ ${since}: ${message}. Gói tin mới có thể bị chặn (nhật ký gói tin không được đóng dấu thời gian) hoặc chữ ký không kiểm tra được.`,
          data: { since, error: message },
        });
      }
    }
    return events;
  }
}
