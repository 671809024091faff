import { localDateOf } from '../core/calendar/index.js';
import type { CoreServices } from '../core/core-services.js';
import type { SubmissionsServices } from '../core/submissions/module.js';
import { demoActor } from './report-driver.js';
import { extendIfLocked } from './late-entry.js';

const PROVINCE = 'lai-chau';
const LIST_REGIME = 'DTC-DUAN';
export const LIST_FORM = 'DTC-DS01';
/**
 * The đợt of the list report left for a person. The demo's showcase sends đợt 1 to the national
 * system on its own; đợt 2 is the province office's to fill in the app.
 */
const PEOPLE_ROUND = 2;

/**
 * A list-type report (public investment projects, typed columns) left as a draft with one
 * record for the province office (tonghop.tinh): a newcomer adds, edits and deletes records in
 * the app and submits. Idempotent: a report already opened is kept as it is.
 */
export async function leaveListDraft(
  core: CoreServices,
  submissions: SubmissionsServices,
  now: Date,
): Promise<{ periodKey: string; state: string }> {
  if (!(await core.regimes.get(LIST_REGIME))) return { periodKey: '', state: 'not assigned' };
  const today = localDateOf(now);
  const quarterStart = `${today.slice(0, 5)}${String(Math.floor((Number(today.slice(5, 7)) - 1) / 3) * 3 + 1).padStart(2, '0')}-01`;
  await core.assignments.generate(LIST_REGIME, '', {
    orgUnitIds: [PROVINCE],
    adHoc: { id: PEOPLE_ROUND, windowStart: quarterStart, windowEnd: today },
  });
  const entry = demoActor(PROVINCE, 'data_entry');
  const [assignment] = (await core.assignments.list({ formCode: LIST_FORM, orgUnitIds: [PROVINCE] })).filter((a) =>
    a.periodKey.endsWith(`-AH${PEOPLE_ROUND}`),
  );
  if (!assignment) return { periodKey: '', state: 'not assigned' };
  const [existing] = await submissions.service.list(entry, {
    periodKey: assignment.periodKey,
    formCode: LIST_FORM,
    orgUnitId: PROVINCE,
    limit: 1,
  });
  if (existing) return { periodKey: assignment.periodKey, state: existing.state };
  await extendIfLocked(core, assignment, now);
  const draft = await submissions.service.create(entry, { assignmentId: assignment.id });
  await submissions.service.saveRecords(entry, draft.id, [
    {
      rowNo: 1,
      values: {
        MA_DU_AN: 'DA-2026-001',
        TEN_DU_AN: 'Đường giao thông liên xã Bản Bo – Nà Tăm',
        NHOM: 'C',
        CHU_DAU_TU: 'Ban Quản lý dự án đầu tư xây dựng tỉnh',
        TONG_MUC_DAU_TU: 45.5,
        VON_GIAI_NGAN: 12,
        NGAY_KHOI_CONG: `${today.slice(0, 4)}-01-15`,
        HOAN_THANH: false,
      },
    },
  ]);
  return { periodKey: assignment.periodKey, state: 'draft' };
}
