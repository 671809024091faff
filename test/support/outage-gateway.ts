import type pg from 'pg';
import { expect } from 'vitest';
import type { RunningSimulator } from '../../src/sim/simulator.js';
import { until } from './private-servers.js';

/**
 * The settings of a gateway process whose dependencies a test takes away: the demo province and
 * its traffic on a real database (asked for explicitly), reports that wait for a national system
 * the test keeps down, fast retries, and readiness that speaks of the database and Redis only.
 */
export function outageGatewayEnv(links: { databaseUrl: string; redisUrl: string; nationalUrl: string }): Record<string, string> {
  return {
    DATABASE_URL: links.databaseUrl,
    REDIS_URL: links.redisUrl,
    DEMO: 'true',
    DEMO_PASSWORD: OUTAGE_DEMO_PASSWORD,
    DEMO_TRAFFIC: 'true',
    // The outage tests count the traffic's reports; the showcase's recalled list stays delivered, never acknowledged.
    DEMO_SHOWCASE: 'false',
    DEMO_INITIAL_REPORTS: '2',
    DEMO_LATE_REPORTS: '0',
    DEMO_INTERVAL_MS: '0',
    DEMO_INCIDENT_AFTER_MS: '0',
    NATIONAL_URL: links.nationalUrl,
    // Reports wait for the national system, not for the e-document fallback, and keep their circuit
    // closed so /ready speaks of the database and Redis only; retries come fast.
    FALLBACK_ENABLED: 'false',
    BREAKER_VOLUME: '1000000',
    RETRY_BASE_MS: '200',
    RETRY_MAX_DELAY_MS: '1000',
    RETRY_JITTER: '0',
    RETRY_MAX_ATTEMPTS: '1000',
    RECONCILE_INTERVAL_MS: '1000',
    DELIVERY_STALE_MS: '3000',
    READY_CHECK_TIMEOUT_SECONDS: '3',
    SHUTDOWN_DRAIN_SECONDS: '10',
  };
}

/** The demo accounts' password in these tests (never the published one). */
export const OUTAGE_DEMO_PASSWORD = 'Thu-nghiem-2026';

export interface NationalPacket {
  packet_id: string;
  idempotency_key: string;
  state: string;
  subject_kind: string;
}

/** The packets for the national system, read straight from the server (not through a relay). */
export async function nationalPackets(observer: pg.Pool): Promise<NationalPacket[]> {
  const res = await observer.query<NationalPacket>(
    "SELECT packet_id, idempotency_key, state, subject_kind FROM delivery_packets WHERE route = 'national' ORDER BY packet_id",
  );
  return res.rows;
}

/**
 * Lets the national system answer again and checks that every packet that waited through the
 * outages arrives, each exactly once: one receipt at the simulator and one 'ok' attempt.
 */
export async function expectDeliveredOnce(observer: pg.Pool, national: RunningSimulator, waiting: NationalPacket[]): Promise<void> {
  national.faults.set({ mode: 'none' });
  await until(async () => {
    const byId = new Map((await nationalPackets(observer)).map((r) => [r.packet_id, r.state]));
    return waiting.every((p) => byId.get(p.packet_id) === 'acknowledged');
  }, 'every waiting packet to be acknowledged');
  const received = (await (await fetch(`${national.url}/_sim/received`)).json()) as { idempotencyKey: string }[];
  for (const p of waiting) expect(received.filter((r) => r.idempotencyKey === p.idempotency_key)).toHaveLength(1);
  const ok = await observer.query<{ packet_id: string; n: number }>(
    "SELECT packet_id, count(*)::int AS n FROM delivery_attempts WHERE outcome = 'ok' AND packet_id = ANY($1) GROUP BY packet_id ORDER BY packet_id",
    [waiting.map((p) => p.packet_id)],
  );
  expect(ok.rows.map((r) => r.n)).toEqual(waiting.map(() => 1));
}
