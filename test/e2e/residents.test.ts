// The resident list and page in a real browser: sq01 finds a resident by pinyin initials and by the
// last 4 characters of the ID number, opens the resident page, and reveals the full ID number and
// mobile (pii.read) — which the audit log then records; wgy01 (grid worker, no pii.read) sees the
// same page masked, without the button. Screenshots of each step in test-results/e2e/.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiSession, baseUrl, DEMO_PASSWORD, launchBrowser, loginThroughForm, openPage, shot, type TestPage } from './support/browser.ts';

interface AuditEntry { id: number; action: string; actorName: string | null; entityType: string; entityId: string | number | null; after: Record<string, unknown> | null }

function idNumber(birth: string, seq: number): string {
  const W = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const body = `110105${birth}${String(seq).padStart(3, '0')}`;
  const sum = [...body].reduce((s, d, i) => s + Number(d) * W[i], 0);
  return body + '10X98765432'[sum % 11];
}

/** POST as a user (the shared helper only reads). */
async function post<T>(username: string, path: string, body: unknown): Promise<T> {
  const login = await fetch(`${baseUrl()}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ login: username, password: DEMO_PASSWORD }) });
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0];
  const r = await fetch(`${baseUrl()}/api/v1${path}`, { method: 'POST', headers: { cookie, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  if (!r.ok) throw new Error(`POST ${path}: ${r.status} ${await r.text()}`);
  return (await r.json()) as T;
}

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe('resident search, resident page and the audited full view', () => {
  // A name whose initials no demo resident shares (欧阳 is not a demo surname), and an ID from a
  // county the demo never uses (110105, Beijing) with a fresh 3-digit sequence per run.
  const seq = 100 + (Date.now() % 400);
  const subject = { name: '欧阳明轩', initials: 'oymx', id: idNumber('19580909', seq), mobile: `1391234${String(seq).padStart(4, '0')}` };
  let residentId: number;
  let sq01: TestPage;

  beforeAll(async () => {
    // In wgy01's own grid, so both users can open the page.
    const wgy = await apiSession('wgy01');
    const grid = wgy.user.scopeRegion!;
    const created = await post<{ id: number }>('sq01', '/residents', {
      name: subject.name, ethnicity: '汉族', idType: 'idCard', idNumber: subject.id, mobile: subject.mobile, residenceType: 'registered',
      householdRole: 'head', politicalStatus: 'partyMember', tags: ['elderlyAlone'], seasonal: false, regionId: grid.id,
    });
    residentId = created.id;
    sq01 = await openPage(browser);
  });
  afterAll(async () => {
    await sq01?.context.close();
  });

  it('finds the resident by pinyin initials and by the last 4 of the ID number', async () => {
    const { page } = sq01;
    await loginThroughForm(page, 'sq01');
    await page.getByTestId('nav').getByText('实有人口').click();
    await page.waitForURL(/\/residents$/);
    const table = page.getByTestId('residents-table');
    await table.locator('tbody tr.ant-table-row').first().waitFor();
    await shot(page, 'residents-list');

    const search = page.getByTestId('residents-search');
    await search.fill(subject.initials);
    await search.press('Enter');
    await page.waitForURL(/q=oymx/);
    const row = table.locator('tbody tr.ant-table-row').filter({ hasText: subject.name });
    await row.waitFor();
    expect(await row.textContent()).toContain(`${subject.id.slice(0, 3)}***********${subject.id.slice(14)}`);
    expect(await row.textContent()).toContain(`${subject.mobile.slice(0, 3)}****${subject.mobile.slice(7)}`);
    expect(await row.textContent()).toContain('独居老人');
    await shot(page, 'residents-search-initials');

    await search.fill(subject.id.slice(14));
    await page.getByTestId('residents-search-submit').click();
    await page.waitForURL(new RegExp(`q=${subject.id.slice(14)}`));
    await expect.poll(() => table.locator('tbody tr.ant-table-row').filter({ hasText: subject.name }).count()).toBe(1);
    // Every hit ends in those 4 characters (masked IDs keep the last 4).
    const ids = await table.locator('tbody tr.ant-table-row td:nth-child(4)').allTextContents();
    for (const v of ids) expect(v.endsWith(subject.id.slice(14))).toBe(true);
    expect(await table.textContent()).not.toContain(subject.id);
    await shot(page, 'residents-search-last4');
  });

  it('opens the resident page and reveals the full data as sq01; the view is audited', async () => {
    const { page } = sq01;
    await page.getByTestId('residents-table').locator('tbody tr.ant-table-row').filter({ hasText: subject.name }).getByTestId('resident-link').click();
    await page.waitForURL(new RegExp(`/residents/${residentId}$`));
    await expect.poll(() => page.getByTestId('resident-name').textContent()).toBe(subject.name);
    expect(await page.getByTestId('resident-id-number').textContent()).toBe(`${subject.id.slice(0, 3)}***********${subject.id.slice(14)}`);
    expect(await page.getByTestId('resident-tags').textContent()).toContain('独居老人');
    await expect.poll(() => page.getByTestId('resident-moves').textContent()).toContain('迁入');
    await shot(page, 'resident-page-masked');

    await page.getByTestId('pii-reveal').click();
    await page.getByTestId('pii-confirm').click();
    await page.getByTestId('pii-notice').waitFor();
    expect(await page.getByTestId('resident-id-number').textContent()).toBe(subject.id);
    expect(await page.getByTestId('resident-mobile').textContent()).toBe(subject.mobile);
    expect(await page.getByTestId('pii-notice').textContent()).toContain('已记入操作日志');
    await shot(page, 'resident-page-revealed');

    const api = await apiSession('sq01');
    const audit = await api.get<{ items: AuditEntry[] }>(`/audit?entityType=resident&entityId=${residentId}&limit=20`);
    const views = audit.items.filter((e) => e.action === 'pii.view');
    expect(views).toHaveLength(1);
    const me = await api.get<{ user: { displayName: string } }>('/auth/me');
    expect(views[0].actorName).toBe(me.user.displayName);
    expect(JSON.stringify(views[0].after)).not.toContain(subject.id);
    expect(sq01.errors).toEqual([]);
  });

  it('shows the page masked to wgy01, without the button', async () => {
    const t = await openPage(browser);
    try {
      const { page } = t;
      await loginThroughForm(page, 'wgy01');
      await page.goto(`/residents/${residentId}`);
      await expect.poll(() => page.getByTestId('resident-name').textContent()).toBe(subject.name);
      expect(await page.getByTestId('resident-id-number').textContent()).toBe(`${subject.id.slice(0, 3)}***********${subject.id.slice(14)}`);
      expect(await page.getByTestId('resident-mobile').textContent()).toBe(`${subject.mobile.slice(0, 3)}****${subject.mobile.slice(7)}`);
      expect(await page.getByTestId('pii-reveal').count()).toBe(0);
      await page.getByTestId('pii-masked-note').waitFor();
      expect(await page.content()).not.toContain(subject.id);
      await shot(page, 'resident-page-grid-worker');
      expect(t.errors).toEqual([]);
    } finally {
      await t.context.close();
    }
  });
});
