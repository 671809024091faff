/**
 * Shapes of the gateway's JSON as the app reads them: the contract's own schemas (generated from
 * the served OpenAPI document into src/generated/openapi.ts), so a page and the gateway cannot
 * disagree without the compile saying so.
 */
import type { ApiSchema } from '../../shared/api-client.js';

export type Assignment = ApiSchema<'Assignment'>;
export type State = ApiSchema<'SubmissionState'>;

/** States in which values and narrative may still be edited (the server's EDITABLE_STATES). */
export const EDITABLE: readonly string[] = ['draft', 'returned', 'refused'];

export type Submission = ApiSchema<'Submission'>;
export type Transition = ApiSchema<'Transition'>;
export type CellValue = ApiSchema<'CellValue'>;
export type FormRow = ApiSchema<'FormRow'>;
export type FormColumn = ApiSchema<'FormColumn'>;
export type Form = ApiSchema<'Form'>;
export type SubmissionView = ApiSchema<'SubmissionView'>;
/** A unit of the org tree; `children` only in the tree (GET /api/v1/org-units/tree). */
export type OrgUnit = ApiSchema<'OrgUnit'> & { children?: OrgUnit[] };
export type Violation = ApiSchema<'FormViolation'>;
export type CellChange = ApiSchema<'CellChange'>;
export type CellComment = ApiSchema<'CellComment'>;
export interface CellTrail {
  changes: CellChange[];
  comments: CellComment[];
}
export type Publication = ApiSchema<'Publication'>;
export type PublishedSet = ApiSchema<'PublishedSet'>;
