import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { demoPeriods } from '../../src/demo/demo-traffic.js';
import { seededRandom, plausibleValues } from '../../src/demo/plausible-values.js';
import { demoActor } from '../../src/demo/report-driver.js';
import type { Principal } from '../../src/http/principal.js';
import { launchBrowser } from '../support/browser.js';
import { startRealGateway, type RealHarness } from '../console/support/real-gateway.js';
import { buildWebapp, expectNoAxeViolations, loginAs } from './support/app-browser.js';

const FORM = 'KTXH-THANG-01';
const ADMIN: Principal = { kind: 'user', id: 'test-admin', displayName: 'test', roles: ['admin'], orgUnitId: 'lai-chau' };
const COUNT = 50;

/**
 * Better than DHIS2's approval app (no bulk action): the province leader receives 50 communes'
 * reports in one action on the unit × period grid, with the result per row; a report recalled by
 * its commune meanwhile fails alone, with the reason, and the others go through.
 */
describe('reporting app: bulk approval on the unit × period grid', { timeout: 300_000 }, () => {
  let h: RealHarness;
  let browser: Browser;
  const period = demoPeriods(new Date()).current;
  const units: string[] = [];
  const ids = new Map<string, string>();

  beforeAll(async () => {
    buildWebapp();
    h = await startRealGateway();
    // 50 communes of a new district-less batch, each with its monthly report sent to the province.
    for (let i = 0; i < COUNT; i++) {
      const n = String(i).padStart(2, '0');
      const unit = await h.core.orgUnits.create({
        id: `lc-x-thu-${n}`,
        orgCode: `9${n}.50.00.H29`,
        name: `Xã Thử Nghiệm ${n}`,
        kind: 'commune',
        parentId: 'lai-chau',
      });
      units.push(unit.id);
    }
    await h.core.assignments.generate('KTXH-THANG', period);
    const form = await h.core.forms.require(FORM);
    const random = seededRandom(7);
    const svc = h.submissions.service;
    for (const unit of units) {
      const [a] = await h.core.assignments.list({ periodKey: period, formCode: FORM, orgUnitIds: [unit] });
      const s = await svc.create(demoActor(unit, 'data_entry'), { assignmentId: a!.id });
      await svc.saveValues(demoActor(unit, 'data_entry'), s.id, plausibleValues(form, random));
      await svc.transition(demoActor(unit, 'data_entry'), s.id, 'submit');
      const out = await svc.transition(demoActor(unit, 'leader'), s.id, 'approve');
      expect(out.submission.state).toBe('sent');
      ids.set(unit, s.id);
    }
    browser = await launchBrowser();
    // 50 reports signed one by one: on two shared cores that takes minutes.
  }, 600_000);
  afterAll(async () => {
    await browser?.close();
    await h?.close();
  });

  it('receives 50 reports in one action; the one recalled meanwhile fails alone, with its reason', async () => {
    const page = await loginAs(browser, h.base, 'lanhdao.tinh');
    await page.getByRole('link', { name: 'Duyệt theo đơn vị', exact: true }).click();
    await page.waitForSelector('#approval-grid');
    expect(await page.inputValue('#grid-form')).toBe(FORM);
    expect(await page.getAttribute(`#approval-grid tr[data-unit="${units[0]}"] td[data-period="${period}"]`, 'data-status')).toBe('sent');
    // Missing reports are shown as such (a seeded commune that sent nothing).
    expect(await page.locator(`#approval-grid td[data-period="${period}"][data-status="not_started"]`).count()).toBeGreaterThan(0);
    await expectNoAxeViolations(page, 'approval grid');
    await page.click('#pick-all');
    expect(await page.textContent('#bulk-accept')).toContain(`${COUNT} báo cáo`);
    // The last commune recalls its report before the leader clicks.
    const recalled = units.at(-1)!;
    await h.submissions.service.transition(demoActor(recalled, 'leader'), ids.get(recalled)!, 'recall');
    await page.click('#bulk-accept');
    await page.waitForSelector('#bulk-result:has-text("Kết quả")');
    expect(await page.textContent('#bulk-result')).toContain(`${COUNT - 1} thành công, 1 không thực hiện được`);
    for (const unit of units.slice(0, -1)) {
      expect(await page.textContent(`#approval-grid tr[data-unit="${unit}"] .bulk-outcome`)).toBe('Đã tiếp nhận');
    }
    const failed = await page.textContent(`#approval-grid tr[data-unit="${recalled}"] .bulk-outcome`);
    expect(failed).toContain('WORKFLOW_TRANSITION_INVALID');
    expect(failed).toContain('Trạng thái hiện tại của báo cáo không cho phép');
    const states = await h.submissions.service.list(ADMIN, { periodKey: period, formCode: FORM, limit: 500 });
    const byUnit = new Map(states.map((s) => [s.orgUnitId, s.state]));
    expect(units.slice(0, -1).every((u) => byUnit.get(u) === 'accepted')).toBe(true);
    expect(byUnit.get(recalled)).toBe('draft');
    await page.waitForSelector(`#approval-grid tr[data-unit="${units[0]}"] td[data-period="${period}"][data-status="accepted"]`);
    await page.context().close();
  });

  it('returns the reports picked, with one mandatory reason sent to each', async () => {
    const [a, b] = units;
    const svc = h.submissions.service;
    // Two communes corrected and sent again: they wait for the province again.
    for (const unit of [a!, b!]) {
      const id = ids.get(unit)!;
      await svc.transition(demoActor(unit, 'data_entry'), id, 'request_correction', { reason: 'Sửa số liệu' });
      await svc.transition(demoActor(unit, 'data_entry'), id, 'submit');
      await svc.transition(demoActor(unit, 'leader'), id, 'approve');
    }
    const page = await loginAs(browser, h.base, 'lanhdao.tinh');
    await page.goto(`${h.base}/app/#/duyet-theo-don-vi`);
    await page.waitForSelector(`#approval-grid tr[data-unit="${a}"] input[type=checkbox]`);
    await page.check(`#approval-grid tr[data-unit="${a}"] input[type=checkbox]`);
    await page.check(`#approval-grid tr[data-unit="${b}"] input[type=checkbox]`);
    await page.click('#bulk-return');
    await page.click('#reason-ok');
    expect(await page.textContent('#reason-missing')).toContain('Phải ghi rõ lý do');
    await page.fill('#reason-text', 'Số liệu đính chính chưa có văn bản giải trình');
    await page.click('#reason-ok');
    await page.waitForSelector('#bulk-result:has-text("Kết quả")');
    expect(await page.textContent('#bulk-result')).toContain('2 thành công, 0 không thực hiện được');
    for (const unit of [a!, b!]) {
      const history = await svc.history(ADMIN, ids.get(unit)!);
      expect(history.at(-1)).toMatchObject({ action: 'return', to: 'returned', reason: 'Số liệu đính chính chưa có văn bản giải trình' });
    }
    await page.context().close();
  });
});
