import type { Database } from '../../store/database.js';
import { ConflictError, NotFoundError, ValidationError } from '../../shared/errors.js';
import { OrgUnitRepository } from '../org-units/repository.js';
import { normalizeText } from '../text/index.js';
import { RegimeRepository } from './regime-repository.js';
import type { SqlExecutor } from '../../store/database.js';
import type { NewRegime, RegimeDispatchChange, ReportRegime } from './types.js';

const CODE = /^[0-9A-Za-z][0-9A-Za-z._-]{0,63}$/;

/** Units a routing names as receivers (checked to exist like the assignees). */
function namedReceivers(routing: ReportRegime['routing']): string[] {
  const rules = [routing, ...Object.values(routing.forms ?? {})].flatMap((r) => Object.values(r.receivers ?? {}));
  return rules.flatMap((r) => (typeof r === 'object' ? [r.orgUnitId] : []));
}

/**
 * 400 REGIME_ORG_UNIT_UNKNOWN for named units that do not exist: an unknown unit would silently
 * receive nothing. Asked of the org-unit area's repository, in the regime's transaction.
 */
async function assertUnitsExist(tx: SqlExecutor, named: string[]): Promise<void> {
  if (named.length === 0) return;
  const found = await new OrgUnitRepository(tx).existing(named);
  const missing = named.filter((id) => !found.has(id));
  if (missing.length > 0)
    throw new ValidationError('REGIME_ORG_UNIT_UNKNOWN', `Unknown org units: ${missing.join(', ')}`, { orgUnitIds: missing });
}

/** Report regimes (chế độ báo cáo). */
export class RegimeService {
  readonly repo: RegimeRepository;

  constructor(
    private readonly db: Database,
    private readonly now: () => Date,
  ) {
    this.repo = new RegimeRepository(db);
  }

  async get(code: string): Promise<ReportRegime | null> {
    return this.repo.get(code);
  }

  async require(code: string): Promise<ReportRegime> {
    const r = await this.repo.get(code);
    if (!r) throw new NotFoundError('REGIME_NOT_FOUND', `No report regime "${code}"`, { code });
    return r;
  }

  async list(): Promise<ReportRegime[]> {
    return this.repo.list();
  }

  /**
   * Whether the leader's approval sends the report at once (true) or leaves it to the clerk
   * (văn thư), who checks the signature and sends (false): a province's choice per regime.
   */
  async setAutoDispatch(code: string, autoDispatch: boolean): Promise<ReportRegime> {
    return (await this.updateDispatch(code, { autoDispatch })).after;
  }

  /**
   * A province's dispatch choices for a regime, as data: `autoDispatch` and the routing (who
   * receives each kind of unit's report, which reports become national packets, per form).
   * `routing` replaces the regime's routing whole; per-form rules may name only the regime's
   * forms. Reports already sent keep their route; the next transitions read the new one.
   */
  async updateDispatch(code: string, change: RegimeDispatchChange): Promise<{ before: ReportRegime; after: ReportRegime }> {
    return this.db.transaction(async (tx) => {
      const repo = this.repo.with(tx);
      const before = await repo.get(code);
      if (!before) throw new NotFoundError('REGIME_NOT_FOUND', `No report regime ${code}`, { code });
      if (change.routing) {
        const unknown = Object.keys(change.routing.forms ?? {}).filter((f) => !before.formCodes.includes(f));
        if (unknown.length > 0) {
          throw new ValidationError('REGIME_FORM_UNKNOWN', `Forms not in regime ${code}: ${unknown.join(', ')}`, {
            formCodes: unknown,
            regimeForms: before.formCodes,
          });
        }
        await assertUnitsExist(tx, namedReceivers(change.routing));
      }
      await repo.updateDispatch(code, change, this.now());
      return { before, after: (await repo.get(code))! };
    });
  }

  async create(input: NewRegime): Promise<ReportRegime> {
    if (!CODE.test(input.code))
      throw new ValidationError('REGIME_CODE_INVALID', `Regime code "${input.code}" is invalid`, { code: input.code });
    const periodKinds = input.periodKinds ?? [];
    if (input.type === 'periodic' && periodKinds.length === 0) {
      throw new ValidationError('REGIME_PERIODS_REQUIRED', 'A periodic regime needs at least one period kind', { code: input.code });
    }
    if (!Number.isInteger(input.deadlineRule.workingDaysAfterCutoff) || input.deadlineRule.workingDaysAfterCutoff < 0) {
      throw new ValidationError('REGIME_DEADLINE_INVALID', 'workingDaysAfterCutoff must be a non-negative integer');
    }
    const regime: ReportRegime = {
      code: input.code,
      name: normalizeText(input.name, 'name'),
      type: input.type,
      periodKinds,
      deadlineRule: { workingDaysAfterCutoff: input.deadlineRule.workingDaysAfterCutoff },
      assignees: input.assignees,
      receiverOrgUnitId: input.receiverOrgUnitId ?? null,
      // The clerk (văn thư) sends unless the regime says otherwise: approval alone never leaves the unit by default.
      autoDispatch: input.autoDispatch ?? false,
      national: input.national ?? false,
      routing: input.routing ?? {},
      timelinessStep: input.timelinessStep ?? 'sent',
      sample: input.sample ?? false,
      formCodes: [],
    };
    return this.db.transaction(async (tx) => {
      const repo = this.repo.with(tx);
      if (await repo.get(regime.code))
        throw new ConflictError('REGIME_EXISTS', `Report regime ${regime.code} already exists`, { code: regime.code });
      await assertUnitsExist(tx, [
        ...('orgUnitIds' in regime.assignees ? regime.assignees.orgUnitIds : []),
        ...(regime.receiverOrgUnitId ? [regime.receiverOrgUnitId] : []),
        ...namedReceivers(regime.routing),
      ]);
      await repo.insert(regime, this.now());
      return regime;
    });
  }
}
