import { focusCell } from './report-panels.js';

/**
 * A plausibility warning of the submissions API (DHIS2-style min-max or change against the
 * previous period; its message names the row and column): not an error, read before signing.
 */
export interface PlausibilityWarning {
  code: string;
  row?: string;
  column?: string;
  message: string;
}

/**
 * Shown to the leader above the approve button (he signs knowing what looks unusual) and to
 * data entry while the report is editable (check the figure, or explain it in the cell's
 * comments); each warning is a button that focuses its cell.
 */
export function PlausibilityWarnings({ warnings, entering = false }: { warnings: PlausibilityWarning[]; entering?: boolean }) {
  if (warnings.length === 0) return null;
  return (
    <div class="warn-box" id="plausibility" role="note">
      <b>
        {warnings.length} cảnh báo số liệu bất thường{' '}
        {entering ? '(kiểm tra lại, hoặc chọn ô và ghi ý kiến giải thích):' : 'cần xem trước khi ký:'}
      </b>
      <ul>
        {warnings.map((w) => (
          <li data-code={w.code} data-cell={`${w.row ?? ''}|${w.column ?? ''}`}>
            {w.row ? (
              <button type="button" class="link" onClick={() => focusCell(w.row, w.column)}>
                {w.message}
              </button>
            ) : (
              w.message
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
