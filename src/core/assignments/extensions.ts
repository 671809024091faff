import type { Principal } from '../../http/principal.js';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../shared/errors.js';
import type { Database } from '../../store/database.js';
import { appendAudit } from '../../store/audit-log.js';
import { effectiveDeadline, entryLockAt, localDateOf, parseIsoDate } from '../calendar/index.js';
import type { OrgUnitService } from '../org-units/service.js';
import type { TreeOrgScope } from '../scope/org-scope.js';
import { normalizeText } from '../text/index.js';
import { AssignmentRepository } from './repository.js';
import { ExtensionRepository, type ExtensionRequest, type ExtensionStatus } from './extension-repository.js';
import type { Assignment } from './types.js';

/** A request with the assignment it is about (the decider reads unit, form, period, deadline). */
export interface ExtensionWithAssignment extends ExtensionRequest {
  assignment: Assignment;
}

/** Where an assignment's entry stands against its deadline, for the page and the server's checks. */
export interface EntryLock {
  deadline: string;
  extendedUntil: string | null;
  /** 00:00 Asia/Ho_Chi_Minh of the day after the day in force. */
  lockAt: string;
  locked: boolean;
}

function isoDateOrFail(value: string, field: string): string {
  try {
    parseIsoDate(value);
    return value;
  } catch {
    throw new ValidationError('EXTENSION_DATE_INVALID', `${field} is not a calendar date (YYYY-MM-DD)`, { field, value });
  }
}

/**
 * Gia hạn: the unit asks for more days (reason mandatory), a leader or administrator of a unit
 * above it grants them (the day may differ from the one asked) or refuses with a reason. Entry
 * locks at 00:00 (Vietnam) after the deadline unless an extension was granted; everything is
 * audited. DHIS2's lock exceptions are granted by an administrator out of band; here the unit
 * asks in the app and the decision, its author and its reason are on record.
 */
export class ExtensionService {
  private readonly repo: ExtensionRepository;
  private readonly assignments: AssignmentRepository;

  constructor(
    private readonly db: Database,
    private readonly orgUnits: OrgUnitService,
    private readonly scope: TreeOrgScope,
    /** The gateway's clock (injected: tests set it to 23:59 and 00:01). */
    readonly now: () => Date,
  ) {
    this.repo = new ExtensionRepository(db);
    this.assignments = new AssignmentRepository(db);
  }

  /** The lock of one assignment at `at` (null when it has no deadline: nothing locks). */
  lockOf(a: Pick<Assignment, 'deadline' | 'extendedUntil'>, at = this.now()): EntryLock | null {
    if (!a.deadline) return null;
    const lockAt = entryLockAt(a.deadline, a.extendedUntil);
    return { deadline: a.deadline, extendedUntil: a.extendedUntil, lockAt: lockAt.toISOString(), locked: at >= lockAt };
  }

  private async assignment(id: string): Promise<Assignment> {
    const a = await this.assignments.get(id);
    if (!a) throw new NotFoundError('ASSIGNMENT_NOT_FOUND', `No assignment "${id}"`, { id });
    return a;
  }

  /** Staff of the assigned unit itself ask; nobody asks on another unit's behalf. */
  async request(principal: Principal, assignmentId: string, input: { until: string; reason: string }): Promise<ExtensionRequest> {
    const a = await this.assignment(assignmentId);
    await this.scope.assertCanAccess(principal, a.orgUnitId);
    if (principal.orgUnitId !== a.orgUnitId) {
      throw new ForbiddenError('EXTENSION_REQUEST_FORBIDDEN', "Only the assigned unit's staff ask for an extension", {
        orgUnitId: a.orgUnitId,
      });
    }
    this.scope.assertRole(principal, 'data_entry', 'leader', 'admin');
    if (!a.deadline) throw new ConflictError('EXTENSION_NO_DEADLINE', 'This assignment has no deadline to extend', { assignmentId });
    const until = isoDateOrFail(input.until, 'until');
    const today = localDateOf(this.now());
    const inForce = effectiveDeadline(a.deadline, a.extendedUntil);
    if (until <= inForce || until < today) {
      throw new ValidationError('EXTENSION_DATE_TOO_EARLY', 'The day asked for must be after the deadline in force and not in the past', {
        until,
        deadline: inForce,
        today,
      });
    }
    const reason = normalizeText(input.reason, 'reason').trim();
    if (!reason) throw new ValidationError('EXTENSION_REASON_REQUIRED', 'An extension request needs a reason');
    return this.db.transaction(async (tx) => {
      const created = await this.repo.with(tx).insert(a.id, until, reason, principal.id, this.now());
      if (!created)
        throw new ConflictError('EXTENSION_ALREADY_PENDING', 'An extension request for this assignment is already waiting', {
          assignmentId,
        });
      await appendAudit(tx, {
        actor: principal.id,
        action: 'assignment.extension_requested',
        subject: a.id,
        orgUnitId: a.orgUnitId,
        details: { extensionId: created.id, until, reason },
      });
      return created;
    });
  }

