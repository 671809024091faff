import { Counter } from 'prom-client';
import { metricOnce, metricsRegistry } from '../observability/registry.js';
import { isAppError } from '../shared/errors.js';
import type { ExchangeServices } from './services.js';

export const packetsBuilt = metricOnce(
  'lienthong_exchange_packets_built_total',
  () =>
    new Counter({
      name: 'lienthong_exchange_packets_built_total',
      help: 'National packets built and signed, per packet type',
      labelNames: ['type'],
      registers: [metricsRegistry],
    }),
);

export const packetBuildFailures = metricOnce(
  'lienthong_exchange_packet_build_failures_total',
  () =>
    new Counter({
      name: 'lienthong_exchange_packet_build_failures_total',
      help: 'Reports that could not be built into packets, per error code (MAPPING_MISSING, PACKET_SCHEMA_INVALID, ...)',
      labelNames: ['code'],
      registers: [metricsRegistry],
    }),
);

export const packetVerifications = metricOnce(
  'lienthong_exchange_packet_verifications_total',
  () =>
    new Counter({
      name: 'lienthong_exchange_packet_verifications_total',
      help: 'Packet verifications, per result (ok, or the first failed check)',
      labelNames: ['result'],
      registers: [metricsRegistry],
    }),
);

/** Wraps the services with counters; the builder itself stays free of side effects. */
export function withMetrics(services: ExchangeServices): ExchangeServices {
  return {
    ...services,
    async buildPackets(report) {
      try {
        const packets = await services.buildPackets(report);
        for (const p of packets) packetsBuilt.inc({ type: p.packetType });
        return packets;
      } catch (err) {
        packetBuildFailures.inc({ code: isAppError(err) ? err.code : 'INTERNAL' });
        throw err;
      }
    },
    async verifyPacket(body, signature) {
      const result = await services.verifyPacket(body, signature);
      packetVerifications.inc({ result: result.ok ? 'ok' : (result.checks.find((c) => !c.ok)?.check ?? 'failed') });
      return result;
    },
  };
}
