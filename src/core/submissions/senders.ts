import type { SubmissionContext } from './context.js';
import type { SubmissionsDeps } from './deps.js';
import type { OrgUnitInfo } from './ports.js';
import { resolveRoute } from './routing.js';

/**
 * The units whose report of the same form and period the routing sends to this unit: what it
 * consolidates (tổng hợp) and must wait for. Two reads (the tree, the period's assignments),
 * then every route is resolved in memory.
 */
export async function sendersOf(
  deps: SubmissionsDeps,
  ctx: Pick<SubmissionContext, 'unit' | 'regime' | 'assignment'>,
): Promise<OrgUnitInfo[]> {
  let root = ctx.unit;
  for (let i = 0; root.parentId && i < 16; i++) {
    const up = await deps.catalog.orgUnit(root.parentId);
    if (!up) break;
    root = up;
  }
  const units = new Map((await deps.catalog.subtree(root.id)).map((u) => [u.id, u]));
  const assigned = new Set(
    (await deps.catalog.assignmentsForPeriod(ctx.assignment.periodKey, ctx.regime.code))
      .filter((a) => a.formCode === ctx.assignment.formCode)
      .map((a) => a.orgUnitId),
  );
  const ancestors = (u: OrgUnitInfo): OrgUnitInfo[] => {
    const out: OrgUnitInfo[] = [];
    for (let p = u.parentId ? units.get(u.parentId) : undefined; p && out.length < 16; p = p.parentId ? units.get(p.parentId) : undefined)
      out.push(p);
    return out;
  };
  const senders: OrgUnitInfo[] = [];
  for (const id of assigned) {
    const unit = units.get(id);
    if (!unit || unit.id === ctx.unit.id) continue;
    const route = resolveRoute({
      unit,
      ancestors: ancestors(unit),
      assigned,
      finalReceiverId: ctx.regime.receiverOrgUnitId ?? null,
      routing: ctx.regime.routing ?? {},
      formCode: ctx.assignment.formCode,
      named: (n) => units.get(n),
    });
    if (route.receiver?.id === ctx.unit.id) senders.push(unit);
  }
  return senders.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
