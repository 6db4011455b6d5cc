// One case through the whole loop (事件闭环), in a real browser against a real `wangge serve`, by
// the people who do each step on the pages they use:
//   a resident reports it from a phone (no account, 390×844) and gets a code;
//   sq01 (community desk) registers it and dispatches it to bm01's department on /cases/desk;
//   bm01 accepts it and posts the result with an after photo on /cases/tasks;
//   wgy01 (grid worker) verifies it on the phone page /m/grid;
//   sq01 closes it on the case page;
//   the resident follows it by code + mobile and gives 满意;
//   the case page shows every step.
// And 立即办 on /m/grid: the grid worker reports, photographs and closes a case in one flow.
// Screenshots of each step in test-results/e2e/.
import type { MultiPolygon, Polygon, Position } from 'geojson';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { innerPoint } from './support/geo.ts';
import { apiSession, baseUrl, DEMO_PASSWORD, launchBrowser, loginThroughForm, openPage, shot, type TestPage } from './support/browser.ts';

interface RegionDetail { id: number; name: string; boundary: Polygon | MultiPolygon | null }
interface CaseDetail {
  id: number; code: string; status: string; version: number; source: string; mode: string | null; result: string | null; satisfaction: string | null;
  department: { id: number; name: string } | null; photos: { kind: string }[]; timeline: { action: string; actorName: string }[];
}

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** A phone (390×844, touch) in Simplified Chinese whose GPS reports `at`; errors collected as openPage does. */
async function openPhone(at: Position): Promise<TestPage> {
  const context = await browser.newContext({
    baseURL: baseUrl(), viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2,
    locale: 'zh-CN', timezoneId: 'Asia/Shanghai', geolocation: { longitude: at[0], latitude: at[1], accuracy: 10 }, permissions: ['geolocation'],
  });
  context.setDefaultTimeout(20_000);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' && !/Failed to load resource/.test(m.text())) errors.push(`console: ${m.text()}`);
  });
  return { context, page, errors };
}

/** A real PNG (a coloured card with a word on it), as a phone camera would hand over a file. */
async function photo(color: string, word: string): Promise<Buffer> {
  const page = await browser.newPage({ viewport: { width: 320, height: 240 } });
  await page.setContent(`<body style="margin:0"><div style="width:320px;height:240px;background:${color};color:#fff;font:bold 48px sans-serif;display:flex;align-items:center;justify-content:center">${word}</div></body>`);
  const png = await page.screenshot({ type: 'png' });
  await page.close();
  return png;
}


/** Wait until a sliding panel (drawer, sheet) has stopped moving, so its screenshot is not caught mid-way. */
async function settled(page: Page, selector: string): Promise<void> {
  let last = '';
  await expect.poll(async () => {
    const box = JSON.stringify(await page.locator(selector).first().boundingBox());
    const same = box === last;
    last = box;
    return same;
  }, { interval: 150 }).toBe(true);
}

/** Open a case from a staff queue (desk or tasks): its row, by code, opens the drawer beside the list. */
async function openRow(page: Page, code: string): Promise<void> {
  await page.locator(`[data-testid="case-row"][data-code="${code}"]`).first().click();
  await page.locator('[data-testid="drawer-case"]').waitFor();
}

/** Take one step in the staff action panel: press its button, fill the modal, send it, wait for the new status. */
async function act(page: Page, action: string, fill: () => Promise<void>, status: string): Promise<void> {
  // Buttons inside a drawer or modal that is still sliding in can take a click meant for them on
  // the mask: wait for both to come to rest first.
  await settled(page, '[data-testid="drawer-case"], [data-testid="case-page"]');
  await page.getByTestId(`action-${action}`).click();
  await page.getByTestId('action-submit').waitFor();
  await settled(page, '[data-testid="action-submit"]');
  await fill();
  await page.getByTestId('action-submit').click();
  await page.locator(`[data-testid="drawer-case"][data-status="${status}"], [data-testid="case-page"][data-status="${status}"]`).first().waitFor();
}

/** A case as the API answers it to a user (to check what the pages did). */
async function caseAs(username: string, id: number): Promise<CaseDetail> {
  const s = await apiSession(username);
  return s.get<CaseDetail>(`/cases/${id}`);
}

