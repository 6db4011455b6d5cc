// Party building (党建引领) in a real browser against the demo city. So as not to depend on the
// demo's party data, sq01 first makes (through the API) a committee with a branch and a temporary
// branch that ended last year (a rule warning) in its own community. Then, through the UI:
// (1) sq01 adds an in-service party member from a resident on /party/members, registers them at the
//     community on /party/registrations (双报到) and sees the registration listed and counted in the
//     coverage report (one more member registered than before);
// (2) sj01 (party secretary) opens /party/orgs, sees the tree with the new organizations and the
//     expired temporary branch among the warnings with its numbers, and opens it from the warning;
// (3) sq01 opens /party/links for a building, sees the floor × unit table coloured by link state,
//     picks a liaison household (党员中心户) and links two households by clicking them, then saves.
// Screenshots of each step in test-results/e2e/.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { baseUrl, DEMO_PASSWORD, launchBrowser, loginThroughForm, openPage, shot, type TestPage } from './support/browser.ts';

interface Named { id: number; name: string }
interface ResidentItem { id: number; name: string; age: number; idNumberMasked: string; householdId: number | null; dwellingId: number | null; archived: boolean }
interface MemberItem { id: number; name: string; resident: Named | null }
interface Coverage { totals: { membersRegistered: number; membersExpected: number; orgsRegistered: number }; rows: { subject: Named; membersRegistered: number; membersExpected: number }[] }
interface BuildingLinks { cells: { households: { id: number; isLiaison: boolean; liaisonId: number | null }[] }[] }

/** A logged-in JSON client that can write too (the shared helper only reads). */
async function apiAs(username: string) {
  const res = await fetch(`${baseUrl()}/api/v1/auth/login`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ login: username, password: DEMO_PASSWORD }),
  });
  if (res.status !== 200) throw new Error(`login ${username}: ${res.status}`);
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0];
  const user = ((await res.json()) as { user: { scopeRegion: Named } }).user;
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
type Api = Awaited<ReturnType<typeof apiAs>>;

let browser: Browser;
beforeAll(async () => { browser = await launchBrowser(); });
afterAll(async () => { await browser?.close(); });

async function signIn(username: string): Promise<TestPage> {
  const t = await openPage(browser);
  await loginThroughForm(t.page, username);
  return t;
}

/** Opens the antd select with this test id, types to search, and picks the option showing `text`. */
async function searchPick(page: Page, testId: string, typed: string, text: string): Promise<void> {
  await page.getByTestId(testId).click();
  await page.keyboard.type(typed);
  const list = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)').last();
  await list.locator('.ant-select-item-option', { hasText: text }).first().click();
  await list.waitFor({ state: 'hidden' });
}

async function pick(page: Page, testId: string, text: string): Promise<void> {
  await page.getByTestId(testId).click();
  const list = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)').last();
  await list.locator('.ant-select-item-option', { hasText: text }).first().click();
  await list.waitFor({ state: 'hidden' });
}

/** The OK button of the modal holding this test id. */
const modalOk = (page: Page, testId: string) => page.locator('.ant-modal').filter({ has: page.getByTestId(testId) }).locator('.ant-modal-footer .ant-btn-primary');

/** Adult residents of the community who are not party members yet (checked by name search). */
async function freeResidents(api: Api, communityId: number, count: number, skip: number[] = []): Promise<ResidentItem[]> {
  const { items } = await api.get<{ items: ResidentItem[] }>(`/residents?regionId=${communityId}&limit=200`);
  const out: ResidentItem[] = [];
  for (const r of items) {
    if (out.length >= count) break;
    if (r.archived || r.age < 30 || r.age > 58 || !r.householdId || !r.dwellingId || skip.includes(r.id)) continue;
    const same = await api.get<{ items: MemberItem[] }>(`/party/members?q=${encodeURIComponent(r.name)}&includeArchived=true&limit=100`);
    if (same.items.some((m) => m.resident?.id === r.id)) continue;
    out.push(r);
  }
  if (out.length < count) throw new Error(`only ${out.length} free residents in community ${communityId}`);
  return out;
}

