import type { Form } from '../types.js';

/** Blank xlsx template download and a filled one uploaded into the grid (server: /api/v1/app/forms/:code/template.xlsx). */
export function XlsxTools(_props: { submissionId: string; form: Form; editable: boolean; onValues(changes: { key: string; value: number | null }[]): void; onError(e: unknown): void }) {
  return null;
}
