import type { SqlExecutor } from '../store/database.js';
import type { CircuitView } from './services.js';

/**
 * What the database knows of each channel's health when no gateway runs (no live breaker to
 * ask): since when it fails, as the instances saved it (`delivery_channel_health`). A stopped
 * gateway holds no open circuit, so every channel reads closed, with its failure clock.
 */
export async function savedCircuits(db: SqlExecutor): Promise<CircuitView[]> {
  const res = await db.query<{ channel: string; failing_since: Date | null }>(
    'SELECT channel, failing_since FROM delivery_channel_health ORDER BY channel',
  );
  return res.rows.map((r) => ({
    channel: r.channel,
    state: 'closed',
    failingSince: r.failing_since ? new Date(r.failing_since).toISOString() : null,
  }));
}
