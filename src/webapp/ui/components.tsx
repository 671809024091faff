import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError } from './api.js';
import { errorMessage, STATE_LABEL } from './messages.js';

/** A status is never colour alone: a symbol (CSS ::before) and its words. */
export function StateBadge({ state }: { state: string }) {
  return <span class={`badge st-${state}`} data-state={state}>{STATE_LABEL[state] ?? state}</span>;
}

export function ErrorBox({ error }: { error: unknown }) {
  if (!error) return null;
  const code = error instanceof ApiError ? error.code : 'INTERNAL_ERROR';
  const message = error instanceof ApiError ? errorMessage(error.code, error.message) : 'Đã xảy ra lỗi không mong muốn.';
  const details = error instanceof ApiError ? (error.details as { violations?: { message?: string }[] } | undefined) : undefined;
  return (
    <div class="error-box" role="alert" data-code={code}>
      {message} <small class="code">({code})</small>
      {details?.violations?.length ? <ul>{details.violations.map((v) => <li>{v.message}</li>)}</ul> : null}
    </div>
  );
}

/** Loads once per key; shows "Đang tải…" and a Vietnamese error meanwhile. */
export function useLoad<T>(load: () => Promise<T>, deps: unknown[]): { data: T | null; error: unknown; reload: () => void } {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [tick, setTick] = useState(0);
  useEffect(() => {
    let live = true;
    setError(null);
    load().then((d) => live && setData(d), (e) => live && setError(e));
    return () => { live = false; };
  }, [...deps, tick]);
  return { data, error, reload: () => setTick((t) => t + 1) };
}

export function Loading({ error, children }: { error?: unknown; children?: ComponentChildren }) {
  return error ? <ErrorBox error={error} /> : <p role="status">{children ?? 'Đang tải…'}</p>;
}

/** A modal asking for a written reason (trả lại, từ chối, đính chính: the reason is mandatory). */
export function ReasonDialog(props: { title: string; label: string; help?: string; confirm: string; onConfirm: (reason: string) => Promise<void>; onClose: () => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [missing, setMissing] = useState(false);
  const [busy, setBusy] = useState(false);
  useEffect(() => { ref.current?.showModal(); }, []);
  const submit = async (e: Event) => {
    e.preventDefault();
    if (!reason.trim()) { setMissing(true); return; }
    setBusy(true);
    try { await props.onConfirm(reason.trim()); ref.current?.close(); props.onClose(); } catch (err) { setError(err); } finally { setBusy(false); }
  };
  return (
    <dialog ref={ref} aria-labelledby="reason-title" onClose={props.onClose}>
      <form onSubmit={submit}>
        <h2 id="reason-title">{props.title}</h2>
        {props.help ? <p class="muted" id="reason-help">{props.help}</p> : null}
        <label for="reason-text">{props.label}</label>
        <textarea id="reason-text" value={reason} aria-required="true" aria-invalid={missing} aria-describedby={missing ? 'reason-missing' : undefined}
          onInput={(e) => { setReason((e.target as HTMLTextAreaElement).value); setMissing(false); }} />
        {missing ? <p id="reason-missing" class="reason" role="alert">Phải ghi rõ lý do.</p> : null}
        <ErrorBox error={error} />
        <div class="actions">
          <button type="submit" id="reason-ok" disabled={busy}>{props.confirm}</button>
          <button type="button" class="secondary" onClick={() => { ref.current?.close(); props.onClose(); }}>Hủy</button>
        </div>
      </form>
    </dialog>
  );
}
