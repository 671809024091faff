import type { Database } from '../store/database.js';
import { DECREE_09_2019_CUTOFF_RULES, vietnamCalendar, type CutoffRules, type WorkingCalendar } from './calendar/index.js';
import { AssignmentService } from './assignments/service.js';
import { ExtensionService } from './assignments/extensions.js';
import { IndicatorService } from './catalog/indicator-service.js';
import { RegimeService } from './catalog/regime-service.js';
import { FormService } from './forms/service.js';
import { OrgUnitService } from './org-units/service.js';
import { TreeOrgScope } from './scope/org-scope.js';

/** What the core catalog publishes on `ctx.services.core`. */
export interface CoreServices {
  orgUnits: OrgUnitService;
  indicators: IndicatorService;
  regimes: RegimeService;
  forms: FormService;
  assignments: AssignmentService;
  /** Gia hạn: deadline extensions asked by a unit and decided above it; the entry lock. */
  extensions: ExtensionService;
  scope: TreeOrgScope;
  /** Working days and holidays: deadlines, the period API. */
  calendar: WorkingCalendar;
  /** Cut-off windows in force (default Nghị định 09/2019; CUTOFF_RULES). */
  cutoffRules: CutoffRules;
}

/** Wires the catalog services on one database and clock (the module and tests use this). */
export function createCoreServices(
  db: Database,
  now: () => Date,
  calendar: WorkingCalendar = vietnamCalendar(),
  cutoffRules: CutoffRules = DECREE_09_2019_CUTOFF_RULES,
): CoreServices {
  const orgUnits = new OrgUnitService(db, now);
  const indicators = new IndicatorService(db, now);
  const regimes = new RegimeService(db, now);
  const forms = new FormService(db, indicators.repo, now);
  const assignments = new AssignmentService(db, regimes, orgUnits, calendar, now, cutoffRules);
  const scope = new TreeOrgScope(orgUnits.repo);
  const extensions = new ExtensionService(db, orgUnits, scope, now);
  return { orgUnits, indicators, regimes, forms, assignments, extensions, scope, calendar, cutoffRules };
}
