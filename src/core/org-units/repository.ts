import type { SqlExecutor } from '../../store/database.js';
import type { OrgCodePeriod, OrgUnit, OrgUnitKind, OrgUnitTransition, ParentPeriod } from './types.js';

interface OrgUnitRow {
  id: string;
  org_code: string;
  name: string;
  kind: OrgUnitKind;
  parent_id: string | null;
  active: boolean;
  sample: boolean;
}

const COLUMNS = 'id, org_code, name, kind, parent_id, active, sample';

function toOrgUnit(r: OrgUnitRow): OrgUnit {
  return { id: r.id, orgCode: r.org_code, name: r.name, kind: r.kind, parentId: r.parent_id, active: r.active, sample: r.sample };
}

/** SQL for the org tree, its parent history and code periods; same SQL on PGlite and Postgres. */
export class OrgUnitRepository {
  constructor(private readonly db: SqlExecutor) {}

  with(tx: SqlExecutor): OrgUnitRepository {
    return new OrgUnitRepository(tx);
  }

  /** Which of `ids` exist (any state): for other areas checking the units they name. */
  async existing(ids: readonly string[]): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const r = await this.db.query<{ id: string }>('SELECT id FROM org_units WHERE id = ANY($1::text[])', [[...ids]]);
    return new Set(r.rows.map((row) => row.id));
  }

  async get(id: string): Promise<OrgUnit | null> {
    const r = await this.db.query<OrgUnitRow>(`SELECT ${COLUMNS} FROM org_units WHERE id = $1`, [id]);
    return r.rows[0] ? toOrgUnit(r.rows[0]) : null;
  }

  /** By org code valid on `date` (history), else by current code. */
  async getByCode(orgCode: string, date?: string): Promise<OrgUnit | null> {
    if (date) {
      const r = await this.db.query<OrgUnitRow>(
        `SELECT ${COLUMNS.split(', ')
          .map((c) => `u.${c}`)
          .join(', ')} FROM org_unit_codes c JOIN org_units u ON u.id = c.org_unit_id
         WHERE c.org_code = $1 AND c.valid_from <= $2 AND (c.valid_to IS NULL OR $2 < c.valid_to)`,
        [orgCode, date],
      );
      if (r.rows[0]) return toOrgUnit(r.rows[0]);
    }
    const r = await this.db.query<OrgUnitRow>(`SELECT ${COLUMNS} FROM org_units WHERE org_code = $1`, [orgCode]);
    return r.rows[0] ? toOrgUnit(r.rows[0]) : null;
  }

  async count(): Promise<number> {
    const r = await this.db.query<{ n: number }>('SELECT count(*)::int AS n FROM org_units');
    return r.rows[0]?.n ?? 0;
  }

  async list(): Promise<OrgUnit[]> {
    const r = await this.db.query<OrgUnitRow>(`SELECT ${COLUMNS} FROM org_units ORDER BY org_code`);
    return r.rows.map(toOrgUnit);
  }

  /** The unit and everything below it in the current tree. */
  async subtree(rootId: string): Promise<OrgUnit[]> {
    const r = await this.db.query<OrgUnitRow>(
      `WITH RECURSIVE sub AS (
         SELECT ${COLUMNS} FROM org_units WHERE id = $1
         UNION ALL
         SELECT ${COLUMNS.split(', ')
           .map((c) => `u.${c}`)
           .join(', ')} FROM org_units u JOIN sub ON u.parent_id = sub.id
       ) SELECT ${COLUMNS} FROM sub ORDER BY org_code`,
      [rootId],
    );
    return r.rows.map(toOrgUnit);
  }

  async children(id: string): Promise<OrgUnit[]> {
    const r = await this.db.query<OrgUnitRow>(`SELECT ${COLUMNS} FROM org_units WHERE parent_id = $1 ORDER BY org_code`, [id]);
    return r.rows.map(toOrgUnit);
  }

  /** Ids from the unit up to the root, the unit first (empty when it does not exist). */
  async ancestry(id: string): Promise<string[]> {
    const r = await this.db.query<{ id: string; depth: number }>(
      `WITH RECURSIVE up AS (
         SELECT id, parent_id, 0 AS depth FROM org_units WHERE id = $1
         UNION ALL
         SELECT u.id, u.parent_id, up.depth + 1 FROM org_units u JOIN up ON u.id = up.parent_id WHERE up.depth < 16
       ) SELECT id, depth FROM up ORDER BY depth`,
      [id],
    );
    return r.rows.map((row) => row.id);
  }

  async insert(unit: OrgUnit, validFrom: string, at: Date): Promise<void> {
    await this.db.query(
      `INSERT INTO org_units (id, org_code, name, kind, parent_id, active, sample, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8)`,
      [unit.id, unit.orgCode, unit.name, unit.kind, unit.parentId, unit.active, unit.sample, at],
    );
    await this.db.query('INSERT INTO org_unit_parent_history (org_unit_id, parent_id, valid_from) VALUES ($1, $2, $3)', [
      unit.id,
      unit.parentId,
      validFrom,
    ]);
    await this.db.query('INSERT INTO org_unit_codes (org_unit_id, org_code, valid_from) VALUES ($1, $2, $3)', [
      unit.id,
      unit.orgCode,
      validFrom,
    ]);
  }

  async update(unit: OrgUnit, at: Date): Promise<void> {
    await this.db.query('UPDATE org_units SET name = $2, org_code = $3, active = $4, parent_id = $5, updated_at = $6 WHERE id = $1', [
      unit.id,
      unit.name,
      unit.orgCode,
      unit.active,
      unit.parentId,
      at,
    ]);
  }

  async parentHistory(id: string): Promise<ParentPeriod[]> {
    const r = await this.db.query<{ org_unit_id: string; parent_id: string | null; valid_from: string; valid_to: string | null }>(
      'SELECT org_unit_id, parent_id, valid_from, valid_to FROM org_unit_parent_history WHERE org_unit_id = $1 ORDER BY valid_from',
      [id],
    );
    return r.rows.map((x) => ({ orgUnitId: x.org_unit_id, parentId: x.parent_id, validFrom: x.valid_from, validTo: x.valid_to }));
  }

  /** Every unit's parent and org code in force on `date` (units that did not exist then are absent). */
  async placementsOn(date: string): Promise<{ orgUnitId: string; parentId: string | null; orgCode: string | null }[]> {
    const r = await this.db.query<{ org_unit_id: string; parent_id: string | null; org_code: string | null }>(
      `SELECT p.org_unit_id, p.parent_id, c.org_code FROM org_unit_parent_history p
         LEFT JOIN org_unit_codes c ON c.org_unit_id = p.org_unit_id AND c.valid_from <= $1::text AND (c.valid_to IS NULL OR $1::text < c.valid_to)
        WHERE p.valid_from <= $1::text AND (p.valid_to IS NULL OR $1::text < p.valid_to)`,
      [date],
    );
    return r.rows.map((x) => ({ orgUnitId: x.org_unit_id, parentId: x.parent_id, orgCode: x.org_code }));
  }

  /** Replaces the unit's parent history (computed by the domain's closeAndOpen). */
  async replaceParentHistory(id: string, history: ParentPeriod[]): Promise<void> {
    await this.db.query('DELETE FROM org_unit_parent_history WHERE org_unit_id = $1', [id]);
    for (const p of history) {
      await this.db.query('INSERT INTO org_unit_parent_history (org_unit_id, parent_id, valid_from, valid_to) VALUES ($1, $2, $3, $4)', [
        id,
        p.parentId,
        p.validFrom,
        p.validTo,
      ]);
    }
  }

  async codeHistory(id: string): Promise<OrgCodePeriod[]> {
    const r = await this.db.query<{ org_unit_id: string; org_code: string; valid_from: string; valid_to: string | null }>(
      'SELECT org_unit_id, org_code, valid_from, valid_to FROM org_unit_codes WHERE org_unit_id = $1 ORDER BY valid_from',
      [id],
    );
    return r.rows.map((x) => ({ orgUnitId: x.org_unit_id, orgCode: x.org_code, validFrom: x.valid_from, validTo: x.valid_to }));
  }

  /** Closes the current code period on `date` and opens one for the new code. */
  async changeCode(id: string, orgCode: string, date: string): Promise<void> {
    await this.db.query('DELETE FROM org_unit_codes WHERE org_unit_id = $1 AND valid_to IS NULL AND valid_from = $2', [id, date]);
    await this.db.query('UPDATE org_unit_codes SET valid_to = $2 WHERE org_unit_id = $1 AND valid_to IS NULL', [id, date]);
    await this.db.query('INSERT INTO org_unit_codes (org_unit_id, org_code, valid_from) VALUES ($1, $2, $3)', [id, orgCode, date]);
  }

  async addTransition(t: OrgUnitTransition): Promise<void> {
    await this.db.query(
      `INSERT INTO org_unit_transitions (from_unit_id, to_unit_id, effective_on, note) VALUES ($1, $2, $3, $4)
       ON CONFLICT (from_unit_id, to_unit_id) DO NOTHING`,
      [t.fromUnitId, t.toUnitId, t.effectiveOn, t.note ?? null],
    );
  }

  async transitionsFrom(id: string): Promise<OrgUnitTransition[]> {
    const r = await this.db.query<{ from_unit_id: string; to_unit_id: string; effective_on: string; note: string | null }>(
      'SELECT from_unit_id, to_unit_id, effective_on, note FROM org_unit_transitions WHERE from_unit_id = $1',
      [id],
    );
    return r.rows.map((x) => ({
      fromUnitId: x.from_unit_id,
      toUnitId: x.to_unit_id,
      effectiveOn: x.effective_on,
      ...(x.note ? { note: x.note } : {}),
    }));
  }
}
