import { randomUUID } from 'node:crypto';
import type { CoreServices } from '../core/core-services.js';
import type { MappingRegistry } from '../exchange/mapping/loader.js';
import type { MappingSet } from '../exchange/mapping/mapping-set.js';
import type { Principal } from '../http/principal.js';
import type { Database, SqlExecutor } from '../store/database.js';
import { appendAudit } from '../store/audit-log.js';
import { ForbiddenError, NotFoundError, ValidationError } from '../shared/errors.js';
import { loadResolveContext } from './inbound/lookup.js';
import type { ReferenceCache } from './inbound/reference-cache.js';
import { resolveBatch } from './inbound/resolver.js';
import { ministryImportSeconds, ministryValuesTotal } from './metrics.js';
import type { ImportProgress } from './progress.js';
import { finishImport, insertImport, type NewImport } from './store/import-repository.js';
import { storePush } from './store/push-repository.js';
import { UPSERT_CHUNK, upsertValues } from './store/value-repository.js';
import type { ImportConflict, ImportCounts, ImportOptions, ImportStatus, ImportSummary, InboundBatch, ResolvedValue } from './types.js';

/** What the work of an import yields; `track` turns it into the recorded summary. */
export interface ImportOutcome {
  source: string;
  total: number;
  counts: ImportCounts;
  conflicts: ImportConflict[];
}

export interface ImportServiceDeps {
  db: Database;
  core: CoreServices;
  mappings: MappingRegistry;
  now: () => Date;
  progress: ImportProgress;
  /** The catalog and org subtrees, reused for a few seconds (MINISTRY_REFERENCE_CACHE_MS). */
  references: ReferenceCache;
  /** The identity area's per-client indicator limits (list or pattern), when it runs. */
  indicatorFilter?: (principal: Principal) => Promise<(indicatorCode: string) => boolean>;
}

/** Metrics of a values import; counts.ignored includes the rows with conflicts, counted apart. */
function countValues(summary: ImportSummary): ImportSummary {
  if (summary.dryRun) return summary;
  const { source, importCount: c, conflicts } = summary;
  ministryValuesTotal.inc({ source, outcome: 'imported' }, c.imported);
  ministryValuesTotal.inc({ source, outcome: 'updated' }, c.updated);
  ministryValuesTotal.inc({ source, outcome: 'ignored' }, c.ignored - conflicts.length);
  ministryValuesTotal.inc({ source, outcome: 'conflict' }, conflicts.length);
  return summary;
}

/** Everything a summary says but the counts: known before the values are written. */
function summaryHead(
  id: string,
  options: ImportOptions,
  { source, total, conflicts }: Omit<ImportOutcome, 'counts'>,
): Omit<ImportSummary, 'importCount' | 'conflicts'> {
  const status: ImportStatus = conflicts.length === 0 ? 'SUCCESS' : options.atomic || conflicts.length === total ? 'ERROR' : 'WARNING';
  return { importId: id, source, status, dryRun: options.dryRun, atomic: options.atomic, importStrategy: options.importStrategy, total };
}

function summaryOf(id: string, options: ImportOptions, outcome: ImportOutcome): ImportSummary {
  return { ...summaryHead(id, options, outcome), importCount: outcome.counts, conflicts: outcome.conflicts };
}

function errorOf(err: unknown): { code: string; message: string; details?: unknown } {
  const e = err as { code?: string; message?: string; details?: unknown };
  return { code: e.code ?? 'INTERNAL_ERROR', message: e.message ?? String(err), details: e.details };
}

/** What an import's audit entry says besides its counts. */
function auditDetails(summary: Pick<ImportSummary, 'source' | 'status' | 'conflicts'>): Record<string, unknown> {
  return { source: summary.source, status: summary.status, conflicts: summary.conflicts.length };
}

/**
 * Whether a push can be stored in one statement: the common strategy, stored for real, one
 * chunk, and not an atomic import refused for its conflicts.
 */
function oneStatement(options: ImportOptions, values: number, conflicts: number): boolean {
  return options.importStrategy === 'CREATE_AND_UPDATE' && !options.dryRun && values <= UPSERT_CHUNK && !(options.atomic && conflicts > 0);
}

/** Only ministry clients and administrators import ministry data. */
export function assertImporter(principal: Principal): void {
  if (!principal.roles.includes('admin') && !principal.roles.includes('ministry_client')) {
    throw new ForbiddenError('ROLE_FORBIDDEN', 'Requires one of the roles: ministry_client, admin', {
      required: ['ministry_client', 'admin'],
    });
  }
}

