import { useState } from 'preact/hooks';
import { ErrorBox, Loading, StateBadge, useLoad } from '../components.js';
import { daysLeftText, fmtDate, fmtDateTime, periodLabel } from '../format.js';
import { Grid } from '../grid/grid.js';
import { useEntry } from '../grid/entry-state.js';
import { lastReason, isRefusal } from '../reports-data.js';
import { unitName, type AppState } from '../store.js';
import { History } from './report-history.js';
import { ReportActions } from './report-actions.js';
import { NarrativeEditor } from './narrative.js';
import { SignaturePanel } from './signature.js';
import { ViolationList, ConflictList, SaveIndicator } from './report-panels.js';
import { loadReport, type ReportData } from './report-data.js';
import { XlsxTools } from './xlsx-tools.js';

/** One report: its grid or narrative, checks, comparison, signature, actions and whole history. */
export function ReportPage({ state, id }: { state: AppState; id: string }) {
  const { data, error, reload } = useLoad(() => loadReport(state, id), [id]);
  if (!data) return <Loading error={error} />;
  return <Report state={state} data={data} reload={reload} key={`${id}-${data.view.submission.updatedAt}`} />;
}

function Report({ state, data, reload }: { state: AppState; data: ReportData; reload: () => void }) {
  const { view, form, history } = data;
  const s = view.submission;
  const [correcting, setCorrecting] = useState(false);
  const editable = (['draft', 'returned'].includes(s.state) && view.actions.includes('submit')) || correcting;
  const entry = useEntry(s.id, form, view.values, editable);
  const [error, setError] = useState<unknown>(null);
  const last = lastReason(history);
  const backWithUnit = s.state === 'returned' || (s.state === 'draft' && last?.to === 'draft' && !!last.reason) || isRefusal(last);
  const done = !['draft', 'returned'].includes(s.state);
  return (
    <article data-submission={s.id} data-state={s.state}>
      <h1>{form.name}</h1>
      <div class="meta">
        <div><span>Đơn vị: </span>{unitName(state, s.orgUnitId)}</div>
        <div><span>Kỳ: </span>{periodLabel(s.periodKey)}</div>
        <div><span>Hạn nộp: </span>{fmtDate(view.deadline)} · <b id="days-left">{daysLeftText(view.deadline, done)}</b></div>
        <div><span>Trạng thái: </span><StateBadge state={isRefusal(last) && s.state !== 'accepted' ? 'refused' : s.state} /></div>
        <div><span>Phiên bản: </span>{s.version}{s.kind === 'correction' ? ' (đính chính)' : ''}</div>
        {view.national ? <div><span>Nơi nhận: </span>Hệ thống báo cáo Chính phủ</div> : null}
      </div>
      {backWithUnit && last?.reason ? (
        <div class="warn-box" id="return-reason" role="note">
          <b>{isRefusal(last) ? 'Bị từ chối' : 'Bị trả lại'}</b> lúc {fmtDateTime(last.at)} — Lý do: <span class="reason-text">{last.reason}</span>
        </div>
      ) : null}
      <ErrorBox error={error} />
      <ReportActions state={state} data={data} entry={entry} correcting={correcting} setCorrecting={setCorrecting} onError={setError} onDone={reload} />
      {s.type === 'data' ? (
        <>
          {editable ? <SaveIndicator state={entry.saveState} pending={Object.keys(entry.pending).length} /> : null}
          <ConflictList form={form} conflicts={entry.conflicts} resolve={entry.resolve} />
          <ViolationList form={form} violations={entry.violations} />
          {data.previous ? <p class="muted">Số liệu {periodLabel(data.previousPeriod ?? '')} hiển thị dưới mỗi ô để so sánh.</p> : null}
          <Grid form={form} cells={entry.cells} previous={data.previous} messages={entry.messages} editable={editable}
            onChange={entry.change} onCommit={() => void entry.save()} />
          <XlsxTools submissionId={s.id} form={form} editable={editable} onValues={entry.change} onError={setError} />
        </>
      ) : (
        <NarrativeEditor view={view} editable={editable} onSaved={reload} onError={setError} />
      )}
      <SignaturePanel view={view} history={history} />
      <History history={history} />
    </article>
  );
}
