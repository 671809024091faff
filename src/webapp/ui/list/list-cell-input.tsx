import type { ListColumn } from './list-values.js';

/** One typed input: a closed list or yes/no as a choice, dates and numbers as text read the Vietnamese way. */
export function CellInput(props: {
  column: ListColumn;
  rowNo: number;
  id: string;
  value: string;
  invalid: boolean;
  describedBy?: string;
  onChange(text: string): void;
}) {
  const { column: c } = props;
  const common = {
    id: props.id,
    'data-col': c.code,
    'aria-label': `Dòng ${props.rowNo} – ${c.label}`,
    'aria-invalid': props.invalid,
    'aria-describedby': props.describedBy,
    'aria-required': c.required ? true : undefined,
  };
  if (c.type === 'code' || c.type === 'boolean') {
    const options =
      c.type === 'code'
        ? (c.values ?? []).map((v) => [v, v])
        : [
            ['true', 'Có'],
            ['false', 'Không'],
          ];
    return (
      <select {...common} value={props.value} onChange={(e) => props.onChange((e.currentTarget as HTMLSelectElement).value)}>
        <option value="">— chọn —</option>
        {options.map(([v, label]) => (
          <option value={v}>{label}</option>
        ))}
      </select>
    );
  }
  const numeric = c.type === 'number' || c.type === 'integer';
  return (
    <input
      {...common}
      type="text"
      autoComplete="off"
      class={numeric ? 'num' : undefined}
      inputMode={numeric ? 'decimal' : undefined}
      placeholder={c.type === 'date' ? 'ngày/tháng/năm' : undefined}
      maxLength={c.maxLength}
      value={props.value}
      onInput={(e) => props.onChange((e.currentTarget as HTMLInputElement).value)}
    />
  );
}
