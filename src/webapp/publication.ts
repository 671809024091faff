import type { CoreServices } from '../core/core-services.js';
import type { SubmissionsServices } from '../core/submissions/module.js';
import type { Principal } from '../http/principal.js';
import { ForbiddenError, NotFoundError, ValidationError } from '../shared/errors.js';
import { appendAudit } from '../store/audit-log.js';
import type { Database } from '../store/database.js';

/** States in which the unit's leader has approved the figures. */
const APPROVED = new Set(['approved', 'sent', 'accepted']);
const PERIOD = /^\d{4}-(M(0[1-9]|1[0-2])|Q[1-4]|H[12]|9M|Y)$/;

export interface PublishedSet {
  periodKey: string;
  formCode: string;
  formName: string;
  publishedAt: string;
  units: { id: string; name: string }[];
  rows: { indicatorCode: string; label: string; unit: string }[];
  columns: { code: string; label: string; kind: string }[];
  values: { orgUnitId: string; indicatorCode: string; columnCode: string; value: number | null }[];
}

/**
 * Publication for the public dashboard: an administrator of the province root publishes a
 * period's form; the approved figures of every unit are frozen in `published_values`. The public
 * reads only those, never a draft or an unapproved value.
 */
export class PublicationService {
  constructor(private readonly deps: { db: Database; now: () => Date; core: CoreServices; submissions: SubmissionsServices }) {}

  async publish(
    principal: Principal,
    periodKey: string,
    formCode: string,
  ): Promise<{ periodKey: string; formCode: string; units: number; values: number }> {
    if (!principal.roles.includes('admin')) throw new ForbiddenError('ROLE_FORBIDDEN', 'Role admin required to publish figures');
    const own = await this.deps.core.orgUnits.get(principal.orgUnitId);
    if (!own || own.parentId) throw new ForbiddenError('ORG_SCOPE_FORBIDDEN', 'Only an administrator of the province publishes figures');
    if (!PERIOD.test(periodKey)) throw new ValidationError('PERIOD_KEY_INVALID', `Invalid period key ${periodKey}`);
    const form = await this.deps.core.forms.get(formCode);
    if (!form || form.type !== 'data') throw new NotFoundError('FORM_NOT_FOUND', `No data form ${formCode}`);
    const service = this.deps.submissions.service;
    const reports = (await service.list(principal, { periodKey, formCode, limit: 500 })).filter((s) => APPROVED.has(s.state));
    if (reports.length === 0)
      throw new ValidationError('PUBLICATION_NOT_APPROVED', 'No approved report of this period and form to publish', {}, 409);
    const rows: unknown[][] = [];
    for (const r of reports) {
      const view = await service.get(principal, r.id);
      for (const v of view.values) rows.push([periodKey, formCode, r.orgUnitId, v.indicatorCode, v.columnCode, v.value]);
    }
    const now = this.deps.now();
    await this.deps.db.transaction(async (tx) => {
      await tx.query('DELETE FROM published_figures WHERE period_key = $1 AND form_code = $2', [periodKey, formCode]);
      await tx.query('INSERT INTO published_figures (period_key, form_code, published_by, published_at) VALUES ($1,$2,$3,$4)', [
        periodKey,
        formCode,
        principal.id,
        now,
      ]);
      for (const row of rows) {
        await tx.query(
          'INSERT INTO published_values (period_key, form_code, org_unit_id, indicator_code, column_code, value) VALUES ($1,$2,$3,$4,$5,$6)',
          row,
        );
      }
      await appendAudit(tx, {
        actor: principal.id,
        action: 'figures.published',
        subject: `${periodKey}/${formCode}`,
        orgUnitId: principal.orgUnitId,
        details: { units: reports.length, values: rows.length },
      });
    });
    return { periodKey, formCode, units: reports.length, values: rows.length };
  }

  async unpublish(principal: Principal, periodKey: string, formCode: string): Promise<void> {
    if (!principal.roles.includes('admin')) throw new ForbiddenError('ROLE_FORBIDDEN', 'Role admin required to withdraw figures');
    await this.deps.db.transaction(async (tx) => {
      await tx.query('DELETE FROM published_figures WHERE period_key = $1 AND form_code = $2', [periodKey, formCode]);
      await appendAudit(tx, {
        actor: principal.id,
        action: 'figures.unpublished',
        subject: `${periodKey}/${formCode}`,
        orgUnitId: principal.orgUnitId,
      });
    });
  }

  async list(): Promise<{ periodKey: string; formCode: string; formName: string; publishedAt: string }[]> {
    const res = await this.deps.db.query<{ period_key: string; form_code: string; published_at: Date }>(
      'SELECT period_key, form_code, published_at FROM published_figures ORDER BY period_key DESC, form_code',
    );
    return Promise.all(
      res.rows.map(async (r) => ({
        periodKey: r.period_key,
        formCode: r.form_code,
        publishedAt: new Date(r.published_at).toISOString(),
        formName: (await this.deps.core.forms.get(r.form_code))?.name ?? r.form_code,
      })),
    );
  }

  async read(periodKey: string, formCode: string): Promise<PublishedSet> {
    const head = await this.deps.db.query<{ published_at: Date }>(
      'SELECT published_at FROM published_figures WHERE period_key = $1 AND form_code = $2',
      [periodKey, formCode],
    );
    if (!head.rows[0]) throw new NotFoundError('PUBLICATION_NOT_FOUND', 'These figures are not published');
    const values = await this.deps.db.query<{ org_unit_id: string; indicator_code: string; column_code: string; value: number | null }>(
      'SELECT org_unit_id, indicator_code, column_code, value FROM published_values WHERE period_key = $1 AND form_code = $2 ORDER BY org_unit_id, indicator_code, column_code',
      [periodKey, formCode],
    );
    const form = await this.deps.core.forms.get(formCode);
    if (!form) throw new NotFoundError('FORM_NOT_FOUND', `No form ${formCode}`);
    const unitIds = [...new Set(values.rows.map((v) => v.org_unit_id))];
    const units = await Promise.all(unitIds.map(async (id) => ({ id, name: (await this.deps.core.orgUnits.get(id))?.name ?? id })));
    return {
      periodKey,
      formCode,
      formName: form.name,
      publishedAt: new Date(head.rows[0].published_at).toISOString(),
      units,
      rows: form.rows.map((r) => ({ indicatorCode: r.indicatorCode, label: r.label, unit: r.unit })),
      columns: form.columns.map((c) => ({ code: c.code, label: c.label, kind: c.kind })),
      values: values.rows.map((v) => ({
        orgUnitId: v.org_unit_id,
        indicatorCode: v.indicator_code,
        columnCode: v.column_code,
        value: v.value === null ? null : Number(v.value),
      })),
    };
  }
}
