import { localDateOf, periodsContaining } from '../core/calendar/index.js';
import type { CoreServices } from '../core/core-services.js';
import type { SeriesPoint } from '../core/submissions/queries/approved-values.js';
import type { SubmissionsServices } from '../core/submissions/services.js';
import type { DeliveryServices, PacketFilter, PacketView, ReplayResult } from '../delivery/services.js';
import type { Principal } from '../http/principal.js';
import { NotFoundError, ValidationError } from '../shared/errors.js';
import { appendAudit } from '../store/audit-log.js';
import type { Database } from '../store/database.js';
import { attentionRows, type AttentionRow } from './attention.js';
import { deadlineCalendar, type CalendarDay } from './deadline-calendar.js';
import { syncStatus } from './sync-status.js';
import { timelinessAsOf, type TimelinessView } from './timeliness-view.js';
import { UnitScope } from './unit-scope.js';

export interface ConsoleDeps {
  db: Database;
  delivery: DeliveryServices;
  submissions: SubmissionsServices;
  core: CoreServices;
  now: () => Date;
}

/** At most this many packets re-run in one bulk request (the console sends pages of dead letters). */
export const MAX_REPLAY_BATCH = 500;

/**
 * What the ops console shows, assembled from the delivery engine, the submissions workflow and
 * the catalog. Every read is limited to the caller's org subtree (ops and admins see the province).
 */
export class ConsoleService {
  constructor(private readonly deps: ConsoleDeps) {}

  private delivery(): DeliveryServices {
    return this.deps.delivery;
  }

  private scope(principal: Principal): Promise<UnitScope> {
    return UnitScope.of(principal, this.deps.core);
  }

  async me(principal: Principal) {
    const scope = await this.scope(principal);
    return {
      id: principal.id,
      displayName: principal.displayName,
      roles: principal.roles,
      orgUnitId: principal.orgUnitId,
      orgUnitName: scope.name(principal.orgUnitId),
    };
  }

  /** Counts and one page of reports, limited in SQL to the caller's units (a leader's subtree). */
  async overview(principal: Principal, periodKey?: string, reportsCursor?: string) {
    // Province-wide callers need no unit filter: their names load beside the counts, not before them.
    const [scope, status] = UnitScope.provinceWide(principal)
      ? await Promise.all([this.scope(principal), syncStatus(this.delivery(), periodKey, { reportsCursor })])
      : await this.scope(principal).then(
          async (s) => [s, await syncStatus(this.delivery(), periodKey, { orgUnitIds: s.unitIds(), reportsCursor })] as const,
        );
    const reports = status.reports.filter((r) => scope.contains(r.orgUnitId)).map((r) => ({ ...r, orgUnitName: scope.name(r.orgUnitId) }));
    return { ...status, reports };
  }

  /** What needs attention across every period, with age, attempts, Vietnamese reason and action. */
  async attention(principal: Principal): Promise<AttentionRow[]> {
    const scope = await this.scope(principal);
    return attentionRows(
      this.delivery(),
      this.deps.now(),
      (id) => (id ? scope.contains(id) : scope.all),
      (id) => scope.name(id),
    );
  }

  async packets(principal: Principal, filter: PacketFilter): Promise<(PacketView & { orgUnitName: string })[]> {
    return this.scopedPackets(await this.scope(principal), filter);
  }

  /** One keyset page of packets in the caller's scope, with the cursor of the next. */
  async packetPage(principal: Principal, filter: PacketFilter) {
    const scope = await this.scope(principal);
    const page = await this.delivery().pagePackets({ ...filter, orgUnitIds: scope.unitIds() });
    return { packets: page.packets.map((p) => ({ ...p, orgUnitName: scope.name(p.orgUnitId) })), nextCursor: page.nextCursor };
  }

  /** Takes the scope the caller already loaded: one org-subtree read per request. */
  private async scopedPackets(scope: UnitScope, filter: PacketFilter): Promise<(PacketView & { orgUnitName: string })[]> {
    const rows = await this.delivery().listPackets({ ...filter, orgUnitIds: scope.unitIds() });
    return rows.filter((p) => scope.contains(p.orgUnitId)).map((p) => ({ ...p, orgUnitName: scope.name(p.orgUnitId) }));
  }

  async packet(principal: Principal, packetId: string) {
    const p = await this.delivery().packet(packetId);
    const scope = await this.scope(principal);
    if (!p || !scope.contains(p.orgUnitId)) throw new NotFoundError('PACKET_NOT_FOUND', `Packet ${packetId} not found`, { packetId });
    return { ...p, orgUnitName: scope.name(p.orgUnitId) };
  }

