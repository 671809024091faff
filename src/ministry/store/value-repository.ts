import type { SqlExecutor } from '../../store/database.js';
import type { ImportCounts, ImportStrategy, ResolvedValue } from '../types.js';

/** Rows per statement: unnest() arrays keep it to 9 parameters whatever the size. */
const CHUNK = 5_000;

interface Existing {
  key: string;
  value: string | null;
  unit: string;
}

const keyOf = (v: { orgUnitId: string; indicatorCode: string; periodKey: string; columnCode: string; disaggregationKey: string }) =>
  `${v.orgUnitId}\u001f${v.indicatorCode}\u001f${v.periodKey}\u001f${v.columnCode}\u001f${v.disaggregationKey}`;

function columns(values: ResolvedValue[]): unknown[][] {
  return [
    values.map((v) => v.orgUnitId),
    values.map((v) => v.indicatorCode),
    values.map((v) => v.periodKey),
    values.map((v) => v.columnCode),
    values.map((v) => v.disaggregationKey),
  ];
}

/** Numbers compare as numbers: numeric comes back as text ("12.50" equals 12.5). */
function sameValue(stored: string | null, value: number | null): boolean {
  if (stored === null || value === null) return stored === value;
  return Number(stored) === value;
}

async function existing(sql: SqlExecutor, source: string, values: ResolvedValue[]): Promise<Map<string, Existing>> {
  const { rows } = await sql.query<{ k: string; value: string | null; unit: string }>(
    `SELECT mv.org_unit_id || chr(31) || mv.indicator_code || chr(31) || mv.period_key || chr(31) || mv.column_code || chr(31) || mv.disaggregation_key AS k,
            mv.value::text AS value, mv.unit
       FROM ministry_values mv
       JOIN unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[]) AS i(o, ind, p, c, d)
         ON mv.org_unit_id = i.o AND mv.indicator_code = i.ind AND mv.period_key = i.p AND mv.column_code = i.c AND mv.disaggregation_key = i.d
      WHERE mv.source = $1`,
    [source, ...columns(values)],
  );
  return new Map(rows.map((r) => [r.k, { key: r.k, value: r.value, unit: r.unit }]));
}

async function write(sql: SqlExecutor, source: string, values: ResolvedValue[], importId: string, at: Date): Promise<void> {
  if (values.length === 0) return;
  await sql.query(
    `INSERT INTO ministry_values (source, org_unit_id, indicator_code, period_key, column_code, disaggregation_key, value, unit, received_at, import_id)
     SELECT $1, o, ind, p, c, d, v, u, $9, $10
       FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::numeric[], $8::text[]) AS i(o, ind, p, c, d, v, u)
     ON CONFLICT (source, org_unit_id, indicator_code, period_key, column_code, disaggregation_key)
     DO UPDATE SET value = EXCLUDED.value, unit = EXCLUDED.unit, received_at = EXCLUDED.received_at, import_id = EXCLUDED.import_id`,
    [source, ...columns(values), values.map((v) => (v.value === null ? null : String(v.value))), values.map((v) => v.unit), at, importId],
  );
}

/**
 * The upsert of the common case: skips unchanged rows in its WHERE and returns one row per
 * written value, `inserted` telling new from changed (xmax = 0). Parameters: `upsertParams`.
 */
export const UPSERT_RETURNING_INSERTED = `INSERT INTO ministry_values AS mv (source, org_unit_id, indicator_code, period_key, column_code, disaggregation_key, value, unit, received_at, import_id)
       SELECT $1, o, ind, p, c, d, v, u, $9, $10
         FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::numeric[], $8::text[]) AS i(o, ind, p, c, d, v, u)
       ON CONFLICT (source, org_unit_id, indicator_code, period_key, column_code, disaggregation_key)
       DO UPDATE SET value = EXCLUDED.value, unit = EXCLUDED.unit, received_at = EXCLUDED.received_at, import_id = EXCLUDED.import_id
         WHERE mv.value IS DISTINCT FROM EXCLUDED.value OR mv.unit IS DISTINCT FROM EXCLUDED.unit
       RETURNING (xmax = 0) AS inserted`;

/** $1..$10 of UPSERT_RETURNING_INSERTED. */
export function upsertParams(source: string, values: ResolvedValue[], at: Date, importId: string): unknown[] {
  return [
    source,
    ...columns(values),
    values.map((v) => (v.value === null ? null : String(v.value))),
    values.map((v) => v.unit),
    at,
    importId,
  ];
}

