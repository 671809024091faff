import { useState } from 'preact/hooks';
import { api } from '../api.js';
import type { SubmissionView } from '../types.js';

async function toBase64(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin);
}

/** Báo cáo thuyết minh (đề cương): title, text and attachments. */
export function NarrativeEditor({ view, editable, onSaved, onError }: { view: SubmissionView; editable: boolean; onSaved(): void; onError(e: unknown): void }) {
  const n = view.narrative ?? { title: '', text: '', attachments: [] };
  const [title, setTitle] = useState(n.title);
  const [text, setText] = useState(n.text);
  const [files, setFiles] = useState<File[]>([]);
  const [busy, setBusy] = useState(false);
  const save = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    try {
      const attachments = files.length ? await Promise.all(files.map(async (f) => ({ name: f.name, mediaType: f.type || 'application/octet-stream', contentBase64: await toBase64(f) }))) : undefined;
      const body = { title, text, ...(attachments ? { attachments } : {}) };
      await api.put('/api/v1/submissions/{id}/narrative', { params: { path: { id: view.submission.id } }, body });
      onSaved();
    } catch (err) { onError(err); } finally { setBusy(false); }
  };
  return (
    <form class="card" onSubmit={save} id="narrative">
      <h2>Nội dung báo cáo thuyết minh</h2>
      <p><label for="n-title">Tiêu đề</label><br /><input id="n-title" type="text" value={title} readOnly={!editable} size={60} onInput={(e) => setTitle((e.target as HTMLInputElement).value)} /></p>
      <p><label for="n-text">Nội dung</label><textarea id="n-text" rows={14} value={text} readOnly={!editable} onInput={(e) => setText((e.target as HTMLTextAreaElement).value)} /></p>
      <h3>Tệp đính kèm</h3>
      <ul>{n.attachments.map((a) => <li><a href={`/api/v1/submissions/${view.submission.id}/attachments/${a.id}`}>{a.name}</a> <small class="muted">({Math.ceil(a.size / 1024)} KB)</small></li>)}</ul>
      {editable ? (
        <>
          <p><label for="n-files">Thay tệp đính kèm</label><br /><input id="n-files" type="file" multiple onChange={(e) => setFiles([...((e.target as HTMLInputElement).files ?? [])])} /></p>
          <button type="submit" disabled={busy}>Lưu nháp</button>
        </>
      ) : null}
    </form>
  );
}
