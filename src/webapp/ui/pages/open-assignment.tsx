import { useEffect, useState } from 'preact/hooks';
import { api, ApiError } from '../api.js';
import { ErrorBox } from '../components.js';
import { go } from '../router.js';
import type { AppState } from '../store.js';

/** Opens the report of an assignment: the existing one, or a new draft (data entry). */
export function OpenAssignment({ assignmentId }: { state: AppState; assignmentId: string }) {
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    api.post('/api/v1/submissions', { body: { assignmentId } }).then(
      (s) => go(`bao-cao/${s.id}`),
      (e) => {
        const existing = e instanceof ApiError ? (e.details as { submissionId?: string } | undefined)?.submissionId : undefined;
        if (existing) go(`bao-cao/${existing}`);
        else setError(e);
      },
    );
  }, [assignmentId]);
  return error ? <ErrorBox error={error} /> : <p role="status">Đang mở báo cáo…</p>;
}
