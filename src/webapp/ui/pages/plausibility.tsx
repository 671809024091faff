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

/** Shown to the leader above the approve button: he signs knowing what looks unusual. */
export function PlausibilityWarnings({ warnings }: { warnings: PlausibilityWarning[] }) {
  if (warnings.length === 0) return null;
  return (
    <div class="warn-box" id="plausibility" role="note">
      <b>{warnings.length} cảnh báo số liệu bất thường cần xem trước khi ký:</b>
      <ul>{warnings.map((w) => <li data-code={w.code} data-cell={`${w.row ?? ''}|${w.column ?? ''}`}>{w.message}</li>)}</ul>
    </div>
  );
}
