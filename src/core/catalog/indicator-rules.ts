import type { PeriodKind } from '../approved-report.js';
import { ConflictError, ValidationError } from '../../shared/errors.js';
import { normalizeText } from '../text/index.js';
import { INDICATOR_FIELDS, type Indicator, type IndicatorField, type NewIndicator } from './types.js';

const CODE = /^[0-9A-Za-z][0-9A-Za-z._-]{0,31}$/;
const PERIOD_KINDS: readonly PeriodKind[] = ['month', 'quarter', 'half_year', 'nine_months', 'year', 'ad_hoc'];

export function isIndicatorField(x: string): x is IndicatorField {
  return (INDICATOR_FIELDS as readonly string[]).includes(x);
}

/** Normalises and checks a new indicator (text in Unicode NFC, known field and periodicity). */
export function toIndicator(input: NewIndicator): Indicator {
  if (!CODE.test(input.code))
    throw new ValidationError('INDICATOR_CODE_INVALID', `Indicator code "${input.code}" is invalid`, { code: input.code });
  if (!isIndicatorField(input.field))
    throw new ValidationError('INDICATOR_FIELD_INVALID', `Unknown field "${input.field}"`, { field: input.field });
  const bad = input.periodicity.find((p) => !PERIOD_KINDS.includes(p));
  if (bad) throw new ValidationError('INDICATOR_PERIODICITY_INVALID', `Unknown periodicity "${bad}"`, { periodicity: bad });
  return {
    code: input.code,
    name: normalizeText(input.name, 'name'),
    unit: normalizeText(input.unit, 'unit').trim(),
    method: normalizeText(input.method ?? '', 'method'),
    periodicity: [...new Set(input.periodicity)],
    responsibleOrgUnitId: input.responsibleOrgUnitId ?? null,
    catalog: input.catalog,
    field: input.field,
    ministryCode: input.ministryCode ?? null,
    disaggregations: (input.disaggregations ?? []).map((d) => normalizeText(d, 'disaggregations')),
    template: input.template ?? false,
    sample: input.sample ?? false,
  };
}

/**
 * Same code → same concept and unit across departments (Thái Bình 4.4): a second definition
 * of a code with another unit is refused rather than silently changing the meaning of data.
 */
export function assertSameUnit(existing: Indicator, incoming: Indicator): void {
  if (existing.unit.normalize('NFC').toLowerCase() !== incoming.unit.normalize('NFC').toLowerCase()) {
    throw new ConflictError(
      'INDICATOR_UNIT_CONFLICT',
      `Indicator ${incoming.code} is already defined in "${existing.unit}", not "${incoming.unit}"`,
      { code: incoming.code, existingUnit: existing.unit, unit: incoming.unit },
    );
  }
}