  /** Dead letters: packets that stopped (retries exhausted) or were refused, newest first. */
  async deadLetters(principal: Principal, filter: PacketFilter) {
    const scope = await this.scope(principal);
    // One keyset page over both states (one index range each, merged in SQL).
    return this.scopedPackets(scope, { ...filter, state: undefined, states: ['dead', 'rejected'] });
  }

  /** Re-runs dead letters; the delivery engine audits each packet, the console audits the request. */
  async replay(principal: Principal, packetIds: string[]): Promise<ReplayResult> {
    const ids = [...new Set(packetIds)];
    if (ids.length === 0) throw new ValidationError('REPLAY_EMPTY', 'Chọn ít nhất một gói tin để chạy lại');
    if (ids.length > MAX_REPLAY_BATCH)
      throw new ValidationError('REPLAY_TOO_MANY', `At most ${MAX_REPLAY_BATCH} packets per request`, {
        max: MAX_REPLAY_BATCH,
        given: ids.length,
      });
    const result = await this.delivery().replay(ids, principal.id);
    await appendAudit(this.deps.db, {
      actor: principal.id,
      action: 'console.replay',
      orgUnitId: principal.orgUnitId,
      details: { requested: ids.length, requeued: result.requeued, skipped: result.skipped },
    });
    return result;
  }

  async errors(principal: Principal, limit: number) {
    const scope = await this.scope(principal);
    const errors = await this.delivery().recentErrors(limit);
    if (scope.all) return errors;
    const visible = await this.scopedPackets(scope, { limit: 1000 });
    const ids = new Set(visible.map((p) => p.packetId));
    return errors.filter((e) => ids.has(e.packetId));
  }

  /** The workflow's timeliness, labelled as of today exactly like the deadline calendar. */
  async timeliness(
    principal: Principal,
    periodKey: string,
    regimeCode?: string,
  ): Promise<TimelinessView & { names: Record<string, string> }> {
    const scope = await this.scope(principal);
    const raw = await this.deps.submissions.service.timeliness(periodKey, regimeCode, this.workflowScope(scope, principal));
    const report = timelinessAsOf(raw, localDateOf(this.deps.now()));
    return { ...report, names: Object.fromEntries(report.units.map((u) => [u.orgUnitId, scope.name(u.orgUnitId)])) };
  }

  async calendar(principal: Principal, periodKey: string): Promise<CalendarDay[]> {
    const scope = await this.scope(principal);
    const assignments = (await this.deps.core.assignments.list({ periodKey })).filter((a) => scope.contains(a.orgUnitId));
    const timeliness = await this.deps.submissions.service.timeliness(periodKey, undefined, this.workflowScope(scope, principal));
    return deadlineCalendar(assignments, timeliness.rows, (id) => scope.name(id), localDateOf(this.deps.now()));
  }

  /** The picker's periods and the one to show first: this month's reporting period when assigned. */
  async periods(): Promise<{ periods: string[]; current: string | null }> {
    const periods = await this.deps.core.assignments.periodKeys();
    const month = periodsContaining('month', localDateOf(this.deps.now()))[0]?.key;
    return { periods, current: month && periods.includes(month) ? month : (periods[0] ?? null) };
  }

  async indicators(principal: Principal, orgUnitId: string) {
    await this.assertUnit(principal, orgUnitId);
    const catalog = await this.deps.core.indicators.list();
    const held = new Set(
      await this.deps.submissions.approvedValues.indicatorsWith(
        orgUnitId,
        catalog.map((i) => i.code),
      ),
    );
    return catalog.filter((i) => held.has(i.code)).map((i) => ({ code: i.code, name: i.name, unit: i.unit }));
  }

  async series(principal: Principal, orgUnitId: string, indicatorCode: string): Promise<SeriesPoint[]> {
    await this.assertUnit(principal, orgUnitId);
    return this.deps.submissions.approvedValues.series(orgUnitId, indicatorCode);
  }

  async units(principal: Principal) {
    return (await this.scope(principal)).list();
  }

  /**
   * Ops and admins watch the whole province even when their account sits in one unit (the
   * data centre), so the workflow's per-unit scope is not applied to them.
   */
  private workflowScope(scope: UnitScope, principal: Principal): Principal | undefined {
    return scope.all ? undefined : principal;
  }

  private async assertUnit(principal: Principal, orgUnitId: string): Promise<void> {
    if (!(await this.scope(principal)).contains(orgUnitId)) {
      throw new NotFoundError('ORG_UNIT_NOT_FOUND', `Org unit ${orgUnitId} is not in your scope`, { orgUnitId });
    }
  }
}
