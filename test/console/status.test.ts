import { describe, expect, it } from 'vitest';
import { circuitPhrase, formatSyncStatus, syncStatus, textTable } from '../../src/console/sync-status.js';
import { MemoryDelivery } from './support/memory-delivery.js';

describe('lienthong status', () => {
  const delivery = new MemoryDelivery();
  delivery.add({ packetId: 'a', state: 'acknowledged', orgUnitId: 'lc-so-y-te', periodKey: '2027-M01', submissionId: 's1' });
  delivery.add({
    packetId: 'b',
    state: 'dead',
    orgUnitId: 'lc-so-y-te',
    periodKey: '2027-M01',
    submissionId: 's1',
    lastErrorCode: 'NATIONAL_UNAVAILABLE',
  });
  delivery.add({
    packetId: 'c',
    state: 'sent_via_fallback',
    channel: 'edoc',
    orgUnitId: 'lc-x-sin-ho',
    periodKey: '2027-M02',
    submissionId: 's2',
  });
  delivery.depths = { national: 2, edoc: 0 };
  delivery.circuitStates[0] = { channel: 'national', state: 'open', failingSince: '2027-01-20T03:00:00.000Z' };

  it('gathers the same summary as the console, per period', async () => {
    const all = await syncStatus(delivery);
    expect(all).toMatchObject({
      periodKey: null,
      byState: { acknowledged: 1, dead: 1, sent_via_fallback: 1 },
      queues: { national: 2, edoc: 0 },
    });
    const m1 = await syncStatus(delivery, '2027-M01');
    expect(m1.reports).toEqual([expect.objectContaining({ submissionId: 's1', state: 'dead' })]);
    expect(m1.byState.sent_via_fallback).toBe(0);
  });

  it('prints aligned Vietnamese tables with states, channels, queues, circuits and reports', async () => {
    const text = formatSyncStatus(await syncStatus(delivery, '2027-M01'), (id) => (id === 'lc-so-y-te' ? 'Sở Y tế' : id));
    expect(text).toContain('Trạng thái liên thông kỳ 2027-M01');
    expect(text).toContain('Cần xử lý (mọi kỳ): không có');
    expect(text).toMatch(/^Thư chết\s+1$/m);
    expect(text).toMatch(/^Gửi HTTB Chính phủ\s+2$/m);
    expect(text).toMatch(/^Kênh chính \(HTTB Chính phủ\)\s+mở \(đã ngắt kết nối\) từ 2027-01-20T03:00:00.000Z$/m);
    expect(text).toMatch(/^2027-M01\s+Sở Y tế\s+BM01\s+Thư chết\s+Kênh chính \(HTTB Chính phủ\)\s+s1$/m);
  });

  it('never calls a failing channel "bình thường": a closed circuit shows its failure clock', () => {
    expect(circuitPhrase({ channel: 'national', state: 'closed', failingSince: null })).toBe('đóng (bình thường)');
    expect(circuitPhrase({ channel: 'national', state: 'closed', failingSince: 'T' })).toBe('đóng, có lỗi từ T (chưa đến ngưỡng ngắt)');
    expect(circuitPhrase({ channel: 'national', state: 'half_open', failingSince: 'T' })).toBe('nửa mở (đang thử lại) từ T');
  });

  it('pads by characters, so Vietnamese names keep columns aligned', () => {
    const lines = textTable(
      ['đơn vị', 'n'],
      [
        ['Sở Y tế', 1],
        ['Xã Sìn Hồ', 22],
      ],
    ).split('\n');
    // Widest first column: "Xã Sìn Hồ", 9 characters, then two spaces: the second column starts at 11.
    expect(lines.map((l) => [...l].slice(11).join(''))).toEqual(['n', '--', '1', '22']);
    expect(lines.map((l) => [...l][10])).toEqual([' ', ' ', ' ', ' ']);
  });
});