/** Ministry clients act for their own ministry only; admins name the source. */
export function sourceFor(principal: Principal, requested: string | undefined): string {
  assertImporter(principal);
  if (principal.roles.includes('admin')) {
    if (requested) return requested;
    if (principal.ministryCode) return principal.ministryCode;
    throw new ValidationError('SOURCE_REQUIRED', 'Name the source ministry (source) when importing as an administrator', {
      name: 'source',
    });
  }
  if (!principal.ministryCode) throw new ForbiddenError('MINISTRY_CODE_MISSING', 'This client is not bound to a ministry');
  if (requested && requested !== principal.ministryCode) {
    throw new ForbiddenError('SOURCE_FORBIDDEN', `This client may only send data of ${principal.ministryCode}`, {
      source: requested,
      allowed: principal.ministryCode,
    });
  }
  return principal.ministryCode;
}

/**
 * Imports ministry values: resolve every row against the mapping and catalog, then store the
 * clean rows in one transaction. Atomic imports with any conflict store nothing; dry runs
 * classify against the database and store nothing. Each import is recorded and audited.
 */
export class MinistryImportService {
  constructor(private readonly deps: ImportServiceDeps) {}

  mappingFor(source: string): MappingSet {
    const mapping = this.deps.mappings.ministries.get(source);
    if (!mapping)
      throw new NotFoundError('SOURCE_UNKNOWN', `No mapping for ministry ${source} (mappings/ministries/${source}.json)`, { source });
    return mapping;
  }

  /** Starts a recorded import; the id lets a caller poll a long one. */
  async begin(
    principal: Principal,
    source: string,
    kind: 'values' | 'indicators',
    format: string,
    options: ImportOptions,
    total: number,
  ): Promise<string> {
    const id = randomUUID();
    await insertImport(this.deps.db, {
      id,
      source,
      kind,
      format,
      dryRun: options.dryRun,
      atomic: options.atomic,
      total,
      createdBy: principal.id,
      createdAt: this.deps.now(),
    });
    this.deps.progress.start(id, total);
    return id;
  }

  async importValues(
    principal: Principal,
    source: string,
    batch: InboundBatch,
    options: ImportOptions,
    format: string,
    importId?: string,
  ): Promise<ImportSummary> {
    const mapping = this.mappingFor(source);
    if (importId === undefined) return this.importAtOnce(principal, source, mapping, batch, options, format);
    const id = importId;
    const timer = ministryImportSeconds.startTimer({ format });
    return this.track(
      principal,
      id,
      async () => {
        const { values, conflicts } = await this.resolve(principal, mapping, batch);
        const total = batch.rows.length;
        if (options.atomic && conflicts.length > 0)
          return { source, total, counts: { imported: 0, updated: 0, ignored: total }, conflicts };
        const counts = await this.deps.db.transaction((tx) =>
          upsertValues(tx, source, values, {
            importId: id,
            at: this.deps.now(),
            strategy: options.importStrategy,
            dryRun: options.dryRun,
            onProgress: (n) => this.deps.progress.advance(id, n),
          }),
        );
        return { source, total, counts: { ...counts, ignored: counts.ignored + conflicts.length }, conflicts };
      },
      options,
    )
      .then(countValues)
      .finally(() => timer());
  }

  /**
   * Resolves against the reference cache; a batch with any conflict is resolved again against
   * the database, so what the cache did not know yet (a unit or indicator just added) is never
   * what refused a row.
   */
  private async resolve(principal: Principal, mapping: MappingSet, batch: InboundBatch) {
    const allowedIndicators = await this.allowedIndicators(principal, mapping);
    const attempt = async (fresh: boolean) =>
      resolveBatch(
        {
          ...(await loadResolveContext(this.deps.core, this.deps.references, mapping, principal.orgUnitId, batch, fresh)),
          allowedIndicators,
        },
        batch,
      );
    const cached = await attempt(false);
    return cached.conflicts.length === 0 || !this.deps.references.caching ? cached : attempt(true);
  }

