import { useState } from 'preact/hooks';
import { ErrorBox, Loading, StateBadge, useLoad } from '../components.js';
import { cellTrailOf, warningsOf } from '../reports-data.js';
import { CellTrailPanel, commentCounts } from './cell-trail.js';
import { daysLeftText, fmtDate, fmtDateTime, periodLabel } from '../format.js';
import { Grid } from '../grid/grid.js';
import { useEntry } from '../grid/entry-state.js';
import { has, unitName, type AppState } from '../store.js';
import { History } from './report-history.js';
import { ReportActions } from './report-actions.js';
import { NarrativeEditor } from './narrative.js';
import { SignaturePanel, SignatureVoidBanner } from './signature.js';
import { ViolationList, ConflictList, PendingList, SaveIndicator } from './report-panels.js';
import { loadReport, type ReportData } from './report-data.js';
import { XlsxTools } from './xlsx-tools.js';
import { ListRecords } from '../list/list-records.js';
import { ListEditor } from '../list/list-editor.js';
import { useListEntry } from '../list/list-entry.js';
import { ListXlsxTools } from '../list/list-xlsx.js';
import { PlausibilityWarnings } from './plausibility.js';
import { PrintOnDemand } from './print-form.js';
import { useApprovalCheck } from './approval-details.js';
import { EDITABLE } from '../types.js';
import { actorLabel } from '../messages.js';
import { DeadlineCountdown, ExtensionPanel, useEntryLock } from './entry-lock.js';

/** One report: its grid or narrative, checks, comparison, signature, actions and whole history. */
export function ReportPage({ state, id }: { state: AppState; id: string }) {
  const { data, error, reload } = useLoad(() => loadReport(state, id), [id]);
  if (!data) return <Loading error={error} />;
  return <Report state={state} data={data} reload={reload} key={`${id}-${data.view.submission.updatedAt}`} />;
}

/** Why the report came back, as the unit reads it: who sent it back and the reason. */
const REASON_TITLE: Record<string, string> = {
  return: 'Bị trả lại',
  reject_signature: 'Bị văn thư trả lại',
  refuse: 'Bị từ chối',
  recall: 'Đã thu hồi',
  request_correction: 'Đang đính chính',
};

function StatusReason({ view }: { view: ReportData['view'] }) {
  const r = view.statusReason;
  if (!r) return null;
  const national = r.actor.startsWith('system:');
  const by =
    r.action === 'refuse' || (r.action === 'return' && national)
      ? ' bởi Hệ thống báo cáo Chính phủ'
      : ` bởi ${actorLabel(r.actor, r.actorName)}`;
  return (
    <div class="warn-box" id="return-reason" role="note" data-action={r.action}>
      <b>{REASON_TITLE[r.action] ?? 'Ghi chú'}</b>
      {by} lúc {fmtDateTime(r.at)} — Lý do: <span class="reason-text">{r.reason}</span>
      {r.code ? (
        <>
          {' '}
          <small class="code">({r.code})</small>
        </>
      ) : null}
    </div>
  );
}

