import type { OrgUnitKind } from '../org-units/types.js';
import type { OrgUnitInfo } from './org-unit-info.js';

/**
 * Which reports of a regime leave the province for the national system:
 * - `receiver`: only the report of the regime's receiver (by default the province root), the
 *   one it consolidates from its units' reports (Kon Tum 10.3, Hòa Bình 7.2);
 * - `all`: every unit's report goes straight to the national system (no consolidation);
 * - `none`: the regime stays inside the province.
 */
export type NationalScope = 'receiver' | 'all' | 'none';

/** Where a unit of a kind sends its report: its nearest assigned ancestor, or a named unit. */
export type ReceiverRule = 'parent' | { orgUnitId: string };

export interface RoutingRules {
  receivers?: Partial<Record<OrgUnitKind, ReceiverRule>>;
  national?: NationalScope;
}

/** Routing as data on the regime (`report_regimes.routing`), with per-form overrides. */
export interface RegimeRouting extends RoutingRules {
  forms?: Record<string, RoutingRules>;
}

/** The route of one report. */
export interface Route {
  /** The unit that receives, consolidates and accepts (or returns) the report; null at the top. */
  receiver: OrgUnitInfo | null;
  /** The report becomes national packets when dispatched; the national system answers it. */
  national: boolean;
}

export interface RouteInput {
  unit: OrgUnitInfo;
  /** The unit's ancestors, nearest first. */
  ancestors: readonly OrgUnitInfo[];
  /** Units assigned the same form for the same period. */
  assigned: ReadonlySet<string>;
  /** The regime's final receiver (default: the root of the tree). */
  finalReceiverId: string | null;
  routing: RegimeRouting;
  formCode: string;
  /** Resolves a unit named by a receiver rule. */
  named: (id: string) => OrgUnitInfo | undefined;
}

/** The regime's rules for one form: the form's overrides on top of the regime's. */
export function rulesFor(routing: RegimeRouting, formCode: string): Required<Pick<RoutingRules, 'receivers'>> & RoutingRules {
  const form = routing.forms?.[formCode] ?? {};
  return {
    receivers: { ...routing.receivers, ...form.receivers },
    national: form.national ?? routing.national,
  };
}

/** Default `receiver`: the province's consolidated report is the one the regulations send. */
export function nationalScope(routing: RegimeRouting, formCode: string): NationalScope {
  return rulesFor(routing, formCode).national ?? 'receiver';
}

/**
 * Resolves a report's route: up the org tree to the nearest ancestor assigned the same form
 * (a unit between them that reports nothing is skipped), never past the regime's final
 * receiver; a receiver rule per unit kind may name another unit (e.g. the province office).
 */
export function resolveRoute(input: RouteInput): Route {
  const scope = nationalScope(input.routing, input.formCode);
  if (scope === 'all') return { receiver: null, national: true };
  const top = input.ancestors.length === 0 || input.unit.id === input.finalReceiverId;
  if (top) return { receiver: null, national: scope === 'receiver' };
  const rule = rulesFor(input.routing, input.formCode).receivers[input.unit.kind];
  if (rule && rule !== 'parent') {
    const named = input.named(rule.orgUnitId);
    if (named && named.id !== input.unit.id) return { receiver: named, national: false };
  }
  for (const a of input.ancestors) {
    if (input.assigned.has(a.id)) return { receiver: a, national: false };
    if (a.id === input.finalReceiverId) return { receiver: a, national: false };
  }
  return { receiver: input.ancestors[0]!, national: false };
}
