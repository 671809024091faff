import { createHash } from 'node:crypto';
import type { ReportPeriod } from '../../core/approved-report.js';
import type { OutboundPacket } from '../../delivery/channel.js';
import type { ConnectorDefinition } from './definition.js';

/**
 * A push as an outbound packet about its own subject (kind `ministry`, id `<connector>/<period>`,
 * which the ministry channel reads to find the endpoint). The id and Idempotency-Key come from
 * the content: the same values pushed twice are queued once and received once.
 */
export function pushPacket(def: ConnectorDefinition, period: ReportPeriod, orgUnitId: string, body: string): OutboundPacket {
  const digest = createHash('sha256').update(body).digest('hex').slice(0, 24);
  const id = `MIN-${def.id}-${period.key}-${digest}`;
  return {
    packetId: id,
    idempotencyKey: id,
    packetType: 'report-data',
    subject: { kind: 'ministry', id: `${def.id}/${period.key}`, version: 1, orgUnitId, periodKey: period.key },
    body,
    // Ministry systems take the document over their own authenticated API; it carries no JWS.
    signature: '',
    title: `Số liệu kỳ ${period.key} gửi ${def.ministry} (${def.name})`,
  };
}