  /**
   * A push answered in its response (POST /ministry/data): the import record, the values, the
   * summary and the audit entry commit in ONE transaction (one commit per push); only a failure
   * is recorded apart, since its transaction rolled back.
   */
  private async importAtOnce(
    principal: Principal,
    source: string,
    mapping: MappingSet,
    batch: InboundBatch,
    options: ImportOptions,
    format: string,
  ): Promise<ImportSummary> {
    const id = randomUUID();
    const total = batch.rows.length;
    const timer = ministryImportSeconds.startTimer({ format });
    const record = { id, source, kind: 'values' as const, format, dryRun: options.dryRun, atomic: options.atomic, total };
    this.deps.progress.start(id, total);
    try {
      const { values, conflicts } = await this.resolve(principal, mapping, batch);
      const summary = oneStatement(options, values.length, conflicts.length)
        ? await this.storeAtOnce(principal, { ...record, createdBy: principal.id, createdAt: this.deps.now() }, options, values, conflicts)
        : await this.deps.db.transaction(async (tx) => {
            const at = this.deps.now();
            await insertImport(tx, { ...record, createdBy: principal.id, createdAt: at });
            const counts =
              options.atomic && conflicts.length > 0
                ? { imported: 0, updated: 0, ignored: total - conflicts.length }
                : await upsertValues(tx, source, values, {
                    importId: id,
                    at,
                    strategy: options.importStrategy,
                    dryRun: options.dryRun,
                    onProgress: (n) => this.deps.progress.advance(id, n),
                  });
            const s = summaryOf(id, options, {
              source,
              total,
              counts: { ...counts, ignored: counts.ignored + conflicts.length },
              conflicts,
            });
            await this.record(tx, principal, id, s);
            return s;
          });
      return countValues(summary);
    } catch (err) {
      await this.deps.db.transaction(async (tx) => {
        await insertImport(tx, { ...record, createdBy: principal.id, createdAt: this.deps.now() });
        await finishImport(tx, id, this.deps.now(), { error: errorOf(err) });
      });
      throw err;
    } finally {
      this.deps.progress.finish(id);
      timer();
    }
  }

  /** The common push as one statement (storePush): values, import record and audit entry. */
  private async storeAtOnce(
    principal: Principal,
    record: NewImport,
    options: ImportOptions,
    values: ResolvedValue[],
    conflicts: ImportConflict[],
  ): Promise<ImportSummary> {
    const outcome = { source: record.source, total: record.total, conflicts };
    // The statement counts the values; the rest of the summary is known now.
    const summary = { ...summaryHead(record.id, options, outcome), conflicts };
    const counts = await storePush(this.deps.db, {
      record,
      values,
      conflicts: conflicts.length,
      summary,
      audit: { actor: principal.id, action: 'ministry.import', orgUnitId: principal.orgUnitId, details: auditDetails(summary) },
    });
    this.deps.progress.advance(record.id, values.length);
    return summaryOf(record.id, options, { ...outcome, counts });
  }

  /** Registered clients may be limited to some indicators; resolved once per import, not per row. */
  private async allowedIndicators(principal: Principal, mapping: MappingSet): Promise<ReadonlySet<string> | undefined> {
    if (!this.deps.indicatorFilter || principal.kind !== 'client') return undefined;
    const allows = await this.deps.indicatorFilter(principal);
    return new Set(mapping.indicatorRules.map((r) => r.provincial).filter(allows));
  }

  /** Runs the work of a begun import and records its summary, or its failure. */
  async track(principal: Principal, id: string, work: () => Promise<ImportOutcome>, options: ImportOptions): Promise<ImportSummary> {
    try {
      const summary = summaryOf(id, options, await work());
      await this.finish(principal, id, summary);
      return summary;
    } catch (err) {
      await this.fail(id, err);
      throw err;
    }
  }

  async finish(principal: Principal, id: string, summary: ImportSummary): Promise<void> {
    await this.deps.db.transaction((tx) => this.record(tx, principal, id, summary));
    this.deps.progress.finish(id);
  }

  /** The summary on the import record, and its audit entry, in the caller's transaction. */
  private async record(tx: SqlExecutor, principal: Principal, id: string, summary: ImportSummary): Promise<void> {
    await finishImport(tx, id, this.deps.now(), { summary });
    await appendAudit(tx, {
      actor: principal.id,
      action: summary.dryRun ? 'ministry.import.dry_run' : 'ministry.import',
      subject: id,
      orgUnitId: principal.orgUnitId,
      details: { ...auditDetails(summary), ...summary.importCount },
    });
  }

  async fail(id: string, err: unknown): Promise<void> {
    await finishImport(this.deps.db, id, this.deps.now(), { error: errorOf(err) });
    this.deps.progress.finish(id);
  }
}
