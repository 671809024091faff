import { ValidationError } from '../../shared/errors.js';
import type { OrgUnit, OrgUnitKind, OrgUnitTreeNode, ParentPeriod } from './types.js';

/** Depth of the tree is 2 (province → commune) or 3 (province → district → commune). */
export const MAX_DEPTH = 3;

/** Which kinds may sit directly under which: the structure before and after July 2025. */
const ALLOWED_PARENT: Record<OrgUnitKind, (OrgUnitKind | null)[]> = {
  province: [null],
  department: ['province'],
  district: ['province'],
  commune: ['province', 'district'],
};

/**
 * Checks that a unit of `kind` may hang under `parent` (null = root) whose ancestors chain is
 * `parentDepth` long (root = 1). Throws ORG_UNIT_PARENT_INVALID otherwise.
 */
export function assertPlacement(kind: OrgUnitKind, parent: Pick<OrgUnit, 'id' | 'kind'> | null, parentDepth: number): void {
  const parentKind = parent ? parent.kind : null;
  if (!ALLOWED_PARENT[kind].includes(parentKind)) {
    throw new ValidationError('ORG_UNIT_PARENT_INVALID', `A ${kind} cannot be placed under ${parentKind ?? 'no parent'}`, {
      kind,
      parentKind,
    });
  }
  if (parent && parentDepth + 1 > MAX_DEPTH) {
    throw new ValidationError('ORG_UNIT_DEPTH_EXCEEDED', `The org tree is at most ${MAX_DEPTH} levels deep`, { parentId: parent.id });
  }
}

/** Refuses re-parenting a unit under itself or one of its descendants. */
export function assertNoCycle(unitId: string, newParentAncestry: string[]): void {
  if (newParentAncestry.includes(unitId)) {
    throw new ValidationError('ORG_UNIT_CYCLE', 'A unit cannot be moved under itself or one of its sub-units', { unitId });
  }
}

/** Nests a flat list into trees; units whose parent is not in the list become roots. */
export function buildTree(units: OrgUnit[]): OrgUnitTreeNode[] {
  const nodes = new Map<string, OrgUnitTreeNode>(units.map((u) => [u.id, { ...u, children: [] }]));
  const roots: OrgUnitTreeNode[] = [];
  for (const node of nodes.values()) {
    const parent = node.parentId ? nodes.get(node.parentId) : undefined;
    if (parent) parent.children.push(node);
    else roots.push(node);
  }
  const sort = (list: OrgUnitTreeNode[]): void => {
    list.sort((a, b) => a.orgCode.localeCompare(b.orgCode));
    for (const n of list) sort(n.children);
  };
  sort(roots);
  return roots;
}

/**
 * The history after moving a unit on `date`: the current period is closed the day of the move
 * and a new one opens. A move on the day the current period began replaces it (no empty period).
 */
export function closeAndOpen(history: ParentPeriod[], unitId: string, newParentId: string | null, date: string): ParentPeriod[] {
  const current = history.find((p) => p.validTo === null);
  if (current && date < current.validFrom) {
    throw new ValidationError('ORG_UNIT_MOVE_DATE_INVALID', `Move date ${date} is before the current parent period (${current.validFrom})`);
  }
  const kept = history.filter((p) => p !== current);
  if (current && current.validFrom !== date) kept.push({ ...current, validTo: date });
  kept.push({ orgUnitId: unitId, parentId: newParentId, validFrom: date, validTo: null });
  return kept.sort((a, b) => a.validFrom.localeCompare(b.validFrom));
}

/** The parent in force on `date`, from the history (undefined when the unit did not exist). */
export function parentAt(history: ParentPeriod[], date: string): string | null | undefined {
  const p = history.find((h) => h.validFrom <= date && (h.validTo === null || date < h.validTo));
  return p ? p.parentId : undefined;
}

/** The node with `id` anywhere in the forest. */
export function findNode(roots: OrgUnitTreeNode[], id: string): OrgUnitTreeNode | undefined {
  for (const n of roots) {
    if (n.id === id) return n;
    const found = findNode(n.children, id);
    if (found) return found;
  }
  return undefined;
}
