import { randomUUID } from 'node:crypto';
import type { ReportPeriod } from '../../core/approved-report.js';
import { parsePeriodKey } from '../../core/calendar/index.js';
import type { CoreServices } from '../../core/core-services.js';
import type { ApprovedValues } from '../../core/submissions/queries/approved-values.js';
import type { OutboundSender } from '../../delivery/outbound-sender.js';
import type { Principal } from '../../http/principal.js';
import { nextSlot } from '../../scheduling/next-run.js';
import type { JobScheduler } from '../../scheduling/scheduler.js';
import type { Database } from '../../store/database.js';
import { appendAudit } from '../../store/audit-log.js';
import { ConflictError, NotFoundError, UnavailableError } from '../../shared/errors.js';
import { logger } from '../../shared/logger.js';
import type { MinistryImportService } from '../import-service.js';
import { ministryConnectorRunsTotal } from '../metrics.js';
import { finishRun, insertRun, lastRuns, listRuns, type ConnectorRun } from '../store/run-repository.js';
import type { ConnectorDefinition } from './definition.js';
import type { ConnectorAdapters } from './endpoint.js';
import { connectorPeriod } from './periods.js';
import { pullValues, pushDocument } from './transfer.js';
import { pushPacket } from './push-packet.js';

export interface ConnectorServiceDeps {
  db: Database;
  core: CoreServices;
  /** The submissions area's approved values (what a push sends). */
  approved: ApprovedValues;
  imports: MinistryImportService;
  /** Where each connector calls (built by the composition root). */
  adapters: ConnectorAdapters;
  /** The delivery area's `outbound.send`: pushes pass its checks (time-stamp fail-closed) into the outbox. */
  outbound: OutboundSender;
  now: () => Date;
}

/** Runs declarative connectors on demand and on their cron schedules, recording every run. */
export class ConnectorService {
  private readonly running = new Set<string>();
  private readonly scheduled: { scheduler: JobScheduler; id: string }[] = [];

  constructor(
    readonly definitions: readonly ConnectorDefinition[],
    private readonly deps: ConnectorServiceDeps,
  ) {}

  get(id: string): ConnectorDefinition {
    const def = this.definitions.find((d) => d.id === id);
    if (!def) throw new NotFoundError('CONNECTOR_NOT_FOUND', `No connector ${id}`, { id });
    return def;
  }

  async runs(id: string, limit?: number): Promise<ConnectorRun[]> {
    this.get(id);
    return listRuns(this.deps.db, id, limit);
  }

  /** One run; a connector never overlaps itself. Failures are recorded and returned, not thrown. */
  async run(id: string, trigger: ConnectorRun['trigger'], actor: string, periodKey?: string): Promise<ConnectorRun> {
    const def = this.get(id);
    const period: ReportPeriod = periodKey ? parsePeriodKey(periodKey) : connectorPeriod(def, this.deps.now());
    if (this.running.has(id)) throw new ConflictError('CONNECTOR_BUSY', `Connector ${id} is already running`, { id });
    this.running.add(id);
    const run: ConnectorRun = {
      id: randomUUID(),
      connectorId: id,
      trigger,
      direction: def.direction,
      status: 'running',
      periodKey: period.key,
      summary: null,
      error: null,
      startedAt: this.deps.now(),
      finishedAt: null,
    };
    try {
      await insertRun(this.deps.db, run);
      try {
        const summary = await this.execute(def, period);
        await finishRun(this.deps.db, run.id, this.deps.now(), { summary });
        Object.assign(run, { status: 'succeeded', summary });
      } catch (err) {
        const e = err as { code?: string; message?: string; details?: unknown };
        const error = { code: e.code ?? 'INTERNAL_ERROR', message: e.message ?? String(err), ...(e.details ? { details: e.details } : {}) };
        await finishRun(this.deps.db, run.id, this.deps.now(), { error });
        Object.assign(run, { status: 'failed', error });
        logger.warn('connector run failed', { connector: id, code: error.code });
      }
      run.finishedAt = this.deps.now();
      ministryConnectorRunsTotal.inc({ connector: id, direction: def.direction, status: run.status });
      await appendAudit(this.deps.db, {
        actor,
        action: `ministry.connector.${def.direction}`,
        subject: run.id,
        details: { connector: id, status: run.status, period: period.key },
      });
      return run;
    } finally {
      this.running.delete(id);
    }
  }

