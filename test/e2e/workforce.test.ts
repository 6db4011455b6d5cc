// The grid workforce in a real browser against a real `wangge serve`:
//   wgy01 (grid worker) opens the visit page on a phone whose GPS puts them OUTSIDE their grid,
//   checks in — the page shows the outside-the-boundary warning —, adds a resident of the grid,
//   walks into the grid and turns a problem found there into a case with one tap (the case code
//   shows), and checks out;
//   sq01 (community desk) opens the 5-3-10 board and finds wgy01 on it, with this visit counted;
//   sq01 finds the visit (flagged, with its case link) on the visits page and its map; sees the
//   grid teams with their gaps, registers a person, forms a stationed team (listed with its
//   problem: fewer than 3 members) and rates it in the quarterly review (full marks: 优秀).
// When the demo city has no worker record for wgy01 yet, the test registers one through the API
// (a full-time grid worker of wgy01's grid), so it does not depend on the demo's details.
// Screenshots of each step in test-results/e2e/.
import type { MultiPolygon, Polygon } from 'geojson';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { innerPoint, outsidePoint } from './support/geo.ts';
import { baseUrl, DEMO_PASSWORD, launchBrowser, loginThroughForm, openPage, shot, type TestPage } from './support/browser.ts';

interface RegionDetail { id: number; name: string; boundary: Polygon | MultiPolygon | null }
interface VisitView { id: number; worker: { id: number; name: string }; region: { id: number }; checkInOutside: boolean | null; checkOutAt: string | null; peopleCount: number; findings: { id: number; case: { id: number; code: string } | null }[] }
interface MeView { worker: { id: number; name: string } | null; openVisit: VisitView | null; grids: { id: number; name: string }[] }
interface Board { week: string; items: { worker: { id: number; name: string }; entries: number; qualifyingEntries: number; residents: number; compliant: boolean }[] }

