import type { OrgUnitKind } from '../org-units/types.js';

/**
 * What submissions need from the rest of the core (org tree, forms, regimes, assignments).
 * Small on purpose: the core-catalog services are adapted to it in `catalog-adapter.ts`, and
 * tests can hand in a fake.
 */
export interface OrgUnitInfo {
  id: string;
  orgCode: string;
  name: string;
  kind: OrgUnitKind;
  parentId: string | null;
}