  /**
   * A leader or administrator of a unit above the assigned one decides; an administrator of the
   * top unit also decides for the top unit's own assignments (nobody is above it in the province).
   */
  private async assertCanDecide(principal: Principal, a: Assignment): Promise<void> {
    this.scope.assertRole(principal, 'leader', 'admin');
    await this.scope.assertCanAccess(principal, a.orgUnitId);
    if (principal.orgUnitId !== a.orgUnitId) return;
    const top = (await this.orgUnits.ancestry(a.orgUnitId)).length <= 1;
    if (!(top && principal.roles.includes('admin'))) {
      throw new ForbiddenError('EXTENSION_DECIDE_FORBIDDEN', 'A unit cannot extend its own deadline: a unit above it decides', {
        orgUnitId: a.orgUnitId,
      });
    }
  }

  async grant(principal: Principal, id: string, input: { until?: string; note?: string }): Promise<ExtensionWithAssignment> {
    return this.decide(principal, id, 'granted', input.until, input.note);
  }

  async refuse(principal: Principal, id: string, input: { note: string }): Promise<ExtensionWithAssignment> {
    return this.decide(principal, id, 'refused', undefined, input.note);
  }

  private async decide(
    principal: Principal,
    id: string,
    status: 'granted' | 'refused',
    untilIn: string | undefined,
    noteIn: string | undefined,
  ): Promise<ExtensionWithAssignment> {
    const found = await this.repo.get(id);
    if (!found) throw new NotFoundError('EXTENSION_NOT_FOUND', `No extension request "${id}"`, { id });
    const a = await this.assignment(found.assignmentId);
    await this.assertCanDecide(principal, a);
    const note = noteIn === undefined ? '' : normalizeText(noteIn, 'note').trim();
    if (status === 'refused' && !note) throw new ValidationError('EXTENSION_REASON_REQUIRED', 'A refusal needs a reason');
    const until = status === 'granted' ? isoDateOrFail(untilIn ?? found.requestedUntil, 'until') : null;
    if (until && a.deadline && until <= effectiveDeadline(a.deadline, a.extendedUntil)) {
      throw new ValidationError('EXTENSION_DATE_TOO_EARLY', 'The day granted must be after the deadline in force', { until });
    }
    const at = this.now();
    await this.db.transaction(async (tx) => {
      // Locked: two deciders at once, one wins and the other reads it decided.
      const current = await this.repo.with(tx).get(id, true);
      if (current?.status !== 'pending') {
        throw new ConflictError('EXTENSION_ALREADY_DECIDED', 'This extension request was already decided', { id, status: current?.status });
      }
      await this.repo.with(tx).decide(id, status, until, note || null, principal.id, at);
      if (until) await this.assignments.with(tx).extend(a.id, until);
      await appendAudit(tx, {
        actor: principal.id,
        action: `assignment.extension_${status}`,
        subject: a.id,
        orgUnitId: a.orgUnitId,
        details: { extensionId: id, until, note: note || null },
      });
    });
    return { ...(await this.repo.get(id))!, assignment: await this.assignment(a.id) };
  }

  /** One assignment's requests, for anyone who may read the assignment. */
  async ofAssignment(principal: Principal, assignmentId: string): Promise<ExtensionRequest[]> {
    const a = await this.assignment(assignmentId);
    await this.scope.assertCanAccess(principal, a.orgUnitId);
    return this.repo.ofAssignment(a.id);
  }

  /**
   * Requests asked or decided since `since`, with their assignments: what the gateway's own
   * notification watcher reads to tell the deciders and the unit (no caller: the system reads).
   */
  async changedSince(since: Date, limit = 1_000): Promise<ExtensionWithAssignment[]> {
    const out: ExtensionWithAssignment[] = [];
    for (const r of await this.repo.changedSince(since, limit)) out.push({ ...r, assignment: await this.assignment(r.assignmentId) });
    return out;
  }

  /** The requests the caller may decide: units below theirs (the top unit's own for its admin). */
  async toDecide(principal: Principal, status: ExtensionStatus | undefined = 'pending', limit = 500): Promise<ExtensionWithAssignment[]> {
    this.scope.assertRole(principal, 'leader', 'admin');
    const subtree = await this.orgUnits.subtree(principal.orgUnitId);
    const top = subtree.find((u) => u.id === principal.orgUnitId)?.parentId == null;
    const units = subtree.map((u) => u.id).filter((u) => u !== principal.orgUnitId || (top && principal.roles.includes('admin')));
    const requests = await this.repo.ofUnits(units, status, limit);
    const out: ExtensionWithAssignment[] = [];
    for (const r of requests) out.push({ ...r, assignment: await this.assignment(r.assignmentId) });
    return out;
  }
}
