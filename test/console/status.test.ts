import { describe, expect, it } from 'vitest';
import { attentionList } from '../../src/console/attention.js';
import { circuitPhrase, formatSyncStatus, STATUS_LIST_ROWS, syncStatus, textTable } from '../../src/console/sync-status.js';
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

  it('prints one page of each list at any history size, and says how many more there are', async () => {
    const big = new MemoryDelivery();
    for (let i = 0; i < 30; i++) {
      big.add({ packetId: `d${i}`, state: 'dead', orgUnitId: 'u', periodKey: '2027-M01', submissionId: `s${i}`, lastErrorCode: 'X' });
    }
    const now = new Date('2027-02-01T00:00:00Z');
    const all = await attentionList(
      big,
      now,
      () => true,
      (id) => id,
    );
    expect(all).toMatchObject({ capped: false });
    const text = formatSyncStatus(await syncStatus(big), (id) => id, all.rows);
    expect(text).toContain('Cần xử lý (mọi kỳ): 30\n');
    expect(text).toContain('… và 10 gói khác (bảng điều khiển, trang Cần xử lý)');
    expect(text).toContain('… và 10 báo cáo khác');
    expect(text.split('\n').filter((l) => /^2027-M01\s+u\s/.test(l))).toHaveLength(2 * STATUS_LIST_ROWS);

    // The CLI reads one row more than it prints per list: a full list says "at least".
    const page = await attentionList(
      big,
      now,
      () => true,
      (id) => id,
      STATUS_LIST_ROWS + 1,
    );
    expect(page).toMatchObject({ capped: true });
    const short = formatSyncStatus(await syncStatus(big, undefined, { reportsLimit: STATUS_LIST_ROWS }), (id) => id, page.rows, String, {
      attentionCapped: page.capped,
    });
    expect(short).toContain('Cần xử lý (mọi kỳ): ít nhất 21\n');
    expect(short).toContain('… và ít nhất 1 gói khác');
    expect(short).toContain('… và còn báo cáo khác (lienthong status --json, bảng điều khiển)');
    // Ten times the history, the same length of text.
    for (let i = 30; i < 300; i++)
      big.add({ packetId: `d${i}`, state: 'dead', orgUnitId: 'u', periodKey: '2027-M01', submissionId: `s${i}` });
    const more = await attentionList(
      big,
      now,
      () => true,
      (id) => id,
      STATUS_LIST_ROWS + 1,
    );
    const longer = formatSyncStatus(await syncStatus(big, undefined, { reportsLimit: STATUS_LIST_ROWS }), (id) => id, more.rows, String, {
      attentionCapped: more.capped,
    });
    expect(longer.split('\n')).toHaveLength(short.split('\n').length);
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
