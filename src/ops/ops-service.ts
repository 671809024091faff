import { localDateOf } from '../core/calendar/index.js';
import type { CoreServices } from '../core/core-services.js';
import type { SubmissionsServices } from '../core/submissions/services.js';
import { UnitScope } from '../console/unit-scope.js';
import type { DeliveryServices, LatencyBucket, OperationalPage } from '../delivery/services.js';
import type { Principal } from '../http/principal.js';
import type { IdentityServices } from '../identity/services.js';
import type { User } from '../identity/types.js';
import { UnavailableError } from '../shared/errors.js';
import { verifyAudit, type AuditVerifyResult } from '../store/audit-chain.js';
import { verifyMessageLog, type VerifyResult } from '../delivery/message-log.js';
import { listArchives, type ArchiveIndexEntry } from '../delivery/archive/archive-index.js';
import type { Database } from '../store/database.js';
import { queryAudit, type AuditQuery, type AuditView } from './audit-viewer.js';
import { queueSeries } from './samples.js';
import { activityWindow, auditCounts, periodsBetween, usageReport, type UsageReport } from './usage-stats.js';

export interface OpsDeps {
  db: Database;
  now: () => Date;
  core?: CoreServices;
  identity?: IdentityServices;
  submissions?: SubmissionsServices;
  delivery?: DeliveryServices;
}

export type AuditEntryView = AuditView & { actorName: string | null; orgUnitName: string | null };

/** Audit viewer, usage statistics, operational data and the console's charts, in the caller's scope. */
export class OpsService {
  constructor(private readonly deps: OpsDeps) {}

  private scope(p: Principal) {
    return UnitScope.of(p, this.deps.core);
  }

  /** Every account, read as the province's administrator (the system acting for an ops reader). */
  private async accounts(): Promise<User[]> {
    const { identity, core } = this.deps;
    if (!identity || !core) return [];
    const root = (await core.orgUnits.repo.list()).find((u) => u.parentId === null);
    if (!root) return [];
    return identity.users.list(
      { kind: 'user', id: 'system:ops', displayName: 'Vận hành', roles: ['admin'], orgUnitId: root.id },
      { limit: 10_000 },
    );
  }

  /** Period keys that have assignments, latest first, from the catalog (core) that owns them. */
  private async periodKeys(limit: number): Promise<string[]> {
    return (await this.deps.core?.assignments.periodKeys(limit)) ?? [];
  }

  async audit(p: Principal, q: AuditQuery): Promise<{ entries: AuditEntryView[]; nextCursor: string | null }> {
    const scope = await this.scope(p);
    const page = await queryAudit(this.deps.db, { ...q, orgUnitIds: scope.unitIds() });
    const names = new Map((await this.accounts()).map((u) => [u.id, u.displayName]));
    return {
      entries: page.entries.map((e) => ({
        ...e,
        actorName: names.get(e.actor) ?? null,
        orgUnitName: e.orgUnitId ? scope.name(e.orgUnitId) : null,
      })),
      nextCursor: page.nextCursor,
    };
  }

  /** Up to `max` entries of a filter, for an export (pages of 1,000). */
  async auditAll(p: Principal, q: Omit<AuditQuery, 'limit' | 'cursor'>, max = 50_000): Promise<AuditEntryView[]> {
    const out: AuditEntryView[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.audit(p, { ...q, limit: 1000, ...(cursor ? { cursor } : {}) });
      out.push(...page.entries);
      cursor = page.nextCursor ?? undefined;
    } while (cursor && out.length < max);
    return out.slice(0, max);
  }

  /** Both hash chains (message log and audit log), for `lienthong audit verify` beside the running gateway. */
  async verifyChains(): Promise<{ messageLog: VerifyResult; auditLog: AuditVerifyResult; archives: ArchiveIndexEntry[] }> {
    return {
      messageLog: await verifyMessageLog(this.deps.db),
      auditLog: await verifyAudit(this.deps.db),
      archives: await listArchives(this.deps.db),
    };
  }

  async usage(p: Principal, fromPeriod: string, toPeriod: string): Promise<UsageReport> {
    if (!this.deps.submissions) throw new UnavailableError('SUBMISSIONS_NOT_STARTED', 'Mô-đun báo cáo chưa khởi động');
    const scope = await this.scope(p);
    const periods = periodsBetween(await this.periodKeys(500), fromPeriod, toPeriod);
    const window = activityWindow(fromPeriod, toPeriod);
    const rows = [];
    for (const key of periods) rows.push(...(await this.deps.submissions.service.timeliness(key)).rows);
    const visible = scope.list().filter((u) => scope.contains(u.id));
    return usageReport({
      fromPeriod,
      toPeriod,
      periods,
      window,
      units: visible,
      accounts: (await this.accounts()).map((u) => ({ orgUnitId: u.orgUnitId, status: u.status })),
      audit: await auditCounts(this.deps.db, window),
      rows: rows.filter((r) => scope.contains(r.orgUnitId)),
      today: localDateOf(this.deps.now()),
    });
  }

  private delivery(): DeliveryServices {
    if (!this.deps.delivery?.operationalData)
      throw new UnavailableError('DELIVERY_NOT_STARTED', 'Mô-đun liên thông (delivery) chưa khởi động');
    return this.deps.delivery;
  }

  operationalData(q: { from: Date; to: Date; limit: number; cursor?: string }): Promise<OperationalPage> {
    return this.delivery().operationalData!(q);
  }

  /** The console's charts over time: queue depth samples, delivery latency per hour, timeliness per unit and period. */
  async charts(p: Principal, hours: number) {
    const to = this.deps.now();
    const from = new Date(to.getTime() - hours * 3600_000);
    const bucketMs = hours <= 6 ? 5 * 60_000 : hours <= 48 ? 3600_000 : 6 * 3600_000;
    const latency: LatencyBucket[] = (await this.delivery().latency?.({ from, to, bucketMs })) ?? [];
    return {
      from: from.toISOString(),
      to: to.toISOString(),
      bucketMs,
      queue: await queueSeries(this.deps.db, from, to),
      latency,
      timeliness: await this.timelinessSeries(p),
    };
  }

  /** On-time rate (on time ÷ due) per unit over the last six monthly periods that have assignments. */
  private async timelinessSeries(p: Principal) {
    const submissions = this.deps.submissions;
    if (!submissions) return { periods: [], units: [] };
    const scope = await this.scope(p);
    const today = localDateOf(this.deps.now());
    const periods = (await this.periodKeys(60))
      .filter((k) => /-M\d{2}$/.test(k) && k <= `${today.slice(0, 4)}-M${today.slice(5, 7)}`)
      .slice(0, 6)
      .reverse();
    const perUnit = new Map<string, (number | null)[]>();
    for (const [i, key] of periods.entries()) {
      const report = await submissions.service.timeliness(key);
      for (const u of report.units) {
        if (!scope.contains(u.orgUnitId)) continue;
        const series = perUnit.get(u.orgUnitId) ?? periods.map(() => null);
        series[i] = u.onTimeRate;
        perUnit.set(u.orgUnitId, series);
      }
    }
    return { periods, units: [...perUnit].map(([id, rates]) => ({ orgUnitId: id, orgUnitName: scope.name(id), rates })) };
  }
}
