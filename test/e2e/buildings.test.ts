// The building page (楼盘表) and the public door sign, in a real browser against the demo city.
// sq01 registers (through the API) a building in its own community: 4 floors × 3 units × 2
// dwellings with mixed occupancy, an elderly resident in a care group and a tenant under a lease.
// Then, through the UI: the building list → the building page, the floor × unit table (rows,
// cells, occupancy colours and labels), a cell's drawer with its resident, the care-group colour
// mode, the rentals list's 打印门牌, and the door sign opened without any session: no tenant
// names, the landlord's mobile masked. Each step leaves a screenshot in test-results/e2e/.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { baseUrl, DEMO_PASSWORD, launchBrowser, loginThroughForm, openPage, shot, type TestPage } from './support/browser.ts';

interface Cell { dwellingId: number; unitNumber: number; number: string; occupancy: string; residents: number; tags: string[] }
interface FloorPlan { units: { number: number; label: string }[]; floors: { floor: number; cells: Cell[][] }[] }

/** A logged-in JSON client that can write too (the shared helper only reads). */
async function apiAs(username: string) {
  const res = await fetch(`${baseUrl()}/api/v1/auth/login`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ login: username, password: DEMO_PASSWORD }),
  });
  if (res.status !== 200) throw new Error(`login ${username}: ${res.status}`);
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0];
  const user = ((await res.json()) as { user: { scopeRegion: { id: number; name: string } } }).user;
  const call = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const r = await fetch(`${baseUrl()}/api/v1${path}`, {
      method, headers: { cookie, accept: 'application/json', ...(body ? { 'content-type': 'application/json' } : {}) }, body: body ? JSON.stringify(body) : undefined,
    });
    const text = await r.text();
    if (!r.ok) throw new Error(`${method} ${path}: ${r.status} ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  };
  return { user, get: <T>(p: string) => call<T>('GET', p), post: <T>(p: string, b: unknown) => call<T>('POST', p, b), patch: <T>(p: string, b: unknown) => call<T>('PATCH', p, b) };
}

/** A valid (synthetic) citizen ID number: GB 11643 check digit over 17 digits. */
function idNumber(first17: string): string {
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...first17].reduce((a, ch, i) => a + Number(ch) * w[i], 0);
  return first17 + '10X98765432'[sum % 11];
}

/** The colours FloorPlan.tsx paints (as the browser reports them). */
const BG = { owner: 'rgb(219, 233, 247)', rental: 'rgb(253, 227, 196)', vacant: 'rgb(240, 240, 240)', commercial: 'rgb(233, 220, 245)', tagged: 'rgb(255, 216, 210)', untagged: 'rgb(250, 250, 250)' };
const LABEL: Record<string, string> = { owner: '自住', rental: '出租', vacant: '空置', commercial: '商用' };
/** Runs in the page (no DOM types in the test build): an element's painted background colour. */
const background = (el: unknown) => (globalThis as unknown as { getComputedStyle(e: unknown): { backgroundColor: string } }).getComputedStyle(el).backgroundColor;
const bgOf = (page: Page, testId: string) => page.getByTestId(testId).evaluate(background);
/** Waits until a sliding panel stops moving (so a screenshot shows it in place). */
async function settled(page: Page, testId: string): Promise<void> {
  let last = -1;
  await expect.poll(async () => {
    const x = (await page.getByTestId(testId).boundingBox())?.x ?? -2;
    const still = x === last;
    last = x;
    return still;
  }, { interval: 150 }).toBe(true);
}

let browser: Browser;
beforeAll(async () => { browser = await launchBrowser(); });
afterAll(async () => { await browser?.close(); });

describe('sq01: a building\'s floor × unit table, a dwelling drawer, and the public door sign', () => {
  let t: TestPage;
  const suffix = String(Date.now() % 100000);
  const number = `E2E${suffix}栋`;
  let buildingId: number;
  let plan: FloorPlan;
  let byRoom: Record<string, Cell>;
  let elderly: { id: number; name: string };
  let tenant: { id: number; name: string };
  let careGroup: { code: string; nameZh: string };
  let rental: { id: number; postingCode: string };

  beforeAll(async () => {
    t = await openPage(browser);
    const api = await apiAs('sq01');
    const community = api.user.scopeRegion;
    const grid = (await api.get<{ items: { id: number; level: number; archived: boolean }[] }>(`/regions/${community.id}/children`)).items.find((g) => g.level === 5 && !g.archived)!;
    careGroup = (await api.get<{ items: { code: string; nameZh: string; active: boolean }[] }>('/care-groups')).items.find((g) => g.active)!;
    const estate = await api.post<{ id: number }>('/estates', { regionId: community.id, name: `测试家园${suffix}`, address: '幸福路 18 号', age: 'old' });
    const b = await api.post<{ id: number }>('/buildings', { regionId: grid.id, estateId: estate.id, number, address: '幸福路 18 号', floors: 4, unitCount: 3 });
    buildingId = b.id;
    const gen = await api.post<{ created: number }>(`/buildings/${b.id}/dwellings/generate`, { floors: [1, 4], perUnitPerFloor: 2, area: 86 });
    expect(gen.created).toBe(24);
    const first = await api.get<FloorPlan>(`/buildings/${b.id}/floor-plan`);
    const rooms = Object.fromEntries(first.floors.flatMap((f) => f.cells.flat()).map((c) => [`${c.unitNumber}-${c.number}`, c]));
    // Mixed occupancy: every kind appears, in different units and floors.
    const occupancy: Record<string, string> = { '1-101': 'commercial', '1-302': 'rental', '2-201': 'owner', '2-402': 'vacant', '3-401': 'owner', '3-102': 'rental' };
    for (const [room, occ] of Object.entries(occupancy)) {
      const d = await api.get<{ id: number; version: number }>(`/dwellings/${rooms[room].dwellingId}`);
      await api.patch(`/dwellings/${d.id}`, { version: d.version, occupancy: occ });
    }
    const serial = String(100 + (Number(suffix) % 900));
    elderly = await api.post('/residents', {
      name: '李秀英', ethnicity: '汉族', idNumber: idNumber(`11010119420302${serial}`), residenceType: 'registered', householdRole: 'head',
      tags: [careGroup.code], dwellingId: rooms['2-201'].dwellingId, mobile: '13912345678',
    });
    tenant = await api.post('/residents', {
      name: '赵明远', ethnicity: '汉族', idNumber: idNumber(`11010119900715${serial}`), residenceType: 'migrant', householdRole: 'tenant', dwellingId: rooms['1-302'].dwellingId,
    });
    rental = await api.post('/rentals', { dwellingId: rooms['1-302'].dwellingId, landlordName: '王建国', landlordMobile: '13812345678', leaseStart: '2026-03-01', leaseEnd: '2027-02-28', monthlyRent: 1800 });
    plan = await api.get<FloorPlan>(`/buildings/${b.id}/floor-plan`);
    byRoom = Object.fromEntries(plan.floors.flatMap((f) => f.cells.flat()).map((c) => [`${c.unitNumber}-${c.number}`, c]));
    expect(byRoom['2-201'].tags).toContain(careGroup.code);
  });
  afterAll(async () => { await t?.context.close(); });

  it('finds the building in the list and opens its 楼盘表: 4 floors, 3 units, 24 cells coloured by occupancy', async () => {
    const { page } = t;
    await loginThroughForm(page, 'sq01');
    await page.getByTestId('nav').getByText('楼栋', { exact: true }).click();
    await page.waitForURL(/\/buildings$/);
    await page.getByTestId('building-query').locator('input').fill(number);
    await page.getByTestId('building-query').locator('input').press('Enter');
    const link = page.getByTestId(`building-link-${buildingId}`);
    await link.waitFor();
    await shot(page, 'buildings-list');
    await link.click();
    await page.waitForURL(new RegExp(`/buildings/${buildingId}$`));

    await expect.poll(() => page.getByTestId('building-title').textContent()).toContain(number);
    await expect.poll(() => page.getByTestId('building-breadcrumb').textContent()).toContain('华坪社区');
    const table = page.getByTestId('floor-plan');
    await table.waitFor();
    // Rows top floor first, one per floor; one header per unit; one cell per dwelling.
    const rows = table.locator('tbody tr');
    expect(await rows.count()).toBe(4);
    expect(await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-testid')))).toEqual(['floor-row-4', 'floor-row-3', 'floor-row-2', 'floor-row-1']);
    expect(await table.locator('thead th').allTextContents()).toEqual(['楼层', '1单元', '2单元', '3单元']);
    expect(await table.locator('[data-testid^="dwelling-cell-"]').count()).toBe(24);

    for (const c of Object.values(byRoom)) {
      const cell = page.getByTestId(`dwelling-cell-${c.dwellingId}`);
      expect(await cell.getAttribute('data-occupancy')).toBe(c.occupancy);
      expect(await cell.textContent()).toContain(LABEL[c.occupancy]);
    }
    for (const [room, occ] of [['1-101', 'commercial'], ['1-302', 'rental'], ['3-102', 'rental'], ['2-201', 'owner'], ['2-402', 'vacant']] as const) {
      expect(byRoom[room].occupancy).toBe(occ);
      expect(await bgOf(page, `dwelling-cell-${byRoom[room].dwellingId}`)).toBe(BG[occ]);
    }
    // The 1-302 cell sits in the 3F row under unit 1, and counts its one resident.
    const row3 = page.getByTestId('floor-row-3');
    expect(await row3.getByTestId(`dwelling-cell-${byRoom['1-302'].dwellingId}`).count()).toBe(1);
    expect(await page.getByTestId(`dwelling-cell-${byRoom['1-302'].dwellingId}`).getAttribute('data-residents')).toBe('1');
    const counts = (occ: string) => Object.values(byRoom).filter((c) => c.occupancy === occ).length;
    expect((await page.getByTestId('legend-rental').textContent())?.trim()).toBe(`出租 ${counts('rental')}`);
    expect((await page.getByTestId('legend-commercial').textContent())?.trim()).toBe(`商用 ${counts('commercial')}`);
    await shot(page, 'building-floor-plan');
  });

  it('opens a cell: the drawer shows the dwelling and the resident living there', async () => {
    const { page } = t;
    await page.getByTestId(`dwelling-cell-${byRoom['2-201'].dwellingId}`).click();
    const drawer = page.getByTestId('dwelling-drawer');
    await page.getByTestId('dwelling-facts').waitFor();
    await expect.poll(() => drawer.locator('.ant-drawer-title').textContent()).toContain('2单元 201');
    const facts = await page.getByTestId('dwelling-facts').textContent();
    expect(facts).toContain('86');
    expect(facts).toContain('自住');
    const who = page.getByTestId(`occupant-${elderly.id}`);
    await who.waitFor();
    expect(await who.textContent()).toBe('李秀英');
    expect(await who.getAttribute('href')).toBe(`/residents/${elderly.id}`);
    const residents = await page.getByTestId('dwelling-residents').textContent();
    expect(residents).toContain(careGroup.nameZh);
    expect(residents).not.toMatch(/\d{17}[\dX]/); // ID numbers masked
    await settled(page, 'dwelling-facts');
    await shot(page, 'building-dwelling-drawer');
    await page.locator('.ant-drawer-close:visible').click();
    await page.getByTestId('dwelling-facts').waitFor({ state: 'detached' });
  });

  it('colours by care group: only the cell with a care-group member is highlighted, its tooltip names the group', async () => {
    const { page } = t;
    await page.getByTestId('mode-tags').click();
    const tagged = page.getByTestId(`dwelling-cell-${byRoom['2-201'].dwellingId}`);
    await expect.poll(() => tagged.evaluate(background)).toBe(BG.tagged);
    expect(await tagged.textContent()).toContain(careGroup.nameZh);
    for (const room of ['1-302', '1-101', '3-401']) expect(await bgOf(page, `dwelling-cell-${byRoom[room].dwellingId}`)).toBe(BG.untagged);
    expect((await page.getByTestId('legend-tagged').textContent())?.trim()).toBe('有关爱对象 1');
    await tagged.hover();
    const tip = page.locator('.ant-tooltip:visible');
    await expect.poll(() => tip.textContent()).toContain(careGroup.nameZh);
    await shot(page, 'building-care-group-mode');
  });

  it('打印门牌 on the rentals list opens the door sign', async () => {
    const { page } = t;
    await page.goto('/rentals');
    // The demo city has hundreds of rentals: find ours by its estate, as an office would.
    await page.getByTestId('rental-query').locator('input').fill(`测试家园${suffix}`);
    await page.getByTestId('rental-query').locator('input').press('Enter');
    await page.getByTestId(`rental-print-${rental.id}`).waitFor();
    await shot(page, 'rentals-list');
    const [popup] = await Promise.all([page.context().waitForEvent('page'), page.getByTestId(`rental-print-${rental.id}`).click()]);
    await popup.waitForURL(new RegExp(`/posting/${rental.postingCode}$`));
    await popup.getByTestId('posting-card').waitFor();
    await popup.close();
  });

  it('shows the door sign without any session: address and lease, no tenant names, the landlord mobile masked', async () => {
    const anon = await openPage(browser, { width: 1000, height: 900 });
    try {
      const { page } = anon;
      const me = await page.request.get('/api/v1/auth/me');
      expect(me.status()).toBe(401);
      await page.goto(`/posting/${rental.postingCode}`);
      const card = page.getByTestId('posting-card');
      await card.waitFor();
      expect(page.url()).toMatch(new RegExp(`/posting/${rental.postingCode}$`)); // not sent to /login
      expect(await page.getByTestId('posting-title').textContent()).toBe('出租屋信息公示牌');
      expect(await page.getByTestId('posting-address').textContent()).toContain(`${number} 1单元 302`);
      expect(await page.getByTestId('posting-lease').textContent()).toContain('2026-03-01');
      expect(await page.getByTestId('posting-tenants').textContent()).toContain('1 人');
      const mobile = (await page.getByTestId('posting-mobile').textContent()) ?? '';
      expect(mobile).toMatch(/138\*{4}5678/);
      const text = (await page.locator('body').textContent()) ?? '';
      expect(text).not.toContain('13812345678');
      expect(text).not.toContain(tenant.name);
      expect(text).not.toContain('王建国'); // landlord name masked too
      expect(text).not.toContain(elderly.name);
      expect(await page.getByTestId('posting-code').textContent()).toBe(rental.postingCode);
      await shot(page, 'posting-public');
      // Print view: only the card is left.
      await page.emulateMedia({ media: 'print' });
      expect(await page.getByTestId('posting-print').isVisible()).toBe(false);
      expect(await card.isVisible()).toBe(true);
      await shot(page, 'posting-print-view');
      expect(anon.errors).toEqual([]);
    } finally {
      await anon.context.close();
    }
  });
});