/** POST as a user, or without an account when `username` is null; the answer's JSON. */
async function post<T>(username: string | null, path: string, body: unknown): Promise<T> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (username) {
    const login = await fetch(`${baseUrl()}/api/v1/auth/login`, { method: 'POST', headers, body: JSON.stringify({ login: username, password: DEMO_PASSWORD }) });
    headers.cookie = (login.headers.get('set-cookie') ?? '').split(';')[0];
  }
  const r = await fetch(`${baseUrl()}/api/v1${path}`, { method: 'POST', headers, body: JSON.stringify(body) });
  if (!r.ok) throw new Error(`POST ${path}: ${r.status} ${await r.text()}`);
  return (await r.json()) as T;
}

async function findCaseId(username: string, code: string): Promise<number> {
  const s = await apiSession(username);
  const r = await s.get<{ items: { id: number; code: string }[] }>(`/cases?view=all&q=${encodeURIComponent(code)}`);
  const hit = r.items.find((c) => c.code === code);
  if (!hit) throw new Error(`case ${code} not visible to ${username}`);
  return hit.id;
}

describe('one case through the whole loop: resident → desk → department → grid worker → desk → resident', () => {
  const mobile = `139${String(Date.now()).slice(-8)}`;
  const title = '华坪路口垃圾桶满溢';
  let at: Position;
  let grid: RegionDetail;
  let resident: TestPage;
  let code = '';
  let caseId = 0;

  beforeAll(async () => {
    const wgy = await apiSession('wgy01');
    grid = await wgy.get<RegionDetail>(`/regions/${wgy.user.scopeRegion!.id}`);
    at = innerPoint(grid.boundary!);
    resident = await openPhone(at);
  });
  afterAll(async () => {
    await resident?.context.close();
  });

  it('a resident reports a problem from a phone without an account and gets a code', async () => {
    const { page } = resident;
    await page.goto('/report');
    await page.getByTestId('report-form-title').fill(title);
    await page.getByTestId('report-form-description').fill('垃圾桶满溢三天无人清运，气味很大，影响居民出行。');

    // A file that is not an image is refused on the phone, with its name and the reason.
    await page.getByTestId('report-form-photos-input').setInputFiles({ name: '说明.txt', mimeType: 'text/plain', buffer: Buffer.from('not a photo') });
    await expect.poll(() => page.getByTestId('report-form-photos-error').textContent()).toContain('说明.txt');
    expect(await page.getByTestId('report-form-photos-thumb').count()).toBe(0);
    // A real image type but over 5 MB: refused with its size.
    const big = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(6 * 1024 * 1024)]);
    await page.getByTestId('report-form-photos-input').setInputFiles({ name: '大图.png', mimeType: 'image/png', buffer: big });
    await expect.poll(() => page.getByTestId('report-form-photos-error').textContent()).toMatch(/大图\.png.*6\.0 MB.*超过 5 MB/);
    expect(await page.getByTestId('report-form-photos-thumb').count()).toBe(0);
    await page.getByTestId('report-form-photos-input').setInputFiles({ name: 'scene.png', mimeType: 'image/png', buffer: await photo('#6d4c41', '现场') });
    await page.getByTestId('report-form-photos-thumb').waitFor();

    // Submitting without a point or a mobile is stopped at the form.
    await page.getByTestId('report-form-submit').click();
    await page.getByText('请在地图上标出问题位置').waitFor();
    await page.getByText('请填写手机号').waitFor();

    // "Use my location" takes the phone's GPS; a tap on the map (its centre, where the GPS put the view) adjusts it.
    await page.getByTestId('report-form-map-locate').click();
    await page.getByTestId('report-form-map-marker').waitFor();
    await page.getByTestId('report-form-map').tap();
    await page.getByTestId('report-form-address').fill('华坪路与新风路交叉口');
    await page.getByTestId('report-form-name').fill('王先生');
    await page.getByTestId('report-form-mobile').fill(mobile);
    await shot(page, 'loop-resident-report-form');
    await page.getByTestId('report-form-submit').click();

    const codeBox = page.getByTestId('report-code');
    await codeBox.waitFor();
    code = (await codeBox.textContent())!.trim();
    expect(code).toMatch(/^\d{6}-\d{8}-\d{4,}$/);
    expect(await page.getByTestId('report-photo-problem').count()).toBe(0);
    await shot(page, 'loop-resident-code');

    caseId = await findCaseId('sq01', code);
    const c = await caseAs('sq01', caseId);
    expect(c.status).toBe('reported');
    expect(c.source).toBe('resident');
    expect(c.photos.map((p) => p.kind)).toEqual(['scene']);
  });

  it('sq01 registers the case and dispatches it to bm01’s department on the dispatch desk', async () => {
    const t = await openPage(browser);
    try {
      const { page } = t;
      await loginThroughForm(page, 'sq01');
      await page.goto('/cases/desk');
      await page.getByTestId('desk-title').waitFor();
      // The demo city keeps a queue of its own: find the new case by its code, as a desk would.
      await page.getByTestId('filter-q').fill(code);
      await page.getByTestId('filter-q').press('Enter');
      await page.locator(`[data-testid="case-row"][data-code="${code}"]`).waitFor();
      await shot(page, 'loop-desk-queue');
      await openRow(page, code);
      await act(page, 'register', async () => {
        // The resident could not choose a category: the desk does (暴露垃圾 → 城管 is the default unit).
        await page.getByTestId('action-category').click();
        await page.keyboard.type('暴露垃圾');
        await page.locator('.ant-select-tree-treenode', { hasText: '暴露垃圾' }).first().click();
        await page.getByTestId('action-suggestion').waitFor();
        await shot(page, 'loop-desk-register');
      }, 'registered');

      const bm01 = await apiSession('bm01');
      const department = bm01.user as unknown as { department: { id: number; name: string } };
      await act(page, 'dispatch', async () => {
        const target = page.getByTestId('action-target');
        await expect.poll(() => target.textContent()).toContain(department.department.name);
        await shot(page, 'loop-desk-dispatch');
      }, 'dispatched');
      const c = await caseAs('sq01', caseId);
      expect(c.status).toBe('dispatched');
      expect(c.department?.id).toBe(department.department.id);
      expect(t.errors).toEqual([]);
    } finally {
      await t.context.close();
    }
  });

  it('bm01 accepts it and posts the result with an after photo on the task list', async () => {
    const t = await openPage(browser);
    try {
      const { page } = t;
      await loginThroughForm(page, 'bm01');
      await page.goto('/cases/tasks');
      await page.locator(`[data-testid="case-row"][data-code="${code}"]`).waitFor();
      await openRow(page, code);
      await act(page, 'accept', async () => undefined, 'handling');
      await act(page, 'handle', async () => {
        await page.getByTestId('action-result').fill('已安排环卫车辆清运，垃圾桶已清空并消毒，周边地面已冲洗。');
        await page.locator('[data-testid="action-photos"] input[type=file], [data-testid="action-modal"] input[type=file]').first()
          .setInputFiles({ name: 'after.png', mimeType: 'image/png', buffer: await photo('#2e7d32', '处置后') });
        await page.locator('[data-testid="action-modal"] .ant-upload-list-item').first().waitFor();
        await shot(page, 'loop-handler-result');
      }, 'handled');
      const c = await caseAs('bm01', caseId);
      expect(c.status).toBe('handled');
      expect(c.photos.map((p) => p.kind).sort()).toEqual(['after', 'scene']);
      expect(t.errors).toEqual([]);
    } finally {
      await t.context.close();
    }
  });

  it('wgy01 verifies the result on the grid worker’s phone page', async () => {
    const t = await openPhone(at);
    try {
      const { page } = t;
      await loginThroughForm(page, 'wgy01');
      await page.goto('/m/grid');
      const card = page.locator(`[data-testid="grid-case"][data-code="${code}"]`);
      await card.waitFor();
      expect(await card.getAttribute('data-status')).toBe('handled');
      await shot(page, 'loop-grid-todo');
      // 待核查 keeps only the cases waiting for the worker's own step.
      await page.getByTestId('grid-filter-verify').click();
      await card.waitFor();
      const statuses = await page.getByTestId('grid-case').evaluateAll((els) => els.map((e) => (e as unknown as { dataset: { status: string } }).dataset.status));
      expect(new Set(statuses)).toEqual(new Set(['handled']));
      await card.click();
      await page.locator('[data-testid="grid-sheet-body"][data-status="handled"]').waitFor();
      expect(await page.getByTestId('grid-sheet-result').textContent()).toContain('已安排环卫车辆清运');
      await page.locator('[data-testid="grid-sheet"] [data-testid="case-photo"][data-kind="after"]').first().waitFor();
      await settled(page, '.ant-drawer-content-wrapper');
      await shot(page, 'loop-grid-sheet');
      await page.getByTestId('grid-action-verifyPass').click();
      await page.getByTestId('grid-action-text').fill('现场复核：垃圾已清运，地面干净');
      await page.getByTestId('grid-action-submit').click();
      await page.locator('[data-testid="grid-sheet-body"][data-status="verified"]').waitFor();
      await shot(page, 'loop-grid-verified');
      expect((await caseAs('wgy01', caseId)).status).toBe('verified');
      expect(t.errors).toEqual([]);
    } finally {
      await t.context.close();
    }
  });

  it('sq01 closes the verified case on the case page', async () => {
    const t = await openPage(browser);
    try {
      const { page } = t;
      await loginThroughForm(page, 'sq01');
      await page.goto(`/cases/${caseId}`);
      await page.locator('[data-testid="case-page"][data-status="verified"]').waitFor();
      await act(page, 'close', async () => undefined, 'closed');
      expect((await caseAs('sq01', caseId)).status).toBe('closed');
      expect(t.errors).toEqual([]);
    } finally {
      await t.context.close();
    }
  });

  it('the resident follows the case by code and mobile and gives 满意', async () => {
    const { page } = resident;
    // A wrong mobile finds nothing (and says so), whatever the code.
    await page.goto('/follow');
    await page.getByTestId('follow-code').fill(code);
    await page.getByTestId('follow-mobile').fill('13800000000');
    await page.getByTestId('follow-submit').click();
    await page.getByTestId('follow-error').waitFor();

    await page.getByTestId('follow-mobile').fill(mobile);
    await page.getByTestId('follow-submit').click();
    await page.locator('[data-testid="follow-status"][data-status="closed"]').waitFor();
    expect(await page.getByTestId('follow-title').textContent()).toBe(title);
    expect(await page.getByTestId('follow-result-text').textContent()).toContain('已安排环卫车辆清运');
    expect(await page.getByTestId('follow-steps').getAttribute('data-current')).toBe('6');
    // The photos load with the resident's mobile as the proof (scene + after).
    await expect.poll(() => page.locator('[data-testid="follow-photos"] img').evaluateAll((imgs) =>
      imgs.filter((i) => (i as unknown as { naturalWidth: number }).naturalWidth > 0).length)).toBe(2);
    await page.getByTestId('follow-feedback').waitFor();
    await shot(page, 'loop-resident-follow');

    await page.getByTestId('feedback-submit').click();
    await page.getByText('请选择评价').waitFor();
    await page.getByTestId('feedback-satisfied').click();
    await page.getByTestId('feedback-note').fill('处理很及时，谢谢！');
    await page.getByTestId('feedback-submit').click();
    await expect.poll(() => page.getByTestId('follow-satisfaction').textContent()).toBe('满意');
    expect(await page.getByTestId('follow-feedback').count()).toBe(0);
    expect(await page.getByTestId('follow-steps').getAttribute('data-status')).toBe('finish');
    await shot(page, 'loop-resident-feedback');
    expect(resident.errors).toEqual([]);
  });

  it('the case page shows every step, in order, with who took it', async () => {
    const c = await caseAs('sq01', caseId);
    expect(c.status).toBe('closed');
    expect(c.satisfaction).toBe('satisfied');
    const t = await openPage(browser);
    try {
      const { page } = t;
      await loginThroughForm(page, 'sq01');
      await page.goto(`/cases/${caseId}`);
      await page.locator('[data-testid="case-page"][data-status="closed"]').waitFor();
      const steps = await page.locator('[data-testid="timeline-item"]').evaluateAll((els) => els.map((e) => (e as unknown as { dataset: { action: string } }).dataset.action));
      const loop = ['report', 'register', 'dispatch', 'accept', 'handle', 'verifyPass', 'close', 'feedback'];
      expect(steps.filter((s) => loop.includes(s))).toEqual(loop);
      const actors = await page.getByTestId('timeline-actor').allTextContents();
      expect(actors.join(' ')).toContain('王先生');
      await page.getByTestId('case-timeline').scrollIntoViewIfNeeded();
      await shot(page, 'loop-case-page');
      expect(t.errors).toEqual([]);
    } finally {
      await t.context.close();
    }
  });
});