  private async execute(def: ConnectorDefinition, period: ReportPeriod): Promise<Record<string, unknown>> {
    const mapping = this.deps.imports.mappingFor(def.ministry);
    const units = await this.deps.core.orgUnits.repo.list();
    const root = units.find((u) => u.parentId === null);
    if (!root) throw new UnavailableError('ORG_ROOT_MISSING', 'The org tree has no root unit');
    if (def.direction === 'pull') {
      // A system actor the province configured (not an external client): the connector file's indicators are its limit.
      const principal: Principal = {
        kind: 'user',
        id: `connector:${def.id}`,
        displayName: def.name,
        roles: ['ministry_client'],
        orgUnitId: root.id,
        ministryCode: def.ministry,
      };
      const endpoint = this.deps.adapters.resolve(def);
      const summary = await pullValues(def, endpoint, mapping, period, this.deps.imports, principal);
      return { ...summary, simulated: endpoint.simulated };
    }
    const catalog = new Map((await this.deps.core.indicators.list()).map((i) => [i.code, i.unit]));
    // Checked now, so a run without its URL or secret fails at once rather than as a dead letter.
    const endpoint = this.deps.adapters.resolve(def);
    const document = await pushDocument(def, mapping, period, this.deps.approved, units, (code) => catalog.get(code));
    if (document.rows === 0) return { sent: 0, skipped: document.skipped, queued: [], simulated: endpoint.simulated };
    // Through outbound.send like every outbound message: refused while the message log cannot be
    // time-stamped (fail-closed), else queued; the delivery engine sends, retries, breaks and logs.
    const packet = pushPacket(def, period, root.id, document.body);
    const queued = await this.deps.db.transaction((tx) => this.deps.outbound.send(tx, [packet]));
    return { sent: document.rows, skipped: document.skipped, queued, packetId: packet.packetId, simulated: endpoint.simulated };
  }

  /**
   * Registers the enabled connectors' cron schedules (Vietnam time) with the gateway's
   * scheduler: each slot runs once across every instance. A failing run is logged and recorded.
   */
  async registerSchedules(scheduler: JobScheduler): Promise<void> {
    for (const def of this.definitions) {
      if (!def.schedule || def.enabled === false) continue;
      const id = `connector:${def.id}`;
      await scheduler.register({
        id,
        pattern: def.schedule,
        run: async () => {
          try {
            await this.run(def.id, 'schedule', 'scheduler');
          } catch (err) {
            logger.warn('scheduled connector run not started', { connector: def.id, error: (err as Error).message });
          }
        },
      });
      this.scheduled.push({ scheduler, id });
    }
  }

  /**
   * One line per connector with its last run, for /ready. Always ok: a ministry being down must
   * not take the gateway out of its load balancer; the detail tells ops which connector fails.
   */
  async health(): Promise<{ ok: boolean; detail: string }> {
    const last = await lastRuns(
      this.deps.db,
      this.definitions.map((d) => d.id),
    );
    const lines = this.definitions.map((def) => {
      const run = last.get(def.id);
      return `${def.id}=${run ? `${run.status}${run.error ? ` (${run.error.code})` : ''}` : 'never'}`;
    });
    return { ok: true, detail: lines.join(', ') || 'no connectors' };
  }

  /** The next scheduled run of a connector, if it is scheduled. */
  nextRun(id: string): Date | null {
    const def = this.get(id);
    if (!def.schedule || def.enabled === false) return null;
    return nextSlot({ pattern: def.schedule }, this.deps.now());
  }

  /** Drops this instance's handlers; the shared schedules stay for the other instances. */
  async stop(): Promise<void> {
    for (const { scheduler, id } of this.scheduled.splice(0)) await scheduler.unregister(id);
  }
}
