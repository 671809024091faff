/** What one KPI push did (ctx.services.nationalPush). */
export interface KpiPushResult {
  source: string;
  periodKey: string;
  /** Version now at the national system (0: nothing sent yet). */
  version: number;
  observations: number;
  /** Packet ids queued by this push ([] when the observations did not change). */
  queued: string[];
}

/** `ctx.services.nationalPush`: KPI data to the national system, on demand (demo, CLI, tests) and by the scheduler. */
export interface NationalPushServices {
  pushKpi(source: string, periodKey: string): Promise<KpiPushResult>;
  /** Every ministry source × the current and previous period of each kind (the scheduled check). */
  pushAllKpi(): Promise<KpiPushResult[]>;
}
