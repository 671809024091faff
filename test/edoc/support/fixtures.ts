import type { OutboundPacket } from '../../../src/delivery/channel.js';

/** A national packet as exchange would hand it to delivery (body and JWS are opaque to the channel). */
export function samplePacket(overrides: Partial<OutboundPacket> = {}): OutboundPacket {
  const body = JSON.stringify({
    packetType: 'report-data',
    period: '2027-01',
    orgUnit: 'H49.01',
    values: { KTXH_01: 1250.5, ghiChu: 'Sở Kế hoạch & Đầu tư <QN>' },
  });
  return {
    packetId: 'pkt-0001',
    idempotencyKey: 'sub-42:report-data:v1',
    packetType: 'report-data',
    submissionId: 'sub-42',
    body,
    signature: 'eyJhbGciOiJSUzI1NiIsImI2NCI6ZmFsc2V9..c2lnbmF0dXJl',
    title: 'Báo cáo KT-XH tháng 01/2027 - Sở KH&CN',
    deadline: '2027-02-05',
    ...overrides,
  };
}

export const FROM = { organId: '000.00.00.H49', organName: 'UBND tỉnh Quảng Ninh' };
export const TO = { organId: '000.00.00.G22', organName: 'Văn phòng Chính phủ' };