/** A logged-in API client with the verbs the test needs. */
async function session(username: string) {
  const res = await fetch(`${baseUrl()}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ login: username, password: DEMO_PASSWORD }) });
  if (res.status !== 200) throw new Error(`API login ${username}: ${res.status} ${await res.text()}`);
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0];
  const user = ((await res.json()) as { user: { id: number; displayName: string; scopeRegion: { id: number; name: string } | null } }).user;
  const call = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const r = await fetch(`${baseUrl()}/api/v1${path}`, {
      method, headers: { cookie, accept: 'application/json', ...(body === undefined ? {} : { 'content-type': 'application/json' }) }, body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!r.ok) throw new Error(`${method} ${path}: ${r.status} ${await r.text()}`);
    return (await r.json()) as T;
  };
  return { user, get: <T>(p: string) => call<T>('GET', p), post: <T>(p: string, b: unknown = {}) => call<T>('POST', p, b) };
}

/** Wait until no table or card shows its loading veil (so a screenshot shows the data, not a grey wash). */
async function loaded(page: Page): Promise<void> {
  await expect.poll(() => page.locator('.ant-spin-blur, .ant-spin-spinning').count()).toBe(0);
}

/** Wait until a sliding panel (drawer) has stopped moving, so its screenshot is not caught mid-way. */
async function settled(page: Page, selector: string): Promise<void> {
  let last = '';
  await expect.poll(async () => {
    const box = JSON.stringify(await page.locator(selector).first().boundingBox());
    const same = box === last;
    last = box;
    return same;
  }, { interval: 150 }).toBe(true);
}

const today = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);



let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe('a visit checked in outside the grid, then the 5-3-10 board', () => {
  let grid: RegionDetail;
  let worker: { id: number; name: string };
  let visitId = 0;
  let caseCode = '';

  beforeAll(async () => {
    const wgy = await session('wgy01');
    const sq = await session('sq01');
    grid = await wgy.get<RegionDetail>(`/regions/${wgy.user.scopeRegion!.id}`);
    expect(grid.boundary).toBeTruthy();
    let me = await wgy.get<MeView>('/workforce/me');
    if (!me.worker || !me.grids.some((g) => g.id === grid.id)) {
      // No demo record (yet): the community registers wgy01 as a full-time grid worker of the grid.
      const w = me.worker ?? await sq.post<{ id: number }>('/workforce/workers', { name: wgy.user.displayName, userId: wgy.user.id, regionId: grid.id });
      await sq.post('/workforce/positions', { workerId: w.id, kind: 'gridWorkerFullTime', regionId: grid.id, startOn: today() });
      me = await wgy.get<MeView>('/workforce/me');
    }
    worker = me.worker!;
    // A visit left open by the demo would be shown instead of the check-in button: close it first.
    if (me.openVisit) await wgy.post(`/workforce/visits/${me.openVisit.id}/check-out`, {});
  });

  it('wgy01 checks in on the phone outside the grid, sees the warning, adds a resident and a case, and checks out', async () => {
    const [lng, lat] = outsidePoint(grid.boundary!);
    const context = await browser.newContext({
      baseURL: baseUrl(), viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2,
      locale: 'zh-CN', timezoneId: 'Asia/Shanghai', geolocation: { longitude: lng, latitude: lat, accuracy: 10 }, permissions: ['geolocation'],
    });
    context.setDefaultTimeout(20_000);
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
    page.on('console', (m) => { if (m.type() === 'error' && !/Failed to load resource/.test(m.text())) errors.push(`console: ${m.text()}`); });
    try {
      await loginThroughForm(page, 'wgy01');
      await page.goto('/m/visit');
      await page.getByTestId('visit-checkin').waitFor();
      await shot(page, 'workforce-visit-start');

      // A worker with several grids picks the one to enter (the demo may give wgy01 more than one).
      if (await page.getByTestId('visit-grid-option').count()) await page.getByTestId('visit-grid-option').filter({ hasText: grid.name }).click();
      await page.getByTestId('visit-check-in').click();
      await page.getByTestId('visit-open').waitFor();
      // The check-in is flagged: the phone says so, in words the worker understands.
      const warning = page.getByTestId('visit-outside-warning');
      await warning.waitFor();
      expect(await warning.textContent()).toContain('不在网格内');
      expect(await warning.textContent()).toContain(grid.name);
      await expect.poll(() => page.getByTestId('visit-open-map').getAttribute('data-ready')).toBe('true');
      await expect.poll(async () => /^\d\d:\d\d:\d\d$/.test((await page.getByTestId('visit-elapsed').textContent()) ?? '')).toBe(true);
      await shot(page, 'workforce-visit-outside');

      // A resident of the grid, found by the search box (the first page of the grid's residents).
      await page.getByTestId('visit-people-search').click();
      const option = page.locator('.ant-select-dropdown:visible .ant-select-item-option').first();
      await option.waitFor();
      await option.click();
      // Saved at once (PUT): on a cold server the first save can take a while.
      await page.getByTestId('visit-person').first().waitFor({ timeout: 60_000 });
      await expect.poll(() => page.getByTestId('visit-people').textContent()).toContain('走访对象（1 人）');

      // The worker walks into the grid, finds a problem there and turns it into a case with one
      // tap (the case is placed at the phone's new position): its code shows at once.
      const [inLng, inLat] = innerPoint(grid.boundary!);
      await context.setGeolocation({ longitude: inLng, latitude: inLat, accuracy: 10 });
      await page.getByTestId('finding-text').fill('3栋楼道灭火器过期，需要更换');
      await page.getByTestId('finding-to-case').click();
      const code = page.getByTestId('finding-case-code');
      await code.waitFor();
      caseCode = (await code.getAttribute('data-code'))!;
      expect(caseCode).toMatch(/^\d{6}-\d{8}-\d{4,}$/);
      await page.getByTestId('visit-notes').fill('走访独居老人，身体状况良好');
      await page.getByTestId('visit-findings').scrollIntoViewIfNeeded();
      await shot(page, 'workforce-visit-people-finding');

      await page.getByTestId('visit-check-out').click();
      await page.getByTestId('visit-check-out-confirm').click();
      await page.getByTestId('visit-done').waitFor();
      await page.getByTestId('visit-checkin').waitFor();
      expect(await page.getByTestId('visit-done-in').getAttribute('data-outside')).toBe('true');
      await shot(page, 'workforce-visit-done');
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }

    // What the server recorded: outside, checked out, one resident, the finding's case.
    const wgy = await session('wgy01');
    const list = await wgy.get<{ items: VisitView[] }>(`/workforce/visits?workerId=${worker.id}&limit=5`);
    const v = list.items[0];
    visitId = v.id;
    expect(v.checkInOutside).toBe(true);
    expect(v.checkOutAt).not.toBeNull();
    expect(v.peopleCount).toBeGreaterThanOrEqual(1);
    expect(v.findings.map((f) => f.case?.code)).toContain(caseCode);
  });

  it('sq01 opens the 5-3-10 board and finds wgy01 with this week’s visit counted', async () => {
    const sq = await session('sq01');
    const board = await sq.get<Board>('/workforce/rules/5310');
    const row = board.items.find((x) => x.worker.id === worker.id);
    expect(row, 'wgy01 on the board').toBeTruthy();
    expect(row!.entries).toBeGreaterThanOrEqual(1);

    const t = await openPage(browser);
    try {
      const { page } = t;
      await loginThroughForm(page, 'sq01');
      await page.goto('/workforce/boards');
      await page.getByTestId('board-summary').waitFor();
      // Narrowed to wgy01's grid, as a community desk looks at one grid's workers.
      await page.getByTestId('board-region').click();
      await page.keyboard.type(grid.name);
      await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: grid.name }).first().click();
      const mine = page.locator(`[data-testid="board-row"][data-worker="${worker.name}"]`).first();
      await mine.waitFor();
      expect(await mine.getAttribute('data-compliant')).toBe(String(row!.compliant));
      expect(await page.getByTestId('board-week').getAttribute('data-week')).toBe(board.week);
      await mine.scrollIntoViewIfNeeded();
      await loaded(page);
      await shot(page, 'workforce-board-5310');

      // The Excel export of the same week answers a workbook.
      const href = await page.getByTestId('board-export').getAttribute('href');
      const cookies = await t.context.cookies();
      const xlsx = await fetch(`${baseUrl()}${href}`, { headers: { cookie: cookies.map((c) => `${c.name}=${c.value}`).join('; ') } });
      expect(xlsx.status).toBe(200);
      expect(xlsx.headers.get('content-type')).toContain('spreadsheetml');

      await page.getByTestId('boards-tab-stationed').click();
      await page.locator('[data-testid="stationed-board-week"]').waitFor();
      await loaded(page);
      await shot(page, 'workforce-board-stationed');
      await page.getByTestId('boards-tab-deputies').click();
      await page.getByTestId('deputy-by-unit').waitFor();
      await loaded(page);
      await shot(page, 'workforce-board-deputies');
      expect(t.errors).toEqual([]);
    } finally {
      await t.context.close();
    }
  });

  it('sq01 finds the visit on the visits page, flagged, with its case link and the map of check-ins', async () => {
    const t = await openPage(browser);
    try {
      const { page } = t;
      await loginThroughForm(page, 'sq01');
      await page.goto('/workforce/visits');
      await page.getByTestId('visits-outside').click();
      const row = page.locator(`[data-testid="visit-row"][data-id="${visitId}"]`);
      await row.waitFor();
      expect(await row.getAttribute('data-outside')).toBe('true');
      await row.click();
      await page.getByTestId('visit-drawer-outside').waitFor();
      const link = page.getByTestId('visit-finding-case').filter({ hasText: caseCode });
      await link.waitFor();
      expect(await link.getAttribute('href')).toMatch(/^\/cases\/\d+$/);
      await expect.poll(() => page.getByTestId('visit-drawer-map').getAttribute('data-ready')).toBe('true');
      await settled(page, '.ant-drawer-content-wrapper');
      await loaded(page);
      await shot(page, 'workforce-visit-drawer');
      await page.keyboard.press('Escape');
      await page.getByTestId('visits-view-map').click();
      await expect.poll(() => page.getByTestId('visits-map').getAttribute('data-ready')).toBe('true');
      expect(Number(await page.getByTestId('visits-map').getAttribute('data-points'))).toBeGreaterThanOrEqual(1);
      await page.waitForTimeout(400);
      await shot(page, 'workforce-visits-map');
      expect(t.errors).toEqual([]);
    } finally {
      await t.context.close();
    }
  });

  it('sq01 sees the grid teams with their gaps, registers a person, forms a stationed team, and rates it in the quarterly review', async () => {
    const stamp = String(Date.now()).slice(-6);
    const person = `驻村队员${stamp}`;
    const teamName = `城管局驻华坪社区工作队${stamp}`;
    const t = await openPage(browser);
    try {
      const { page } = t;
      await loginThroughForm(page, 'sq01');

      // Each grid's team, gaps first; wgy01's grid shows wgy01 in its full team.
      await page.goto('/workforce/teams');
      const gridRow = page.locator(`[data-testid="team-row"][data-grid="${grid.id}"]`);
      await gridRow.waitFor();
      await loaded(page);
      await shot(page, 'workforce-teams');
      await gridRow.click();
      await page.getByTestId('grid-team-label').waitFor();
      await expect.poll(() => page.getByTestId('grid-team-drawer').textContent()).toContain(worker.name);
      await settled(page, '.ant-drawer-content-wrapper');
      await loaded(page);
      await shot(page, 'workforce-grid-team');
      await page.keyboard.press('Escape');

      // A new person, registered in sq01's community.
      await page.goto('/workforce/workers');
      await page.getByTestId('worker-create').click();
      await page.getByTestId('worker-form-name').fill(person);
      await page.getByTestId('worker-form-unit-kind').click();
      await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: '区直部门' }).click();
      await page.getByTestId('worker-form-unit').fill('区城市管理局');
      await page.getByTestId('worker-form-submit').click();
      await page.getByTestId('worker-form').waitFor({ state: 'detached' });
      await expect.poll(() => page.locator('.ant-drawer-title:visible').textContent()).toBe(person);
      await page.keyboard.press('Escape');
      await page.getByTestId('worker-drawer').waitFor({ state: 'hidden' });

      // A stationed team in the community: with one member it is listed with its problem (fewer than 3).
      await page.getByTestId('workers-tab-teams').click();
      await page.getByTestId('stationed-create').click();
      await page.getByTestId('team-form-name').fill(teamName);
      await page.getByTestId('team-form-region').click();
      await page.keyboard.type('华坪');
      await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: '华坪社区' }).first().click();
      await page.getByTestId('team-form-unit').fill('区城市管理局');
      await page.getByTestId('team-form-submit').click();
      await page.getByTestId('team-form').waitFor({ state: 'detached' });
      const teamRow = page.getByTestId('stationed-row').filter({ hasText: teamName });
      await teamRow.waitFor();
      await teamRow.getByTestId('stationed-add-member').click();
      await page.getByTestId('position-form-worker').click();
      await page.keyboard.type(person);
      await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: person }).first().click();
      await page.getByTestId('position-form-leader').check();
      await page.getByTestId('position-form-submit').click();
      await page.getByTestId('position-form').waitFor({ state: 'detached' });
      await expect.poll(() => teamRow.textContent()).toContain(person);
      expect(Number(await teamRow.getAttribute('data-problems'))).toBeGreaterThanOrEqual(1);
      await loaded(page);
      await shot(page, 'workforce-stationed-teams');

      // The community rates the team for this quarter: with full marks it ranks in the top 20% (优秀).
      await page.goto('/workforce/reviews');
      await page.getByTestId('reviews-kind-stationedTeam').click();
      const reviewRow = page.getByTestId('review-row').filter({ hasText: teamName });
      await reviewRow.waitFor();
      await reviewRow.getByTestId('review-rate-communityRatesSubject').click();
      await page.locator('input[data-testid="review-form-score"], [data-testid="review-form-score"] input').first().fill('100');
      await page.getByTestId('review-form-comment').fill('每周二按时驻点，群众反映好');
      await page.getByTestId('review-form-submit').click();
      await page.getByTestId('review-form').waitFor({ state: 'detached' });
      await expect.poll(() => reviewRow.getByTestId('review-score-communityRatesSubject').textContent()).toBe('100');
      const ranked = page.getByTestId('ranking-row').filter({ hasText: teamName });
      await ranked.waitFor();
      expect(await ranked.getAttribute('data-excellent')).toBe('true');
      await loaded(page);
      await shot(page, 'workforce-reviews');
      expect(t.errors).toEqual([]);
    } finally {
      await t.context.close();
    }
  });
});
