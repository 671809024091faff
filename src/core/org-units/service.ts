import { randomUUID } from 'node:crypto';
import type { Database } from '../../store/database.js';
import { ConflictError, NotFoundError } from '../../shared/errors.js';
import { localDateOf } from '../calendar/index.js';
import { normalizeText } from '../text/index.js';
import { assertOrgCode } from './org-code.js';
import { OrgUnitRepository } from './repository.js';
import { assertNoCycle, assertPlacement, buildTree, closeAndOpen, findNode, parentAt } from './tree.js';
import type { NewOrgUnit, OrgCodePeriod, OrgUnit, OrgUnitPatch, OrgUnitTransition, OrgUnitTreeNode, ParentPeriod } from './types.js';

/** Use cases on the org tree: create, rename/re-code, re-parent with history, queries. */
export class OrgUnitService {
  readonly repo: OrgUnitRepository;

  constructor(
    private readonly db: Database,
    private readonly now: () => Date,
  ) {
    this.repo = new OrgUnitRepository(db);
  }

  private today(): string {
    return localDateOf(this.now());
  }

  async get(id: string): Promise<OrgUnit | null> {
    return this.repo.get(id);
  }

  async require(id: string): Promise<OrgUnit> {
    const unit = await this.repo.get(id);
    if (!unit) throw new NotFoundError('ORG_UNIT_NOT_FOUND', `No org unit "${id}"`, { id });
    return unit;
  }

  async getByCode(orgCode: string, date?: string): Promise<OrgUnit | null> {
    return this.repo.getByCode(orgCode, date);
  }

  async subtree(rootId: string): Promise<OrgUnit[]> {
    return this.repo.subtree(rootId);
  }

  async tree(rootId: string): Promise<OrgUnitTreeNode> {
    const units = await this.repo.subtree(rootId);
    const root = buildTree(units).find((n) => n.id === rootId);
    if (!root) throw new NotFoundError('ORG_UNIT_NOT_FOUND', `No org unit "${rootId}"`, { id: rootId });
    return root;
  }

  /**
   * The tree below `rootId` as it stood on `date`: parents and org codes from the history, so
   * a report of a past period is read against the units of that time.
   */
  async treeOn(rootId: string, date: string): Promise<OrgUnitTreeNode> {
    const [units, placements] = await Promise.all([this.repo.list(), this.repo.placementsOn(date)]);
    const byId = new Map(units.map((u) => [u.id, u]));
    const then = placements.flatMap((p) => {
      const unit = byId.get(p.orgUnitId);
      return unit ? [{ ...unit, parentId: p.parentId, orgCode: p.orgCode ?? unit.orgCode }] : [];
    });
    const root = findNode(buildTree(then), rootId);
    if (!root) throw new NotFoundError('ORG_UNIT_NOT_FOUND', `Org unit "${rootId}" did not exist on ${date}`, { id: rootId, date });
    return root;
  }

  async children(id: string): Promise<OrgUnit[]> {
    return this.repo.children(id);
  }

  async ancestry(id: string): Promise<string[]> {
    return this.repo.ancestry(id);
  }

  async create(input: NewOrgUnit): Promise<OrgUnit> {
    const unit: OrgUnit = {
      id: input.id ?? randomUUID(),
      orgCode: assertOrgCode(input.orgCode),
      name: normalizeText(input.name, 'name'),
      kind: input.kind,
      parentId: input.parentId,
      active: true,
      sample: input.sample ?? false,
    };
    return this.db.transaction(async (tx) => {
      const repo = this.repo.with(tx);
      const parent = input.parentId ? await repo.get(input.parentId) : null;
      if (input.parentId && !parent)
        throw new NotFoundError('ORG_UNIT_NOT_FOUND', `No parent org unit "${input.parentId}"`, { id: input.parentId });
      assertPlacement(unit.kind, parent, parent ? (await repo.ancestry(parent.id)).length : 0);
      if (await repo.get(unit.id)) throw new ConflictError('ORG_UNIT_EXISTS', `Org unit "${unit.id}" already exists`, { id: unit.id });
      if (await repo.getByCode(unit.orgCode))
        throw new ConflictError('ORG_CODE_TAKEN', `Org code "${unit.orgCode}" is in use`, { orgCode: unit.orgCode });
      await repo.insert(unit, input.validFrom ?? this.today(), this.now());
      return unit;
    });
  }

