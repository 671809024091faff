import { ValidationError } from '../../shared/errors.js';
import type { UnitRule } from './types.js';

const normalized = new Map<string, string>();

/**
 * Units compare without case and extra spaces ("Tỷ đồng" = "tỷ  đồng"); NFC so composed and
 * decomposed Vietnamese match. Memoised: packet building calls it per value, and ICU-backed
 * normalisation is slow next to the few distinct units a catalog has.
 */
export function normalizeUnit(unit: string): string {
  let n = normalized.get(unit);
  if (n === undefined) {
    n = unit.normalize('NFC').trim().replace(/\s+/g, ' ').toLocaleLowerCase('vi');
    if (normalized.size < 10_000) normalized.set(unit, n);
  }
  return n;
}

/**
 * Conversion factors between units, read in both directions: a rule A→B with factor f also
 * gives B→A with 1/f. Only direct rules apply (no chaining), so every conversion is reviewable
 * in the mapping file.
 */
export class UnitTable {
  private readonly factors = new Map<string, number>();

  constructor(rules: readonly UnitRule[]) {
    for (const r of rules) {
      const from = normalizeUnit(r.provincial);
      const to = normalizeUnit(r.external);
      this.factors.set(`${from}→${to}`, r.factor);
      if (!this.factors.has(`${to}→${from}`)) this.factors.set(`${to}→${from}`, 1 / r.factor);
    }
  }

  /** The factor turning a value in `from` into `to`, or undefined when they are incompatible. */
  factor(from: string, to: string): number | undefined {
    const a = normalizeUnit(from);
    const b = normalizeUnit(to);
    if (a === b) return 1;
    return this.factors.get(`${a}→${b}`);
  }

  compatible(from: string, to: string): boolean {
    return this.factor(from, to) !== undefined;
  }

  /** Converts, rounding away float noise (12 significant digits), or throws UNIT_INCOMPATIBLE. */
  convert(value: number, from: string, to: string, context: Record<string, unknown> = {}): number {
    const f = this.factor(from, to);
    if (f === undefined) {
      throw new ValidationError('UNIT_INCOMPATIBLE', `Cannot convert "${from}" to "${to}": no unit rule in the mapping`, {
        from,
        to,
        ...context,
      });
    }
    return f === 1 ? value : Number((value * f).toPrecision(12));
  }
}
