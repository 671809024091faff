import type { SqlExecutor } from '../../../store/database.js';
import type { AttachmentMeta } from '../types.js';

export interface NewAttachment extends AttachmentMeta {
  content: Buffer;
}

export async function replaceAttachments(
  sql: SqlExecutor,
  submissionId: string,
  items: NewAttachment[],
  actor: string,
  now: Date,
): Promise<void> {
  await sql.query('DELETE FROM submission_attachments WHERE submission_id = $1', [submissionId]);
  for (const a of items) {
    await sql.query(
      `INSERT INTO submission_attachments (id, submission_id, name, media_type, size, sha256, content, created_by, created_at)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9)`,
      [a.id, submissionId, a.name, a.mediaType, a.size, a.sha256, a.content, actor, now],
    );
  }
}

export async function listAttachments(sql: SqlExecutor, submissionId: string): Promise<AttachmentMeta[]> {
  const res = await sql.query<{ id: string; name: string; media_type: string; size: number; sha256: string }>(
    'SELECT id, name, media_type, size, sha256 FROM submission_attachments WHERE submission_id = $1 ORDER BY created_at, name',
    [submissionId],
  );
  return res.rows.map((r) => ({ id: r.id, name: r.name, mediaType: r.media_type, size: r.size, sha256: r.sha256 }));
}

/** With content, for freezing the approved report. */
export async function loadAttachments(sql: SqlExecutor, submissionId: string): Promise<NewAttachment[]> {
  const res = await sql.query<{ id: string; name: string; media_type: string; size: number; sha256: string; content: Uint8Array }>(
    'SELECT id, name, media_type, size, sha256, content FROM submission_attachments WHERE submission_id = $1 ORDER BY created_at, name',
    [submissionId],
  );
  return res.rows.map((r) => ({
    id: r.id,
    name: r.name,
    mediaType: r.media_type,
    size: r.size,
    sha256: r.sha256,
    content: Buffer.from(r.content),
  }));
}

export async function findAttachment(sql: SqlExecutor, submissionId: string, attachmentId: string): Promise<NewAttachment | null> {
  const res = await sql.query<{ id: string; name: string; media_type: string; size: number; sha256: string; content: Uint8Array }>(
    'SELECT id, name, media_type, size, sha256, content FROM submission_attachments WHERE submission_id = $1 AND id = $2',
    [submissionId, attachmentId],
  );
  const r = res.rows[0];
  return r ? { id: r.id, name: r.name, mediaType: r.media_type, size: r.size, sha256: r.sha256, content: Buffer.from(r.content) } : null;
}