/** Rows one statement carries at most (see CHUNK). */
export const UPSERT_CHUNK = CHUNK;

/**
 * The common case (create and update, not a dry run) in one statement per chunk: the upsert
 * skips unchanged rows in its WHERE and reports inserted vs updated through xmax, so nothing
 * is read back first. Unchanged = sent − written.
 */
async function upsertCounting(
  sql: SqlExecutor,
  source: string,
  values: ResolvedValue[],
  importId: string,
  at: Date,
): Promise<ImportCounts> {
  // Counted in the database: shipping one boolean per row back to Node costs more than the count.
  const { rows } = await sql.query<{ imported: number; written: number }>(
    `WITH w AS (${UPSERT_RETURNING_INSERTED})
     SELECT (count(*) FILTER (WHERE inserted))::int AS imported, count(*)::int AS written FROM w`,
    upsertParams(source, values, at, importId),
  );
  const { imported, written } = rows[0] ?? { imported: 0, written: 0 };
  return { imported, updated: written - imported, ignored: values.length - written };
}

/**
 * Classifies each value against what is stored (new → imported, changed → updated, same →
 * ignored) and, unless `dryRun`, writes the new and changed ones with batched upserts. Run it
 * inside one transaction so a batch is stored whole or not at all.
 */
export async function upsertValues(
  sql: SqlExecutor,
  source: string,
  values: ResolvedValue[],
  opts: { importId: string; at: Date; strategy: ImportStrategy; dryRun: boolean; onProgress?: (processed: number) => void },
): Promise<ImportCounts> {
  const counts: ImportCounts = { imported: 0, updated: 0, ignored: 0 };
  for (let i = 0; i < values.length; i += CHUNK) {
    const chunk = values.slice(i, i + CHUNK);
    if (opts.strategy === 'CREATE_AND_UPDATE' && !opts.dryRun) {
      const c = await upsertCounting(sql, source, chunk, opts.importId, opts.at);
      counts.imported += c.imported;
      counts.updated += c.updated;
      counts.ignored += c.ignored;
      opts.onProgress?.(i + chunk.length);
      continue;
    }
    const stored = await existing(sql, source, chunk);
    const toWrite: ResolvedValue[] = [];
    for (const v of chunk) {
      const old = stored.get(keyOf(v));
      if (!old) {
        if (opts.strategy === 'UPDATE') {
          counts.ignored += 1;
        } else {
          counts.imported += 1;
          toWrite.push(v);
        }
      } else if (sameValue(old.value, v.value) && old.unit === v.unit) {
        counts.ignored += 1;
      } else if (opts.strategy === 'CREATE') {
        counts.ignored += 1;
      } else {
        counts.updated += 1;
        toWrite.push(v);
      }
    }
    if (!opts.dryRun) await write(sql, source, toWrite, opts.importId, opts.at);
    opts.onProgress?.(i + chunk.length);
  }
  return counts;
}

export interface StoredMinistryValue extends Omit<ResolvedValue, 'row'> {
  receivedAt: Date;
  importId: string;
}

/** A source's values for one period (reconciliation, connectors pushing back, the API). */
export async function listMinistryValues(
  sql: SqlExecutor,
  source: string,
  periodKey: string,
  orgUnitIds?: string[],
): Promise<StoredMinistryValue[]> {
  const { rows } = await sql.query<{
    org_unit_id: string;
    indicator_code: string;
    period_key: string;
    column_code: string;
    disaggregation_key: string;
    value: string | null;
    unit: string;
    received_at: Date;
    import_id: string;
  }>(
    `SELECT org_unit_id, indicator_code, period_key, column_code, disaggregation_key, value::text AS value, unit, received_at, import_id
       FROM ministry_values WHERE source = $1 AND period_key = $2 ${orgUnitIds ? 'AND org_unit_id = ANY($3::text[])' : ''}
      ORDER BY org_unit_id, indicator_code, column_code, disaggregation_key`,
    orgUnitIds ? [source, periodKey, orgUnitIds] : [source, periodKey],
  );
  return rows.map((r) => ({
    orgUnitId: r.org_unit_id,
    indicatorCode: r.indicator_code,
    periodKey: r.period_key,
    columnCode: r.column_code,
    disaggregationKey: r.disaggregation_key,
    value: r.value === null ? null : Number(r.value),
    unit: r.unit,
    receivedAt: r.received_at,
    importId: r.import_id,
  }));
}