describe('party building pages', () => {
  const sfx = String(Date.now() % 100000);
  let sq01: Api;
  let community: Named;
  let committee: Named;
  let branch: Named;
  let temporary: Named;

  beforeAll(async () => {
    sq01 = await apiAs('sq01');
    community = sq01.user.scopeRegion;
    committee = await sq01.post<Named>('/party/orgs', { kind: 'committee', name: `测试社区党委${sfx}`, regionId: community.id, joint: true, establishedOn: '2019-07-01' });
    branch = await sq01.post<Named>('/party/orgs', { kind: 'branch', name: `测试第一党支部${sfx}`, regionId: community.id, parentId: committee.id });
    temporary = await sq01.post<Named>('/party/orgs', { kind: 'temporaryBranch', name: `测试防汛临时党支部${sfx}`, regionId: community.id, parentId: committee.id, startOn: '2025-05-01', endOn: '2025-06-30' });
  });

  it('sq01 adds an in-service member from a resident, registers them at the community and sees the coverage count it', async () => {
    const [resident] = await freeResidents(sq01, community.id, 1);
    const before = await sq01.get<Coverage>(`/party/registrations/coverage?regionId=${community.id}&by=community`);
    const t = await signIn('sq01');
    try {
      const { page } = t;
      // 党员: a new in-service member, taken from the resident registry.
      await page.getByTestId('nav').getByText('党员', { exact: true }).click();
      await page.waitForURL(/\/party\/members$/);
      await page.getByTestId('party-members-title').waitFor();
      await page.getByTestId('member-create').click();
      await page.getByTestId('member-form').waitFor();
      await searchPick(page, 'member-form-resident', resident.name, resident.idNumberMasked);
      await expect.poll(() => page.getByTestId('member-form-name').inputValue()).toBe(resident.name);
      await pick(page, 'member-form-kind', '在职党员');
      await searchPick(page, 'member-form-org', branch.name, branch.name);
      await shot(page, 'party-member-create');
      await modalOk(page, 'member-form').click();
      await page.getByTestId('member-drawer').getByText(resident.name).first().waitFor();
      await page.getByTestId('member-history').getByText(branch.name).waitFor();
      await shot(page, 'party-member-created');
      const member = (await sq01.get<{ items: (MemberItem & { kind: string })[] }>(`/party/members?q=${encodeURIComponent(resident.name)}`)).items.find((m) => m.resident?.id === resident.id);
      expect(member?.kind).toBe('inService');

      // 双报到: register the member at the community where they live.
      await page.goto('/party/registrations');
      await page.getByTestId('party-registrations-title').waitFor();
      await page.getByTestId('reg-register').click();
      await page.getByTestId('register-modal').waitFor();
      await searchPick(page, 'register-member', resident.name, branch.name);
      await expect.poll(() => page.getByTestId('register-community').textContent()).toContain(community.name);
      await shot(page, 'party-register');
      await modalOk(page, 'register-modal').click();
      await page.getByTestId('registration-drawer').getByText(resident.name).first().waitFor();
      await page.getByTestId('reg-facts').getByText(community.name).waitFor();
      await page.locator('.ant-drawer-close').click();
      await page.getByTestId('registrations-table').getByText(resident.name).waitFor();
      await shot(page, 'party-registrations-desk');

      // 覆盖情况: one more member registered in this community than before.
      const after = await sq01.get<Coverage>(`/party/registrations/coverage?regionId=${community.id}&by=community`);
      expect(after.totals.membersRegistered).toBe(before.totals.membersRegistered + 1);
      const row = after.rows.find((r) => r.subject.id === community.id)!;
      await page.getByTestId('reg-tab-coverage').click();
      await page.getByTestId('cov-headline').waitFor();
      await expect.poll(() => page.getByTestId('cov-headline').textContent()).toContain(`${after.totals.membersRegistered.toLocaleString('en-US')} 名党员`);
      const uiRow = page.locator(`[data-testid="cov-row"][data-id="${community.id}"] [data-testid="cov-row-members"]`);
      await expect.poll(() => uiRow.textContent()).toBe(`${row.membersRegistered.toLocaleString('en-US')} / ${row.membersExpected.toLocaleString('en-US')}`);
      await shot(page, 'party-registrations-coverage');
      expect(t.errors).toEqual([]);
    } finally {
      await t.context.close();
    }
  });

  it('sj01 sees the organization tree and the expired temporary branch among the warnings, with its numbers', async () => {
    const t = await signIn('sj01');
    try {
      const { page } = t;
      await page.getByTestId('nav').getByText('党组织', { exact: true }).click();
      await page.waitForURL(/\/party\/orgs$/);
      await page.getByTestId('org-tree').waitFor();
      await page.getByTestId(`org-node-${committee.id}`).waitFor();
      await page.getByTestId(`org-node-${branch.id}`).waitFor();
      await page.getByTestId(`org-warned-${temporary.id}`).waitFor();
      const warning = page.locator('[data-testid="party-warning"][data-kind="temporaryBranchExpired"]', { hasText: temporary.name });
      await warning.waitFor();
      await warning.locator('[data-testid="warning-number-daysPast"]').waitFor();
      await shot(page, 'party-orgs-tree-warnings');
      await warning.getByTestId('warning-subject').click();
      await expect.poll(() => page.getByTestId('org-detail-name').textContent()).toBe(temporary.name);
      await page.getByTestId('org-detail').locator('[data-testid="party-warning"]').first().waitFor();
      await page.getByTestId(`org-node-${committee.id}`).click();
      await expect.poll(() => page.getByTestId('org-detail-name').textContent()).toBe(committee.name);
      await page.getByTestId('org-children').getByText(branch.name).waitFor();
      await shot(page, 'party-orgs-detail');
      expect(t.errors).toEqual([]);
    } finally {
      await t.context.close();
    }
  });

  it('sq01 links households to a liaison household on the building view', async () => {
    // A liaison household (党员中心户): a resident of the community made a party member, in a
    // building with at least two households nobody links yet.
    const candidates = await freeResidents(sq01, community.id, 8);
    let chosen: { r: ResidentItem; buildingId: number; free: number[] } | undefined;
    for (const r of candidates) {
      const d = await sq01.get<{ buildingId: number }>(`/dwellings/${r.dwellingId}`);
      const view = await sq01.get<BuildingLinks>(`/party/links/building/${d.buildingId}`);
      const all = view.cells.flatMap((c) => c.households);
      const own = all.find((h) => h.id === r.householdId);
      const free = all.filter((h) => h.id !== r.householdId && !h.isLiaison && !h.liaisonId).map((h) => h.id);
      if (own && !own.isLiaison && !own.liaisonId && free.length >= 2) { chosen = { r, buildingId: d.buildingId, free }; break; }
    }
    expect(chosen, 'a building with free households').toBeDefined();
    const { r, buildingId, free } = chosen!;
    const member = await sq01.post<Named>('/party/members', { residentId: r.id, kind: 'retired', orgId: branch.id });
    const liaison = await sq01.post<Named>('/party/liaisons', { householdId: r.householdId, memberId: member.id });
    const t = await signIn('sq01');
    try {
      const { page } = t;
      await page.goto(`/party/links?tab=building&building=${buildingId}`);
      await page.getByTestId('link-floor-table').waitFor();
      await page.getByTestId('link-legend').waitFor();
      const own = page.getByTestId(`link-household-${r.householdId}`);
      await expect.poll(() => own.getAttribute('data-state')).toBe('liaison');
      await shot(page, 'party-links-building');
      await own.click();
      await page.getByTestId('links-editing').waitFor();
      for (const id of free.slice(0, 2)) {
        await page.getByTestId(`link-household-${id}`).click();
        await expect.poll(() => page.getByTestId(`link-household-${id}`).getAttribute('data-state')).toBe('mine');
      }
      await expect.poll(() => page.getByTestId('links-draft-count').textContent()).toContain('2');
      await shot(page, 'party-links-assign');
      await page.getByTestId('links-save').click();
      await expect.poll(async () => (await sq01.get<{ households: Named[] }>(`/party/liaisons/${liaison.id}`)).households.map((h) => h.id).sort()).toEqual(free.slice(0, 2).sort());
      await expect.poll(() => page.getByTestId('links-save').isDisabled()).toBe(true);
      await shot(page, 'party-links-saved');
      expect(t.errors).toEqual([]);
    } finally {
      await t.context.close();
    }
  });
});