describe('立即办 on the grid worker’s phone page: report, photos and close in one flow', () => {
  it('wgy01 fixes a problem on the spot and the case is closed with before and after photos', async () => {
    const wgy = await apiSession('wgy01');
    const grid = await wgy.get<RegionDetail>(`/regions/${wgy.user.scopeRegion!.id}`);
    const t = await openPhone(innerPoint(grid.boundary!));
    try {
      const { page } = t;
      await loginThroughForm(page, 'wgy01', DEMO_PASSWORD);
      await page.goto('/m/grid');
      await page.getByTestId('grid-tab-immediate').click();
      await page.getByTestId('immediate-form').waitFor();
      // The worker's grid is drawn: the map names where the point falls.
      await page.getByTestId('immediate-form-title').fill('楼道堆放杂物堵塞通道');
      await page.getByTestId('immediate-form-photos-input').setInputFiles({ name: 'before.png', mimeType: 'image/png', buffer: await photo('#795548', '处置前') });
      await page.getByTestId('immediate-form-map-locate').click();
      await page.getByTestId('immediate-form-map-marker').waitFor();
      await expect.poll(() => page.getByTestId('immediate-form-map-status').textContent()).toMatch(/位于：/);

      // Without the result and an after photo the step cannot go.
      await page.getByTestId('immediate-form-submit').click();
      await page.getByText('请填写处置结果').waitFor();
      await page.getByText('请至少上传一张处置后照片').waitFor();
      await page.getByTestId('immediate-form-result').fill('已联系住户当场清理，楼道恢复畅通');
      await page.getByTestId('immediate-form-after-input').setInputFiles({ name: 'after.png', mimeType: 'image/png', buffer: await photo('#558b2f', '处置后') });
      await page.getByTestId('immediate-form-after-thumb').waitFor();
      await page.getByText('请至少上传一张处置后照片').waitFor({ state: 'detached' });
      await shot(page, 'immediate-form');
      await page.getByTestId('immediate-form-submit').click();

      const done = page.getByTestId('grid-done-code');
      await done.waitFor();
      const code = (await done.getAttribute('data-code'))!;
      await shot(page, 'immediate-done');
      await page.getByTestId('grid-done-open').click();
      await page.locator('[data-testid="grid-sheet-body"][data-status="closed"]').waitFor();
      await settled(page, '.ant-drawer-content-wrapper');
      await shot(page, 'immediate-sheet');

      const id = await findCaseId('wgy01', code);
      const c = await caseAs('wgy01', id);
      expect(c.status).toBe('closed');
      expect(c.source).toBe('patrol');
      expect(c.mode).toBe('immediate');
      expect(c.result).toBe('已联系住户当场清理，楼道恢复畅通');
      expect(c.photos.map((p) => p.kind).sort()).toEqual(['after', 'before']);
      expect(c.timeline.map((e) => e.action)).toEqual(['report', 'resolveOnSpot']);
      expect(t.errors).toEqual([]);
    } finally {
      await t.context.close();
    }
  });
});