function Report({ state, data: loaded, reload }: { state: AppState; data: ReportData; reload: () => void }) {
  const lock = useEntryLock(loaded.view.entryLock);
  // Past the lock (on the server's clock) the page offers what the server would still accept: no submit, no edit.
  const data = lock.locked ? { ...loaded, view: { ...loaded.view, actions: loaded.view.actions.filter((a) => a !== 'submit') } } : loaded;
  const { view, form, history } = data;
  const approvalCheck = useApprovalCheck(view);
  const s = view.submission;
  const editable = EDITABLE.includes(s.state) && view.actions.includes('submit');
  const ownUnit = state.principal.orgUnitId === s.orgUnitId;
  const entry = useEntry(s.id, form, view.values, editable && s.type === 'data');
  const list = useListEntry(s.id, form, view.records, editable && s.type === 'list');
  const [error, setError] = useState<unknown>(null);
  const done = !EDITABLE.includes(s.state);
  const [selected, setSelected] = useState<string | null>(null);
  const trail = useLoad(() => (s.type === 'data' ? cellTrailOf(s.id) : Promise.resolve(null)), [s.id, entry.saves]);
  // While the unit enters figures, the warnings follow each save (outliers against its history included).
  const live = useLoad(() => (editable && s.type === 'data' ? warningsOf(s.id) : Promise.resolve(data.warnings)), [s.id, entry.saves]);
  const warnings = live.data ?? data.warnings;
  return (
    <article data-submission={s.id} data-state={s.state}>
      <h1>{form.name}</h1>
      <div class="meta">
        <div>
          <span>Đơn vị: </span>
          {unitName(state, s.orgUnitId)}
        </div>
        <div>
          <span>Kỳ: </span>
          {periodLabel(s.periodKey)}
        </div>
        <div>
          <span>Hạn nộp: </span>
          {fmtDate(view.deadline)} · <b id="days-left">{daysLeftText(view.deadline, done)}</b>
        </div>
        <div>
          <span>Trạng thái: </span>
          <StateBadge state={s.state} />
        </div>
        <div>
          <span>Phiên bản: </span>
          {s.version}
          {s.kind === 'correction' ? ' (đính chính)' : ''}
        </div>
        <div>
          <span>Nơi nhận: </span>
          {view.national ? 'Hệ thống báo cáo Chính phủ' : (view.receiver?.name ?? '—')}
        </div>
      </div>
      {view.entryLock ? <DeadlineCountdown lock={view.entryLock} state={lock} /> : null}
      {view.entryLock ? (
        <ExtensionPanel
          assignmentId={s.assignmentId}
          lock={view.entryLock}
          locked={lock.locked}
          mayAsk={ownUnit && (has(state, 'data_entry') || has(state, 'leader') || has(state, 'admin'))}
        />
      ) : null}
      <StatusReason view={view} />
      <SignatureVoidBanner form={form} view={view} />
      <ErrorBox error={error} />
      {view.actions.includes('approve') ? <PlausibilityWarnings warnings={warnings} /> : null}
      {/* Data entry sees the outliers against its own history: those it may have to explain in a comment. */}
      {editable ? <PlausibilityWarnings warnings={warnings.filter((w) => w.code === 'PLAUSIBILITY_OUTLIER')} entering /> : null}
      <ReportActions
        state={state}
        data={data}
        entry={s.type === 'list' ? list : entry}
        warnings={warnings.length}
        onError={setError}
        onDone={reload}
      />
      {s.type === 'data' ? (
        <>
          {editable ? <SaveIndicator state={entry.saveState} pending={Object.keys(entry.pending).length} /> : null}
          {editable && (entry.saveState === 'offline' || entry.saveState === 'error') ? (
            <PendingList form={form} pending={entry.pending} sync={() => void entry.sync()} />
          ) : null}
          <ConflictList form={form} conflicts={entry.conflicts} resolve={entry.resolve} />
          <ViolationList form={form} violations={entry.violations} />
          {data.previous ? <p class="muted">Số liệu {periodLabel(data.previousPeriod ?? '')} hiển thị dưới mỗi ô để so sánh.</p> : null}
          <Grid
            form={form}
            cells={entry.cells}
            previous={data.previous}
            messages={entry.messages}
            editable={editable}
            onChange={entry.change}
            onCommit={() => void entry.save()}
            onSelect={setSelected}
            noted={commentCounts(trail.data)}
          />
          <CellTrailPanel form={form} submissionId={s.id} trail={trail.data} selected={selected} onAdded={trail.reload} />
          <XlsxTools
            submissionId={s.id}
            form={form}
            periodKey={s.periodKey}
            editable={editable}
            onValues={entry.change}
            onError={setError}
          />
        </>
      ) : s.type === 'list' ? (
        editable ? (
          <ListEditor entry={list} tools={<ListXlsxTools form={form} periodKey={s.periodKey} entry={list} />} />
        ) : (
          <ListRecords form={form} view={view} />
        )
      ) : (
        <NarrativeEditor view={view} editable={editable} onSaved={reload} onError={setError} />
      )}
      <SignaturePanel view={view} history={history} approvalCheck={approvalCheck} />
      <History history={history} />
      <PrintOnDemand state={state} form={form} view={view} history={history} cells={entry.cells} approvalCheck={approvalCheck} />
    </article>
  );
}
