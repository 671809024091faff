/**
 * Biểu mẫu: a data form (rows × columns with constraints), a narrative form, or a list-type form
 * (biểu dạng danh sách: each row is a record, e.g. a project or an enterprise, with typed columns).
 */
export type FormType = 'data' | 'narrative' | 'list';

/** Type of one column of a list-type form. `code`: one of `values` (a closed list). */
export type ListColumnType = 'text' | 'integer' | 'number' | 'date' | 'boolean' | 'code';

export interface ListColumn {
  /** Upper-case code, as the national list-report-data packet carries it (e.g. TEN_DU_AN). */
  code: string;
  label: string;
  type: ListColumnType;
  required?: boolean;
  /** Unit of a number column (e.g. tỷ đồng). */
  unit?: string;
  min?: number;
  max?: number;
  maxLength?: number;
  /** Allowed values of a `code` column. */
  values?: string[];
}

export interface ListSpec {
  columns: ListColumn[];
  /** Most records one report may hold. */
  maxRecords: number;
  /** A column whose value must be unique across the records (e.g. the project code). */
  keyColumn?: string;
}

/** A value of a list record cell: text / code / date (YYYY-MM-DD) as string, numbers, booleans; null = empty. */
export type ListValue = string | number | boolean | null;

/** One record of a list report. */
export interface ListRecord {
  /** 1..n, the record's number in the list. */
  rowNo: number;
  values: Record<string, ListValue>;
}

export interface FormRow {
  /** Row code: the indicator code, unique in the form. */
  indicatorCode: string;
  order: number;
  label: string;
  unit: string;
}

export type FormColumnKind = 'number' | 'percent';

export interface FormColumn {
  /** e.g. PLAN, THIS_PERIOD, YTD, PCT_SAME_PERIOD. */
  code: string;
  label: string;
  kind: FormColumnKind;
}

/** Constraints between cells; `columns` absent means every number column. */
export type FormConstraint =
  | { id: string; type: 'sum'; total: string; parts: string[]; columns?: string[]; tolerance?: number }
  | { id: string; type: 'equals'; left: CellRef; right: CellRef; tolerance?: number }
  | { id: string; type: 'range'; rows?: string[]; columns?: string[]; min?: number; max?: number }
  | { id: string; type: 'ratio'; result: CellRef; numerator: CellRef; denominator: CellRef; factor?: number; tolerance?: number }
  | { id: string; type: 'required'; rows?: string[]; columns?: string[] };

/**
 * Plausibility (DHIS2's min-max and validation against the previous period): never blocks a
 * submission; the leader reads the warnings before signing. `rows`/`columns` absent = every
 * row / number column. `change`: |this − previous| / |previous| above `maxRatio` (0.5 = ±50 %)
 * against the same unit's report of the previous period.
 */
export type PlausibilityRule =
  | { id: string; type: 'min-max'; rows?: string[]; columns?: string[]; min?: number; max?: number }
  | { id: string; type: 'change'; rows?: string[]; columns?: string[]; maxRatio: number }
  /**
   * Against the unit's own history: the same cell in its reports of the last `periods` periods of the same kind
   * (default 12); flagged beyond median ± k·MAD (default k = 3, MAD scaled by 1.4826) once at
   * least `minHistory` of them have a value (default 5). The same period last year is named in
   * the message when it is there.
   */
  | { id: string; type: 'outlier'; rows?: string[]; columns?: string[]; k?: number; periods?: number; minHistory?: number };

export interface CellRef {
  row: string;
  column: string;
}

export interface NarrativeSpec {
  /** Maximum size of one attachment in bytes. */
  maxAttachmentBytes: number;
  maxAttachments: number;
  mediaTypes: string[];
}

export interface FormDefinition {
  code: string;
  name: string;
  type: FormType;
  /** Owning regime; null for templates in the form library (kho báo cáo mẫu). */
  regimeCode: string | null;
  rows: FormRow[];
  columns: FormColumn[];
  constraints: FormConstraint[];
  /** Warnings, not errors (see PlausibilityRule); empty when the form has none. */
  plausibility?: PlausibilityRule[];
  narrative: NarrativeSpec | null;
  /** List-type forms: the record columns; null for the other types. */
  list?: ListSpec | null;
  template: boolean;
  sample: boolean;
}

export type NewForm = Omit<
  FormDefinition,
  'rows' | 'columns' | 'constraints' | 'plausibility' | 'narrative' | 'list' | 'template' | 'sample' | 'regimeCode'
> &
  Partial<
    Pick<FormDefinition, 'rows' | 'columns' | 'constraints' | 'plausibility' | 'narrative' | 'list' | 'template' | 'sample' | 'regimeCode'>
  >;

/** One entered cell; null = left empty. */
export interface FormCellValue {
  indicatorCode: string;
  columnCode: string;
  value: number | null;
}

/** One broken rule, naming the cell(s) and the constraint. */
export interface Violation {
  code: 'CELL_UNKNOWN' | 'CELL_NOT_NUMBER' | 'CELL_REQUIRED' | 'SUM_MISMATCH' | 'EQUALS_MISMATCH' | 'OUT_OF_RANGE' | 'RATIO_MISMATCH';
  message: string;
  constraintId?: string;
  row?: string;
  column?: string;
  expected?: number;
  actual?: number;
}