describe('a duplicate report, merged by the desk, is followed through its original', () => {
  it('the resident of the duplicate sees that it was merged, and the original’s progress', async () => {
    const wgy = await apiSession('wgy01');
    const grid = await wgy.get<RegionDetail>(`/regions/${wgy.user.scopeRegion!.id}`);
    const [lng, lat] = innerPoint(grid.boundary!);
    const stamp = String(Date.now()).slice(-8);
    const first = await post<{ code: string }>(null, '/public/cases', { title: '路灯不亮', description: '3栋前路灯坏了', lng, lat, reporterMobile: `137${stamp}` });
    const dupMobile = `136${stamp}`;
    const dup = await post<{ code: string }>(null, '/public/cases', { title: '路灯坏了', description: '晚上很黑', lng, lat, reporterMobile: dupMobile, anonymous: true });
    const originalId = await findCaseId('sq01', first.code);
    const dupId = await findCaseId('sq01', dup.code);
    await post('sq01', `/cases/${originalId}/actions/register`, { version: (await caseAs('sq01', originalId)).version, categoryId: await streetLightCategory(), mode: 'transfer' });
    await post('sq01', `/cases/${dupId}/actions/merge`, { version: (await caseAs('sq01', dupId)).version, duplicateOfId: originalId });

    const t = await openPhone([lng, lat]);
    try {
      const { page } = t;
      await page.goto(`/follow?code=${encodeURIComponent(dup.code)}`);
      await page.getByTestId('follow-mobile').fill(dupMobile);
      await page.getByTestId('follow-submit').click();
      const merged = page.getByTestId('follow-merged');
      await merged.waitFor();
      // The code is shown with non-breaking hyphens so it never wraps; compare the digits.
      expect((await merged.textContent())!.replace(/\u2011/g, '-')).toContain(first.code);
      expect(await page.getByTestId('follow-status').getAttribute('data-status')).toBe('registered');
      expect(await page.getByTestId('follow-feedback').count()).toBe(0);
      await shot(page, 'merged-follow');
      expect(t.errors).toEqual([]);
    } finally {
      await t.context.close();
    }
  });
});

/** A subcategory id from the catalogue (路灯 when the catalogue has it, else the first one). */
async function streetLightCategory(): Promise<number> {
  const s = await apiSession('sq01');
  const tree = await s.get<{ id: number; nameZh: string; children?: { id: number; nameZh: string }[] }[]>('/case-categories');
  const subs = tree.flatMap((c) => c.children ?? []);
  return (subs.find((c) => c.nameZh.includes('路灯')) ?? subs[0]).id;
}
