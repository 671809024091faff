import { choiceOf, yesNoOf } from '../../../core/forms/typed-text.js';
import type { ListColumn, ListSpec } from './list-values.js';

/** One row of the editor (as list-entry keeps it): what is typed per column, and its stable key. */
export interface PasteRow {
  key: number;
  text: Record<string, string>;
}

export interface PasteResult {
  rows: PasteRow[];
  /** Cells written (empty pasted cells included: they empty their target). */
  cells: number;
  /** Lines of the block left out: the list would pass its maximum number of records. */
  droppedLines: number;
}

/** A block copied from Excel or a web table: lines by newline, cells by tab; one trailing newline is Excel's. */
export function parseBlock(text: string): string[][] {
  const lines = text.replace(/\r\n?/g, '\n').replace(/\n$/, '').split('\n');
  return lines.map((l) => l.split('\t'));
}

/** Whether a pasted text is a block (more than one cell) rather than a value typed into one input. */
export function isBlock(text: string): boolean {
  return /[\t\n]/.test(text.replace(/\r?\n$/, ''));
}

/**
 * A pasted cell as its input holds it: a closed list takes the value whatever its case, yes/no
 * reads "Có"/"Không" (and x, 1/0); anything else is kept as pasted, so the rules name it.
 */
export function pastedText(column: ListColumn, raw: string): string {
  const t = raw.trim();
  if (column.type === 'code') return choiceOf(column.values ?? [], t) ?? t;
  if (column.type === 'boolean') {
    const yes = yesNoOf(t);
    return yes === null ? t : String(yes);
  }
  return t;
}

/**
 * Fills the block from the focused cell rightwards and downwards, as a spreadsheet does: the
 * cells past the last column are left out, lines past the last row become new records up to the
 * list's maximum (the rest are counted, so the page can say so).
 */
export function pasteBlock(
  spec: ListSpec,
  rows: readonly PasteRow[],
  at: { key: number; column: string },
  block: string[][],
  newKey: () => number,
): PasteResult {
  const startRow = rows.findIndex((r) => r.key === at.key);
  const startCol = spec.columns.findIndex((c) => c.code === at.column);
  if (startRow < 0 || startCol < 0) return { rows: [...rows], cells: 0, droppedLines: 0 };
  const out = rows.map((r) => ({ ...r, text: { ...r.text } }));
  let cells = 0;
  let droppedLines = 0;
  block.forEach((line, i) => {
    const index = startRow + i;
    if (index >= out.length) {
      if (out.length >= spec.maxRecords) {
        droppedLines += 1;
        return;
      }
      out.push({ key: newKey(), text: {} });
    }
    const row = out[index]!;
    line.forEach((raw, j) => {
      const column = spec.columns[startCol + j];
      if (!column) return;
      row.text[column.code] = pastedText(column, raw);
      cells += 1;
    });
  });
  return { rows: out, cells, droppedLines };
}
