import { createHash, randomUUID } from 'node:crypto';
import type { Principal } from '../../../http/principal.js';
import { AppError, ValidationError } from '../../../shared/errors.js';
import { normalizeText } from '../../text/index.js';
import { loadContext } from '../context.js';
import type { SubmissionsDeps } from '../deps.js';
import { listAttachments, replaceAttachments, type NewAttachment } from '../repository/attachments.js';
import { findSubmission, saveNarrativeText, type StoredSubmission } from '../repository/submissions.js';
import type { AttachmentMeta } from '../types.js';
import { assertCanEdit, writeEdit } from './editing.js';

export interface NarrativeInput {
  title: string;
  text: string;
  /** When present, replaces every attachment. */
  attachments?: { name: string; mediaType: string; contentBase64: string }[];
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

function decodeAttachment(a: { name: string; mediaType: string; contentBase64: string }, index: number, max: number): NewAttachment {
  const compact = a.contentBase64.replace(/\s+/g, '');
  if (compact.length % 4 !== 0 || !BASE64.test(compact)) {
    throw new ValidationError('ATTACHMENT_BASE64_INVALID', `Attachment ${index} (${a.name}) is not valid base64`, { index });
  }
  const content = Buffer.from(compact, 'base64');
  if (content.length > max) {
    throw new AppError('ATTACHMENT_TOO_LARGE', `Attachment ${a.name} is ${content.length} bytes; the limit is ${max}`, 413, {
      index,
      limit: max,
    });
  }
  return {
    id: randomUUID(),
    name: normalizeText(a.name, `attachments[${index}].name`),
    mediaType: a.mediaType,
    size: content.length,
    sha256: createHash('sha256').update(content).digest('hex'),
    content,
  };
}

/** Saves a narrative report's title and text (Unicode-normalised) and its attachments. */
export async function saveNarrative(
  deps: SubmissionsDeps,
  principal: Principal,
  id: string,
  input: NarrativeInput,
): Promise<{ submission: StoredSubmission; attachments: AttachmentMeta[] }> {
  const ctx = await loadContext(deps, id);
  await assertCanEdit(deps, principal, ctx, 'narrative');
  const title = normalizeText(input.title, 'title');
  const text = normalizeText(input.text, 'text');
  const spec = ctx.form.narrative;
  if (spec && input.attachments && input.attachments.length > spec.maxAttachments) {
    throw new ValidationError('ATTACHMENT_COUNT_EXCEEDED', `Form ${ctx.form.code} allows ${spec.maxAttachments} attachment(s)`, {
      limit: spec.maxAttachments,
    });
  }
  const refused = spec?.mediaTypes.length ? (input.attachments?.findIndex((a) => !spec.mediaTypes.includes(a.mediaType)) ?? -1) : -1;
  if (refused >= 0) {
    throw new ValidationError('ATTACHMENT_TYPE_REFUSED', `Attachment ${refused} has a media type form ${ctx.form.code} does not accept`, {
      index: refused,
      allowed: spec!.mediaTypes,
    });
  }
  const limit = Math.min(deps.maxAttachmentBytes, spec?.maxAttachmentBytes ?? Number.POSITIVE_INFINITY);
  const attachments = input.attachments?.map((a, i) => decodeAttachment(a, i, limit));
  for (const a of attachments ?? []) {
    await deps.fileGuard?.assertClean(
      { content: a.content, name: a.name, purpose: 'submission-attachment' },
      { actor: principal.id, orgUnitId: ctx.unit.id },
    );
  }
  await writeEdit(deps, principal, ctx, {
    action: 'submission.narrative_saved',
    details: { attachments: attachments?.map((a) => ({ name: a.name, size: a.size, sha256: a.sha256 })) ?? 'unchanged' },
    write: async (tx, now) => {
      await saveNarrativeText(tx, id, title, text, now);
      if (attachments) await replaceAttachments(tx, id, attachments, principal.id, now);
    },
  });
  return { submission: (await findSubmission(deps.db, id))!, attachments: await listAttachments(deps.db, id) };
}
