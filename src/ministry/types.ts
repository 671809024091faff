/** What an import is told to do (DHIS2-style import parameters). */
export const IMPORT_STRATEGIES = ['CREATE_AND_UPDATE', 'CREATE', 'UPDATE'] as const;
export type ImportStrategy = (typeof IMPORT_STRATEGIES)[number];

export interface ImportOptions {
  /** Compute the summary, store nothing. */
  dryRun: boolean;
  /** All or nothing (default): any conflict stores nothing. false = store the rows without conflicts. */
  atomic: boolean;
  importStrategy: ImportStrategy;
}

export const DEFAULT_IMPORT_OPTIONS: ImportOptions = { dryRun: false, atomic: true, importStrategy: 'CREATE_AND_UPDATE' };

/** A period as a ministry writes it: a provincial key, or a kind (ministry's or provincial) with year and index. */
export interface InboundPeriod {
  key?: string;
  kind?: string;
  year?: number;
  index?: number;
}

/** One value as received, in the ministry's codes and units; `row` is its 1-based position in the input. */
export interface InboundRow {
  row: number;
  indicatorCode: string;
  column?: string;
  value: number | string | null;
  unit?: string;
  disaggregation?: Record<string, string>;
  orgCode?: string;
  period?: InboundPeriod;
}

/** A batch of rows with batch-level defaults for period and reporting org. */
export interface InboundBatch {
  period?: InboundPeriod;
  orgCode?: string;
  rows: InboundRow[];
}

/** A row translated to provincial codes and units, ready to store. */
export interface ResolvedValue {
  row: number;
  orgUnitId: string;
  indicatorCode: string;
  periodKey: string;
  columnCode: string;
  disaggregationKey: string;
  value: number | null;
  unit: string;
}

/** Why one input row was not taken; `row` names it, `code` is stable. */
export interface ImportConflict {
  row: number;
  code: string;
  message: string;
  details?: Record<string, unknown>;
}

export interface ImportCounts {
  imported: number;
  updated: number;
  ignored: number;
}

export type ImportStatus = 'SUCCESS' | 'WARNING' | 'ERROR';

/** The answer to every import, shaped like DHIS2's import summary. */
export interface ImportSummary {
  importId: string;
  source: string;
  status: ImportStatus;
  dryRun: boolean;
  atomic: boolean;
  importStrategy: ImportStrategy;
  /** Rows received. */
  total: number;
  importCount: ImportCounts;
  conflicts: ImportConflict[];
}
