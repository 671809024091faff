import { assertContract } from '../../shared/contracts.js';
import { ValidationError } from '../../shared/errors.js';
import type { InboundBatch, InboundPeriod, InboundRow } from '../types.js';

export const DATA_PUSH_SCHEMA_ID = 'https://lienthong.gov.vn/contracts/api/ministry/data-push.schema.json';

/** A row as pushed: an InboundRow before it is numbered. */
type RowJson = Omit<InboundRow, 'row'>;

/** A pushed document (contracts/api/ministry/data-push.schema.json), JSON or converted from XML. */
export interface DataPushDocument {
  packetType: 'report-data' | 'kpi-data';
  source?: string;
  payload: {
    period?: InboundPeriod;
    reportingOrg?: { orgCode: string; name?: string };
    rows?: RowJson[];
    observations?: RowJson[];
  };
}

/**
 * Validates a pushed document and flattens it into numbered rows. report-data carries `rows`,
 * kpi-data `observations`; the wrong list (or none) is refused as a whole, since it means the
 * sender built the wrong packet type.
 */
export function batchFromDocument(input: unknown): { source?: string; batch: InboundBatch } {
  const doc = assertContract<DataPushDocument>(DATA_PUSH_SCHEMA_ID, input, 'DATA_INVALID');
  const list = doc.packetType === 'report-data' ? doc.payload.rows : doc.payload.observations;
  const other = doc.packetType === 'report-data' ? doc.payload.observations : doc.payload.rows;
  if (!list || other) {
    const expected = doc.packetType === 'report-data' ? 'rows' : 'observations';
    throw new ValidationError('DATA_INVALID', `${doc.packetType} carries its values in payload.${expected}`, {
      packetType: doc.packetType,
      expected,
    });
  }
  const rows: InboundRow[] = list.map((r, i) => ({ ...r, row: i + 1 }));
  return { source: doc.source, batch: { period: doc.payload.period, orgCode: doc.payload.reportingOrg?.orgCode, rows } };
}
