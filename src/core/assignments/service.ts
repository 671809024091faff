import type { Database } from '../../store/database.js';
import { ConflictError, NotFoundError, ValidationError } from '../../shared/errors.js';
import type { ReportPeriod } from '../approved-report.js';
import {
  adHocPeriod,
  deadlineFor,
  DECREE_09_2019_CUTOFF_RULES,
  parsePeriodKey,
  type CutoffRules,
  type WorkingCalendar,
} from '../calendar/index.js';
import type { RegimeService } from '../catalog/regime-service.js';
import type { OrgUnitService } from '../org-units/service.js';
import { normalizeText } from '../text/index.js';
import { planAssignments, selectAssignees } from './plan.js';
import { AssignmentRepository, type AssignmentFilter } from './repository.js';
import type { Assignment, AssignmentStatus } from './types.js';

export interface GenerateOptions {
  /** Thematic / ad hoc regimes: the window reported on (periodic regimes derive it from the key). */
  adHoc?: { id: number; windowStart: string; windowEnd: string };
  /** Overrides the regime's deadline rule (ISO date). */
  deadline?: string;
  /** Restricts generation to these units (default: the regime's assignees). */
  orgUnitIds?: string[];
}

/** Giao báo cáo: automatic assignment per period, re-assignment to sub-units, open/close. */
export class AssignmentService {
  readonly repo: AssignmentRepository;

  constructor(
    private readonly db: Database,
    private readonly regimes: RegimeService,
    private readonly orgUnits: OrgUnitService,
    private readonly calendar: WorkingCalendar,
    private readonly now: () => Date,
    private readonly cutoffRules: CutoffRules = DECREE_09_2019_CUTOFF_RULES,
  ) {
    this.repo = new AssignmentRepository(db);
  }

  async get(id: string): Promise<Assignment | null> {
    return this.repo.get(id);
  }

  async require(id: string): Promise<Assignment> {
    const a = await this.repo.get(id);
    if (!a) throw new NotFoundError('ASSIGNMENT_NOT_FOUND', `No assignment "${id}"`, { id });
    return a;
  }

  /** Period keys that have assignments, latest first (the console's period picker, usage statistics). */
  async periodKeys(limit = 24): Promise<string[]> {
    return this.repo.periodKeys(limit);
  }

  async list(filter: AssignmentFilter): Promise<Assignment[]> {
    return this.repo.list(filter);
  }

  private periodOf(type: string, periodKey: string, adHoc?: GenerateOptions['adHoc']): ReportPeriod {
    if (type === 'periodic') return parsePeriodKey(periodKey, this.cutoffRules);
    if (!adHoc) throw new ValidationError('ASSIGNMENT_WINDOW_REQUIRED', 'Thematic and ad hoc regimes need the reported window (adHoc)');
    return adHocPeriod(Number(adHoc.windowStart.slice(0, 4)), adHoc.id, adHoc.windowStart, adHoc.windowEnd);
  }

  /**
   * Assigns every form of the regime to every assignee for the period. Idempotent: running it
   * again for the same period returns no new assignments.
   */
  async generate(regimeCode: string, periodKey: string, options: GenerateOptions = {}): Promise<Assignment[]> {
    const regime = await this.regimes.require(regimeCode);
    const period = this.periodOf(regime.type, periodKey, options.adHoc);
    if (regime.type === 'periodic' && !regime.periodKinds.includes(period.kind)) {
      throw new ValidationError('PERIOD_NOT_IN_REGIME', `Regime ${regime.code} is not reported per ${period.kind}`, { periodKey });
    }
    if (regime.formCodes.length === 0)
      throw new ValidationError('REGIME_HAS_NO_FORMS', `Regime ${regime.code} has no forms`, { code: regime.code });
    const everyone = await this.orgUnits.repo.list();
    let units = selectAssignees(regime, everyone);
    if (options.orgUnitIds) units = units.filter((u) => options.orgUnitIds!.includes(u.id));
    const deadline = options.deadline ?? deadlineFor(period, regime.deadlineRule, this.calendar);
    const planned = planAssignments(regime, period.key, regime.formCodes, units, deadline);
    return this.db.transaction((tx) => this.repo.with(tx).insertNew(planned, period, this.now()));
  }

  /**
   * A unit hands its assignment on to some of its sub-units (same form, period, deadline
   * unless an earlier one is given). Re-running creates nothing new.
   */
  async reassign(assignmentId: string, orgUnitIds: string[], deadline?: string): Promise<Assignment[]> {
    const parent = await this.require(assignmentId);
    for (const id of orgUnitIds) {
      const ancestry = await this.orgUnits.ancestry(id);
      if (ancestry.length === 0) throw new NotFoundError('ORG_UNIT_NOT_FOUND', `No org unit "${id}"`, { id });
      if (id === parent.orgUnitId || !ancestry.includes(parent.orgUnitId)) {
        throw new ValidationError('REASSIGN_NOT_SUB_UNIT', `Org unit ${id} is not a sub-unit of ${parent.orgUnitId}`, { orgUnitId: id });
      }
    }
    if (deadline && parent.deadline && deadline > parent.deadline) {
      throw new ValidationError('REASSIGN_DEADLINE_LATE', 'A sub-unit cannot be due after the unit itself', {
        deadline,
        parentDeadline: parent.deadline,
      });
    }
    const planned = orgUnitIds.map((orgUnitId) => ({
      regimeCode: parent.regimeCode,
      formCode: parent.formCode,
      orgUnitId,
      periodKey: parent.periodKey,
      deadline: deadline ?? parent.deadline,
      parentAssignmentId: parent.id,
    }));
    return this.db.transaction((tx) => this.repo.with(tx).insertNew(planned, parent.period, this.now()));
  }

  /** Opens or closes reception outside the schedule, with the note the unit must give (Lai Châu 17.4). */
  async setStatus(id: string, status: AssignmentStatus, note: string, by: string): Promise<Assignment> {
    const a = await this.require(id);
    if (a.status === status) throw new ConflictError('ASSIGNMENT_STATUS_UNCHANGED', `Assignment is already ${status}`, { id, status });
    await this.db.transaction((tx) => this.repo.with(tx).setStatus(id, status, normalizeText(note, 'note'), by, this.now()));
    return this.require(id);
  }
}