  /** Renames, re-codes (keeping the old code's period) or (de)activates a unit. */
  async update(id: string, patch: OrgUnitPatch): Promise<OrgUnit> {
    return this.db.transaction(async (tx) => {
      const repo = this.repo.with(tx);
      const unit = await repo.get(id);
      if (!unit) throw new NotFoundError('ORG_UNIT_NOT_FOUND', `No org unit "${id}"`, { id });
      const next: OrgUnit = {
        ...unit,
        ...(patch.name !== undefined ? { name: normalizeText(patch.name, 'name') } : {}),
        ...(patch.active !== undefined ? { active: patch.active } : {}),
      };
      if (patch.orgCode !== undefined && patch.orgCode !== unit.orgCode) {
        next.orgCode = assertOrgCode(patch.orgCode);
        const holder = await repo.getByCode(next.orgCode);
        if (holder && holder.id !== id)
          throw new ConflictError('ORG_CODE_TAKEN', `Org code "${next.orgCode}" is in use`, { orgCode: next.orgCode });
        await repo.changeCode(id, next.orgCode, patch.effectiveOn ?? this.today());
      }
      await repo.update(next, this.now());
      return next;
    });
  }

  /** Moves a unit under a new parent from `date`, keeping the previous parent in history. */
  async reparent(id: string, newParentId: string | null, date = this.today()): Promise<OrgUnit> {
    return this.db.transaction(async (tx) => {
      const repo = this.repo.with(tx);
      const unit = await repo.get(id);
      if (!unit) throw new NotFoundError('ORG_UNIT_NOT_FOUND', `No org unit "${id}"`, { id });
      const parent = newParentId ? await repo.get(newParentId) : null;
      if (newParentId && !parent) throw new NotFoundError('ORG_UNIT_NOT_FOUND', `No parent org unit "${newParentId}"`, { id: newParentId });
      const parentAncestry = parent ? await repo.ancestry(parent.id) : [];
      assertNoCycle(id, parentAncestry);
      const subtreeDepth = await this.subtreeHeight(repo, id);
      assertPlacement(unit.kind, parent, parentAncestry.length + subtreeDepth - 1);
      await repo.replaceParentHistory(id, closeAndOpen(await repo.parentHistory(id), id, newParentId, date));
      const next = { ...unit, parentId: newParentId };
      await repo.update(next, this.now());
      return next;
    });
  }

  /** Levels in the unit's subtree (1 = leaf), so a move never makes the tree deeper than allowed. */
  private async subtreeHeight(repo: OrgUnitRepository, id: string): Promise<number> {
    const height = (n: OrgUnitTreeNode): number => 1 + Math.max(0, ...n.children.map(height));
    const root = findNode(buildTree(await repo.subtree(id)), id);
    return root ? height(root) : 1;
  }

  /** The unit's parent on `date` (undefined when the unit did not exist then). */
  async parentAt(id: string, date: string): Promise<string | null | undefined> {
    return parentAt(await this.repo.parentHistory(id), date);
  }

  async history(id: string): Promise<{ parents: ParentPeriod[]; codes: OrgCodePeriod[]; transitions: OrgUnitTransition[] }> {
    await this.require(id);
    const [parents, codes, transitions] = await Promise.all([
      this.repo.parentHistory(id),
      this.repo.codeHistory(id),
      this.repo.transitionsFrom(id),
    ]);
    return { parents, codes, transitions };
  }

  /** Records that `fromUnitId` was merged into `toUnitId` and deactivates it. */
  async recordMerger(t: OrgUnitTransition): Promise<void> {
    await this.require(t.fromUnitId);
    await this.require(t.toUnitId);
    await this.db.transaction(async (tx) => {
      const repo = this.repo.with(tx);
      await repo.addTransition({ ...t, ...(t.note ? { note: normalizeText(t.note, 'note') } : {}) });
      const from = await repo.get(t.fromUnitId);
      if (from) await repo.update({ ...from, active: false }, this.now());
    });
  }
}
