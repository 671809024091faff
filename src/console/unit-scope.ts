import type { CoreServices } from '../core/core-services.js';
import type { Principal } from '../http/principal.js';

/** Roles that watch the whole province's exchange, whatever their own unit. */
const PROVINCE_WIDE = new Set(['ops', 'admin']);

/**
 * The org units a console user may see, with their names: the subtree under the user's unit,
 * or everything for ops and admins. Without the catalog (tests, degraded start) names are ids.
 */
export class UnitScope {
  private constructor(
    readonly all: boolean,
    private readonly names: Map<string, string>,
  ) {}

  /** Ops and admins see the whole province: their reads need no unit filter, only names. */
  static provinceWide(principal: Principal): boolean {
    return principal.roles.some((r) => PROVINCE_WIDE.has(r));
  }

  static async of(principal: Principal, core: CoreServices | undefined): Promise<UnitScope> {
    const all = UnitScope.provinceWide(principal);
    if (!core) return new UnitScope(all, new Map());
    const root = all ? await provinceRoot(core, principal.orgUnitId) : principal.orgUnitId;
    const units = await core.orgUnits.subtree(root).catch(() => []);
    return new UnitScope(all, new Map(units.map((u) => [u.id, u.name])));
  }

  /** A packet about no unit (a catalog the province pushes) is visible province-wide only. */
  contains(orgUnitId: string | null): boolean {
    return this.all || (orgUnitId !== null && this.names.has(orgUnitId));
  }

  /** The visible unit ids for a SQL filter; undefined when the scope is the whole province. */
  unitIds(): string[] | undefined {
    return this.all ? undefined : [...this.names.keys()];
  }

  name(orgUnitId: string | null): string {
    if (orgUnitId === null) return 'Toàn tỉnh';
    return this.names.get(orgUnitId) ?? orgUnitId;
  }

  list(): { id: string; name: string }[] {
    return [...this.names].map(([id, name]) => ({ id, name })).sort((a, b) => a.name.localeCompare(b.name, 'vi'));
  }
}

/** `ancestry` lists the unit first and the root last. */
async function provinceRoot(core: CoreServices, unitId: string): Promise<string> {
  const ancestry = await core.orgUnits.ancestry(unitId).catch(() => [] as string[]);
  return ancestry.at(-1) ?? unitId;
}
