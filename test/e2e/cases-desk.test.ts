// The desk side of the case loop in a real browser against a real `wangge serve`:
// (1) a 会商办 (joint) case with two assisting departments: wgy01 reports it on patrol; sq01 registers
//     it on /cases/desk with mode joint and dispatches it to bm01's department with bm02's and
//     bm03's departments assisting; bm01 accepts it on /cases/tasks and is refused (with a clear
//     message) when posting the result before the assists; bm02 and bm03 post their parts; bm01
//     posts the result with an after photo; wgy01 verifies and sq01 closes it on the case page,
//     whose timeline then shows every step with who did it.
// (2) the desk queue shows each case's stage clock, and a case a department returns comes back
//     to the top of the queue, marked, with the reason.
// Screenshots of each step in test-results/e2e/.
import type { MultiPolygon, Polygon } from 'geojson';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { baseUrl, DEMO_PASSWORD, launchBrowser, loginThroughForm, openPage, shot, type TestPage } from './support/browser.ts';

interface Named { id: number; name: string }
interface CaseView {
  id: number; code: string; status: string; mode: string | null; version: number; department: Named | null; returnCount: number;
  units: { department: Named; role: string; part: string | null; postedAt: string | null }[];
  photos: { kind: string }[]; timeline: { action: string; actorName: string; actorKind: string }[];
}

