import { localDateOf, parsePeriodKey, periodsContaining } from '../../core/calendar/index.js';
import type { CoreServices } from '../../core/core-services.js';
import type { GatewayContext } from '../../gateway/module.js';
import type { MinistryServices } from '../../ministry/services.js';
import type { ExchangeServices } from '../services.js';

/** The ministry area starts after catalog-sync: read at run time (the one late read left, #16). */
type PushContext = GatewayContext<Partial<{ core: CoreServices; exchange: ExchangeServices; ministry: MinistryServices }>>;
import type { Principal } from '../../http/principal.js';
import { UnavailableError } from '../../shared/errors.js';
import { logger } from '../../shared/logger.js';
import { pushKpiData, type KpiPushDeps } from './kpi-push.js';
import type { KpiPushResult, NationalPushServices } from './services.js';

const KINDS = ['month', 'quarter', 'half_year', 'year'] as const;

/** The periods a KPI check looks at: the one containing today and the one before, per kind. */
function recentPeriodKeys(today: string): string[] {
  return KINDS.flatMap((kind) => {
    const current = periodsContaining(kind, today)[0];
    if (!current) return [];
    const before = new Date(`${current.windowStart}T00:00:00Z`);
    before.setUTCDate(before.getUTCDate() - 1);
    const previous = periodsContaining(kind, before.toISOString().slice(0, 10))[0];
    return previous ? [current.key, previous.key] : [current.key];
  });
}

export function nationalPushServices(ctx: PushContext, send: KpiPushDeps['send']): NationalPushServices {
  const deps = async (): Promise<KpiPushDeps> => {
    const { core, exchange, ministry } = ctx.services;
    if (!core || !exchange || !ministry)
      throw new UnavailableError('KPI_SOURCES_UNAVAILABLE', 'KPI data needs the core, exchange and ministry modules');
    const province = await core.orgUnits.getByCode(exchange.sender.orgCode);
    if (!province)
      throw new UnavailableError('KPI_PROVINCE_UNKNOWN', `No org unit with the signing certificate's code ${exchange.sender.orgCode}`);
    // The gateway itself reads what the ministries sent, as operations staff of the province would.
    const reader: Principal = {
      kind: 'user',
      id: 'system:kpi-push',
      displayName: 'Cổng liên thông',
      roles: ['ops'],
      orgUnitId: province.id,
    };
    return {
      db: ctx.db,
      readValues: (source, periodKey) => ministry.reconciler.sourceValues(reader, periodKey, source),
      period: (key) => parsePeriodKey(key, core.cutoffRules),
      province: { id: province.id, orgCode: province.orgCode, name: province.name },
      mappings: exchange.mappings.national,
      seal: (input) => exchange.sealPacket(input),
      send,
      now: ctx.now,
    };
  };
  return {
    pushKpi: async (source, periodKey) => pushKpiData(await deps(), source, periodKey),
    async pushAllKpi() {
      const d = await deps();
      const out: KpiPushResult[] = [];
      for (const source of ctx.services.exchange!.mappings.ministries.keys()) {
        for (const key of recentPeriodKeys(localDateOf(ctx.now()))) {
          try {
            out.push(await pushKpiData(d, source, key));
          } catch (err) {
            logger.warn('KPI data not pushed', { source, periodKey: key, error: (err as Error).message });
          }
        }
      }
      return out;
    },
  };
}