/** A logged-in JSON client (the shared helper only reads). */
async function apiAs(username: string) {
  const res = await fetch(`${baseUrl()}/api/v1/auth/login`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ login: username, password: DEMO_PASSWORD }),
  });
  if (res.status !== 200) throw new Error(`login ${username}: ${res.status}`);
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0];
  const user = ((await res.json()) as { user: { displayName: string; scopeRegion: Named | null; department: Named | null } }).user;
  const call = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const r = await fetch(`${baseUrl()}/api/v1${path}`, {
      method, headers: { cookie, accept: 'application/json', ...(body ? { 'content-type': 'application/json' } : {}) }, body: body ? JSON.stringify(body) : undefined,
    });
    const text = await r.text();
    if (!r.ok) throw new Error(`${method} ${path}: ${r.status} ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  };
  return { user, get: <T>(p: string) => call<T>('GET', p), post: <T>(p: string, b: unknown) => call<T>('POST', p, b) };
}

/** A point well inside a grid: the middle of its bounding box, nudged towards the first vertex until inside. */
function pointIn(g: Polygon | MultiPolygon): [number, number] {
  const ring = g.type === 'Polygon' ? g.coordinates[0] : g.coordinates[0][0];
  const xs = ring.map((p) => p[0]), ys = ring.map((p) => p[1]);
  const inside = (x: number, y: number) => {
    let hit = false;
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [xi, yi] = ring[i], [xj, yj] = ring[j];
      if ((yi > y) !== (yj > y) && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) hit = !hit;
    }
    return hit;
  };
  let [x, y] = [(Math.min(...xs) + Math.max(...xs)) / 2, (Math.min(...ys) + Math.max(...ys)) / 2];
  for (let k = 0; k < 20 && !inside(x, y); k++) { x = (x + ring[0][0]) / 2; y = (y + ring[0][1]) / 2; }
  return [x, y];
}

let browser: Browser;
beforeAll(async () => { browser = await launchBrowser(); });
afterAll(async () => { await browser?.close(); });

async function photo(color: string, word: string): Promise<Buffer> {
  const page = await browser.newPage({ viewport: { width: 320, height: 240 } });
  await page.setContent(`<body style="margin:0"><div style="width:320px;height:240px;background:${color};color:#fff;font:bold 44px sans-serif;display:flex;align-items:center;justify-content:center">${word}</div></body>`);
  const png = await page.screenshot({ type: 'png' });
  await page.close();
  return png;
}

const row = (page: Page, code: string) => page.locator(`[data-testid="case-row"][data-code="${code}"]`);

async function openRow(page: Page, code: string): Promise<void> {
  await row(page, code).first().click();
  await page.locator(`[data-testid="drawer-case"]`).waitFor();
}

/** One step through the action panel: its button, the form, send, then the case in its new status. */
async function act(page: Page, action: string, fill: () => Promise<void>, status: string): Promise<void> {
  await page.getByTestId(`action-${action}`).click();
  await page.getByTestId('action-submit').waitFor();
  await fill();
  await page.getByTestId('action-submit').click();
  await page.locator(`[data-testid="drawer-case"][data-status="${status}"], [data-testid="case-page"][data-status="${status}"]`).first().waitFor();
  await page.getByTestId('action-submit').waitFor({ state: 'hidden' });
}

/** Pick options in the antd select with this test id, by their visible text. */
async function pick(page: Page, testId: string, ...texts: string[]): Promise<void> {
  await page.getByTestId(testId).click();
  // The list just opened is the last one in the page; earlier ones may still be fading out.
  const list = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)').last();
  for (const text of texts) await list.locator('.ant-select-item-option', { hasText: text }).first().click();
  // Close a multiple select's list so it does not cover the form.
  if (texts.length > 1) await page.keyboard.press('Escape');
  await list.waitFor({ state: 'hidden' });
}

/** Type into a search box (an antd Input carries its test id on the input or on its wrapper) and press Enter. */
async function search(page: Page, testId: string, text: string): Promise<void> {
  const box = page.locator(`input[data-testid="${testId}"], [data-testid="${testId}"] input`).first();
  await box.fill(text);
  await box.press('Enter');
  await page.waitForURL((u) => u.searchParams.get('q') === text);
}

async function signIn(username: string): Promise<TestPage> {
  const t = await openPage(browser);
  await loginThroughForm(t.page, username);
  return t;
}

describe('a 会商办 case with two assisting departments, from the desk to closing', () => {
  const sfx = String(Date.now() % 100000);
  let sq01: Awaited<ReturnType<typeof apiAs>>;
  let depts: { lead: Named; a: Named; b: Named };
  let c: CaseView;

  beforeAll(async () => {
    sq01 = await apiAs('sq01');
    const [bm01, bm02, bm03, wgy01] = await Promise.all([apiAs('bm01'), apiAs('bm02'), apiAs('bm03'), apiAs('wgy01')]);
    depts = { lead: bm01.user.department!, a: bm02.user.department!, b: bm03.user.department! };
    const grid = await wgy01.get<{ boundary: Polygon | MultiPolygon }>(`/regions/${wgy01.user.scopeRegion!.id}`);
    const [lng, lat] = pointIn(grid.boundary);
    // 占道经营 at a market gate: street order (城管) with market supervision and police assisting.
    const tree = await sq01.get<{ nameZh: string; children?: { id: number; nameZh: string }[] }[]>('/case-categories');
    const category = tree.flatMap((p) => p.children ?? []).find((x) => x.nameZh === '占道经营')!;
    c = await wgy01.post<CaseView>('/cases', {
      source: 'patrol', title: `农贸市场门口占道经营${sfx}`, description: '早市摊贩占用消防通道和人行道，涉及无证食品摊点，高峰期有推搡。',
      categoryId: category.id, lng, lat, address: '华坪农贸市场东门',
    });
    expect(c.status).toBe('reported');
  });

  it('sq01 registers it as 会商办 and dispatches it to a lead unit with two assisting units', async () => {
    const t = await signIn('sq01');
    try {
      const { page } = t;
      await page.getByTestId('nav').getByText('受理台', { exact: true }).click();
      await page.waitForURL(/\/cases\/desk$/);
      // The demo city keeps its own queue: find ours by its code.
      await search(page, 'filter-q', c.code);
      await row(page, c.code).waitFor();
      await page.locator(`[data-testid="case-row"][data-code="${c.code}"] [data-testid="desk-hint"]`).waitFor();
      await shot(page, 'desk-joint-queue');
      await openRow(page, c.code);
      await act(page, 'register', async () => {
        await pick(page, 'action-mode', '会商办');
        await shot(page, 'desk-joint-register');
      }, 'registered');
      await act(page, 'dispatch', async () => {
        // The lead is suggested from the category (占道经营 → 城管); the assisting units are picked here.
        await page.getByTestId('action-assists').waitFor();
        await expect.poll(() => page.getByTestId('action-target').textContent()).toContain(depts.lead.name);
        await pick(page, 'action-assists', depts.a.name, depts.b.name);
        await expect.poll(() => page.getByTestId('action-assists').textContent()).toContain(depts.b.name);
        await shot(page, 'desk-joint-dispatch');
      }, 'dispatched');
      const units = page.locator('[data-testid="drawer-case"] [data-testid="case-unit"]');
      await expect.poll(() => units.count()).toBe(3);
      await shot(page, 'desk-joint-dispatched');
      const now = await sq01.get<CaseView>(`/cases/${c.id}`);
      expect(now.mode).toBe('joint');
      expect(now.department?.id).toBe(depts.lead.id);
      expect(now.units.filter((u) => u.role === 'assist').map((u) => u.department.id).sort()).toEqual([depts.a.id, depts.b.id].sort());
      expect(t.errors).toEqual([]);
    } finally {
      await t.context.close();
    }
  });

  it('bm01 accepts it and cannot post the result before both assisting units posted their parts', async () => {
    const t = await signIn('bm01');
    try {
      const { page } = t;
      await page.getByTestId('nav').getByText('我的任务', { exact: true }).click();
      await page.waitForURL(/\/cases\/tasks/);
      await search(page, 'tasks-search', c.code);
      await page.locator(`[data-testid="tasks-toAccept"] [data-testid="case-row"][data-code="${c.code}"]`).waitFor();
      await shot(page, 'tasks-to-accept');
      await openRow(page, c.code);
      await act(page, 'accept', async () => undefined, 'handling');
      await page.getByTestId('action-handle').click();
      await page.getByTestId('action-result').fill('已联合取缔占道摊点，恢复消防通道。');
      await page.getByTestId('action-submit').click();
      const error = page.getByTestId('action-error');
      await error.waitFor();
      const text = (await error.textContent()) ?? '';
      expect(text).toContain('协办单位尚未提交');
      expect(text).toContain(depts.a.name);
      expect(text).toContain(depts.b.name);
      await shot(page, 'tasks-handle-refused');
      await page.locator('.ant-modal-close').click();
      await page.getByTestId('action-submit').waitFor({ state: 'hidden' });
      expect((await sq01.get<CaseView>(`/cases/${c.id}`)).status).toBe('handling');
      expect(t.errors).toEqual([]);
    } finally {
      await t.context.close();
    }
  });

  for (const [user, dept, part] of [
    ['bm02', 'a', '市场监管：对3户无证食品摊点立案调查，已责令停止经营。'],
    ['bm03', 'b', '公安：派出所民警早市时段驻点维持秩序，未发现治安案件。'],
  ] as const) {
    it(`${user} posts its assisting part from the 协办与报到 tab`, async () => {
      const t = await signIn(user);
      try {
        const { page } = t;
        await page.goto(`/cases/tasks?tab=assists&q=${c.code}`);
        const r = page.locator(`[data-testid="tasks-assists"] [data-testid="case-row"][data-code="${c.code}"]`);
        await r.waitFor();
        await r.locator('[data-testid="task-need-part"]').waitFor();
        await shot(page, `tasks-assist-${user}`);
        await openRow(page, c.code);
        await page.getByTestId('action-postPart').click();
        await page.getByTestId('action-note').fill(part);
        await page.getByTestId('action-submit').click();
        await page.getByTestId('action-submit').waitFor({ state: 'hidden' });
        const mine = page.locator(`[data-testid="drawer-case"] [data-testid="case-unit"][data-role="assist"][data-posted="true"]`, { hasText: depts[dept].name });
        await mine.waitFor();
        expect(await mine.textContent()).toContain(part);
        await shot(page, `tasks-assist-${user}-posted`);
        expect(t.errors).toEqual([]);
      } finally {
        await t.context.close();
      }
    });
  }

  it('bm01 posts the result with an after photo on the case page', async () => {
    const t = await signIn('bm01');
    try {
      const { page } = t;
      await page.goto(`/cases/${c.id}`);
      await page.locator('[data-testid="case-page"][data-status="handling"]').waitFor();
      expect(await page.locator('[data-testid="case-unit"][data-posted="true"]').count()).toBe(2);
      await act(page, 'handle', async () => {
        await page.getByTestId('action-result').fill('三部门联合整治：取缔占道摊点12处，无证食品摊点3户立案，消防通道恢复畅通。');
        await page.locator('[data-testid="action-modal"] input[type=file]').first().setInputFiles({ name: 'after.png', mimeType: 'image/png', buffer: await photo('#2e7d32', '通道畅通') });
        await page.locator('[data-testid="action-modal"] .ant-upload-list-item').first().waitFor();
        await shot(page, 'case-joint-result');
      }, 'handled');
      await page.locator('[data-testid="case-photo"][data-kind="after"]').first().waitFor();
      expect(t.errors).toEqual([]);
    } finally {
      await t.context.close();
    }
  });

  it('wgy01 verifies it and sq01 closes it; the timeline shows every step and who took it', async () => {
    const w = await signIn('wgy01');
    try {
      await w.page.goto(`/cases/${c.id}`);
      await w.page.locator('[data-testid="case-page"][data-status="handled"]').waitFor();
      await act(w.page, 'verifyPass', async () => { await w.page.getByTestId('action-note').fill('现场复核：通道畅通，无摊点。'); }, 'verified');
      expect(w.errors).toEqual([]);
    } finally {
      await w.context.close();
    }
    const t = await signIn('sq01');
    try {
      const { page } = t;
      await page.goto(`/cases/${c.id}`);
      await page.locator('[data-testid="case-page"][data-status="verified"]').waitFor();
      await act(page, 'close', async () => undefined, 'closed');
      const items = page.locator('[data-testid="timeline-item"]');
      await expect.poll(async () => (await items.evaluateAll((els) => els.map((e) => e.getAttribute('data-action')))))
        .toEqual(['report', 'register', 'dispatch', 'accept', 'postPart', 'postPart', 'handle', 'verifyPass', 'close']);
      const timeline = (await page.getByTestId('case-timeline').textContent()) ?? '';
      for (const word of ['上报', '立案', '派遣', '签收', '报送协办意见', '办结', '核查通过', '结案', '网格员', '社区受理员', '部门承办人']) expect(timeline).toContain(word);
      const detail = await sq01.get<CaseView>(`/cases/${c.id}`);
      expect(detail.status).toBe('closed');
      // Each step names its actor as the API records it.
      for (const [i, e] of detail.timeline.entries()) expect(await items.nth(i).getByTestId('timeline-actor').textContent()).toContain(e.actorName);
      await page.getByTestId('case-map').waitFor();
      await expect.poll(() => page.getByTestId('case-map').getAttribute('data-ready')).toBe('true');
      await page.getByTestId('case-timeline').scrollIntoViewIfNeeded();
      await shot(page, 'case-joint-closed');
      await page.evaluate(() => (globalThis as unknown as { scrollTo(x: number, y: number): void }).scrollTo(0, 0));
      await page.locator('.ant-layout-content').evaluate((el) => { el.scrollTop = 0; });
      await shot(page, 'case-joint-closed-top');
      expect(t.errors).toEqual([]);
    } finally {
      await t.context.close();
    }
  });
});

describe('the desk queue: stage clocks, and a returned case back on top', () => {
  // Words in both titles, to find the pair in a busy queue (digits alone would search codes).
  const batch = `热线批次${Date.now() % 100000}`;
  let first: CaseView;
  let second: CaseView;
  let sq01: Awaited<ReturnType<typeof apiAs>>;
  let bm01: Awaited<ReturnType<typeof apiAs>>;

  beforeAll(async () => {
    sq01 = await apiAs('sq01');
    bm01 = await apiAs('bm01');
    const grid = await sq01.get<{ items: { id: number; level: number; archived: boolean }[] }>(`/regions/${sq01.user.scopeRegion!.id}/children`);
    const g = grid.items.find((x) => x.level === 5 && !x.archived)!;
    const [lng, lat] = pointIn((await sq01.get<{ boundary: Polygon | MultiPolygon }>(`/regions/${g.id}`)).boundary);
    const tree = await sq01.get<{ children?: { id: number; nameZh: string }[] }[]>('/case-categories');
    const cat = (name: string) => tree.flatMap((p) => p.children ?? []).find((x) => x.nameZh === name)!.id;
    const make = async (title: string, category: number, dx: number) => {
      const r = await sq01.post<CaseView>('/cases', { source: 'hotline', title, description: `${title}（12345 转办）`, categoryId: category, lng: lng + dx, lat, reporterName: '李女士', reporterMobile: '13912340000' });
      return sq01.post<CaseView>(`/cases/${r.id}/actions/register`, { version: r.version, categoryId: category, mode: 'transfer' });
    };
    // The other one is registered first, so by clock and by age it would lead the queue.
    second = await make(`华坪公园公厕洗手池损坏（${batch}）`, cat('公厕设施损坏'), -0.0004);
    first = await make(`新风路路灯不亮（${batch}）`, cat('路灯故障'), 0.0004);
    // The first goes to 城管 (bm01's unit), who will send it back as not theirs.
    first = await sq01.post<CaseView>(`/cases/${first.id}/actions/dispatch`, { version: first.version, target: { departmentId: bm01.user.department!.id } });
    expect(first.status).toBe('dispatched');
  });

  it('shows each waiting case with its stage deadline', async () => {
    const t = await signIn('sq01');
    try {
      const { page } = t;
      await page.goto('/cases/desk');
      await page.locator('[data-testid="desk-table"] [data-testid="case-row"]').first().waitFor();
      await shot(page, 'desk-queue');
      await search(page, 'filter-q', batch);
      const rows = page.locator('[data-testid="desk-table"] [data-testid="case-row"]');
      // A dispatched case has left the desk: only the other one waits there.
      await expect.poll(() => rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-code')))).toEqual([second.code]);
      const r = row(page, second.code);
      expect(await r.getAttribute('data-status')).toBe('registered');
      const tag = r.getByTestId('deadline-tag');
      expect(['green', 'yellow', 'red']).toContain(await tag.getAttribute('data-timer'));
      expect(await tag.textContent()).toMatch(/派遣 · (剩|超时) \d/);
      await shot(page, 'desk-deadlines');
      expect(t.errors).toEqual([]);
    } finally {
      await t.context.close();
    }
  });

  it('bm01 returns the wrong dispatch with a reason; it comes back first on the desk, marked', async () => {
    const h = await signIn('bm01');
    try {
      const { page } = h;
      await page.goto(`/cases/tasks?q=${first.code}`);
      await row(page, first.code).waitFor();
      await openRow(page, first.code);
      await act(page, 'return', async () => { await page.getByTestId('action-reason').fill('路灯属住建局市政照明管理，非本局职责，请改派。'); }, 'registered');
      expect(h.errors).toEqual([]);
    } finally {
      await h.context.close();
    }
    const t = await signIn('sq01');
    try {
      const { page } = t;
      // The whole queue opens with returned cases (ours is one of them).
      await page.goto('/cases/desk');
      const rows = page.locator('[data-testid="desk-table"] [data-testid="case-row"]');
      await rows.first().waitFor();
      expect(await rows.first().getByTestId('case-returned').count()).toBe(1);
      await shot(page, 'desk-returned-top');
      // Ours against the one registered before it: the returned case is back on top.
      await search(page, 'filter-q', batch);
      await expect.poll(() => rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-code')))).toEqual([first.code, second.code]);
      expect(await rows.first().getByTestId('case-returned').count()).toBe(1);
      expect(await rows.nth(1).getByTestId('case-returned').count()).toBe(0);
      await shot(page, 'desk-returned-first');
      await openRow(page, first.code);
      const why = page.getByTestId('drawer-returned');
      await why.waitFor();
      expect(await why.textContent()).toContain('非本局职责');
      await page.getByTestId('action-dispatch').waitFor();
      await shot(page, 'desk-returned-drawer');
      expect(t.errors).toEqual([]);
    } finally {
      await t.context.close();
    }
  });

  it('two at once: a step on a case someone else just changed is refused plainly and the page reloads', async () => {
    const t = await signIn('sq01');
    try {
      const { page } = t;
      await page.goto(`/cases/${second.id}`);
      await page.locator('[data-testid="case-page"][data-status="registered"]').waitFor();
      await page.getByTestId('action-dispatch').click();
      await page.getByTestId('action-submit').waitFor();
      await expect.poll(() => page.getByTestId('action-target').textContent()).toContain(bm01.user.department!.name);
      // Meanwhile a colleague at the same desk dispatches it first.
      const now = await sq01.get<CaseView>(`/cases/${second.id}`);
      await sq01.post(`/cases/${second.id}/actions/dispatch`, { version: now.version, target: { departmentId: bm01.user.department!.id } });
      await page.getByTestId('action-submit').click();
      const notice = page.locator('.ant-modal-confirm');
      await notice.waitFor();
      expect(await notice.textContent()).toContain('刚被他人处理');
      await page.locator('[data-testid="case-page"][data-status="dispatched"]').waitFor();
      await shot(page, 'case-version-conflict');
      await page.getByTestId('conflict-ok').click();
      // Only one dispatch happened.
      const after = await sq01.get<CaseView>(`/cases/${second.id}`);
      expect(after.timeline.filter((e) => e.action === 'dispatch')).toHaveLength(1);
      expect(t.errors).toEqual([]);
    } finally {
      await t.context.close();
    }
  });
});
