// Community staff at work, in a real browser against the demo city: sq01 groups two grids of 华坪社区
// into a grid zone (网格片) with a chief, exports the community, and imports regions from a GeoJSON
// file — first a file with one bad row (nothing is imported, the bad row is named), then the good
// row alone (新增 1). Each step leaves a screenshot in test-results/e2e/.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiSession, launchBrowser, loginThroughForm, openPage, shot, type TestPage } from './support/browser.ts';

interface RegionSummary { id: number; code: string; name: string; level: number; kind: string; archived: boolean }
interface Items<T> { items: T[] }
interface UserView { id: number; username: string; displayName: string }

let browser: Browser;
let tmp: string;
beforeAll(async () => {
  browser = await launchBrowser();
  tmp = mkdtempSync(join(tmpdir(), 'wangge-e2e-import-'));
});
afterAll(async () => {
  await browser?.close();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

/** A grid feature without a boundary (so only codes and parents are checked). */
const gridFeature = (code: string, name: string, parentCode: string) => ({
  type: 'Feature',
  geometry: null,
  properties: { code, name, level: 5, kind: 'residential', parentCode },
});

describe('sq01: grid zones on the community page, then import regions from a file', () => {
  let t: TestPage;
  let community: { id: number; name: string; code: string };
  let grids: RegionSummary[];
  let chief: UserView;

  beforeAll(async () => {
    t = await openPage(browser);
    const api = await apiSession('sq01');
    const own = api.user.scopeRegion!;
    expect(own.level).toBe(4);
    const detail = await api.get<{ id: number; name: string; code: string }>(`/regions/${own.id}`);
    community = { id: detail.id, name: detail.name, code: detail.code };
    grids = (await api.get<Items<RegionSummary>>(`/regions/${own.id}/children`)).items.filter((g) => g.level === 5 && !g.archived);
    expect(grids.length).toBeGreaterThanOrEqual(2);
    chief = (await api.get<{ items: UserView[] }>('/users?q=wgz01')).items.find((u) => u.username === 'wgz01')!;
    expect(chief).toBeDefined();
  });
  afterAll(async () => {
    await t?.context.close();
  });

  it('creates a grid zone with two grids and a chief and sees it listed', async () => {
    const { page } = t;
    await loginThroughForm(page, 'sq01');
    await page.goto(`/regions/${community.id}`);
    await expect.poll(() => page.getByTestId('region-title').textContent()).toBe(community.name);
    const card = page.getByTestId('zones-card');
    await card.waitFor();
    await expect.poll(() => card.textContent()).toContain('暂无网格片');

    await page.getByTestId('zone-create').click();
    const modal = page.getByTestId('zone-form-modal');
    await modal.waitFor();
    await page.getByTestId('zone-form-name').fill('第一网格片');

    // Two grids from the community's own children.
    const [g1, g2] = grids;
    await modal.getByTestId('zone-form-grids').click();
    for (const g of [g1, g2]) {
      await page.locator(`.ant-select-dropdown:visible .ant-select-item-option[title="${g.name}"]`).click();
    }
    await page.keyboard.press('Escape');

    // The chief, found by a server-side search of the users sq01 can see.
    await modal.getByTestId('zone-form-chief').click();
    await page.keyboard.type('wgz01');
    const option = page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: 'wgz01' });
    await option.first().click();
    await expect.poll(() => modal.getByTestId('zone-form-chief').textContent()).toContain(chief.displayName);
    await page.locator('.ant-modal-title:visible').click(); // closes the dropdown, not the modal
    // Every dropdown gone (the grids' one may still be fading out beside the chief's: waiting on
    // "the" visible dropdown then matched two and failed in CI).
    await expect.poll(() => page.locator('.ant-select-dropdown:visible').count(), { timeout: 10_000 }).toBe(0);
    await shot(page, 'zone-form');

    await page.locator('.ant-modal-footer:visible').getByRole('button', { name: /确\s*定/ }).click();
    await modal.waitFor({ state: 'detached' });

    const row = page.getByTestId('zone-row').filter({ hasText: '第一网格片' });
    await row.waitFor();
    await expect.poll(() => row.textContent()).toContain(chief.displayName);
    await expect.poll(() => row.textContent()).toContain(g1.name);
    await expect.poll(() => row.textContent()).toContain(g2.name);
    await card.scrollIntoViewIfNeeded();
    await shot(page, 'zones-card');

    // Those two grids are now taken: a second zone cannot have them (the form greys them out).
    await page.getByTestId('zone-create').click();
    await page.getByTestId('zone-form-modal').getByTestId('zone-form-grids').click();
    const taken = page.locator(`.ant-select-dropdown:visible .ant-select-item-option-disabled[title*="${g1.name}"]`);
    await expect.poll(() => taken.textContent()).toContain('已属「第一网格片」');
    await page.keyboard.press('Escape');
    await page.locator('.ant-modal-footer:visible').getByRole('button', { name: /取\s*消/ }).click();
    await page.getByTestId('zone-form-modal').waitFor({ state: 'detached' });
  });

  it('offers the community as GeoJSON and Excel downloads', async () => {
    const { page } = t;
    await page.getByTestId('region-export').hover();
    const xlsx = page.getByTestId('region-export-xlsx');
    await xlsx.waitFor();
    const href = await xlsx.getAttribute('href');
    expect(href).toBe(`/api/v1/regions/export?rootId=${community.id}&format=xlsx`);
    expect(await page.getByTestId('region-export-geojson').getAttribute('download')).not.toBeNull();
    await shot(page, 'region-export-menu');
    const res = await page.request.get(href!);
    expect(res.status()).toBe(200);
    expect(res.headers()['content-type']).toContain('spreadsheetml');
  });

  it('imports a GeoJSON file: one bad row stops everything, then the good row alone is added', async () => {
    const { page } = t;
    const used = new Set(grids.map((g) => g.code.slice(18)));
    const seqs = Array.from({ length: 98 }, (_, i) => String(99 - i).padStart(2, '0')).filter((s) => !used.has(s));
    const goodCode = `010000${community.code}${seqs[0]}`;
    const badCode = `010000${community.code}${seqs[1]}`;
    const good = gridFeature(goodCode, 'E2E导入网格', community.code);
    const bad = gridFeature(badCode, 'E2E坏上级网格', '999999999999');
    const mixed = join(tmp, 'mixed.geojson');
    writeFileSync(mixed, JSON.stringify({ type: 'FeatureCollection', features: [good, bad] }));
    const onlyGood = join(tmp, 'good.geojson');
    writeFileSync(onlyGood, JSON.stringify({ type: 'FeatureCollection', features: [good] }));

    await page.getByTestId('nav').getByText('区域与网格').click();
    await page.waitForURL(/\/regions$/);
    await page.getByTestId('region-import').click();
    const modal = page.getByTestId('import-modal');
    await modal.waitFor();
    await expect.poll(() => modal.textContent()).toContain('可先导出现有区域作为模板');
    expect(await modal.getByTestId('import-template').getAttribute('href')).toBe(`/api/v1/regions/export?rootId=${community.id}&format=xlsx`);
    await modal.locator('.ant-upload-drag').waitFor();
    await page.waitForTimeout(400); // the modal's zoom-in animation
    await shot(page, 'import-modal');

    await modal.locator('input[type=file]').setInputFiles(mixed);
    const errors = page.getByTestId('import-errors');
    await errors.waitFor();
    await expect.poll(() => errors.textContent()).toContain('导入失败：1 处错误，未导入任何数据');
    const rows = errors.locator('tbody tr.ant-table-row');
    expect(await rows.count()).toBe(1);
    const cells = await rows.first().locator('td').allTextContents();
    expect(cells[0]).toBe('1'); // the second feature
    expect(cells[1]).toBe(badCode);
    expect(cells[2]).toBe('上级编码');
    expect(cells[3]).toContain('parent not found');
    await shot(page, 'import-errors');

    // The CSV download carries the same problems, with a BOM for Excel.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('import-errors-csv').click()]);
    expect(download.suggestedFilename()).toBe('mixed-errors.csv');
    const csv = readFileSync(await download.path(), 'utf8');
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv).toContain('编码');
    expect(csv).toContain(`1,${badCode},上级编码,parent not found`);
    // Nothing was imported: the good row's code is still free.
    const api = await apiSession('sq01');
    expect((await api.get<Items<RegionSummary>>(`/regions/${community.id}/children`)).items.some((g) => g.code === goodCode)).toBe(false);

    await page.getByTestId('import-again').first().click();
    await modal.locator('input[type=file]').setInputFiles(onlyGood);
    const result = page.getByTestId('import-result');
    await result.waitFor();
    await expect.poll(() => result.textContent()).toContain('新增 1');
    await expect.poll(() => result.textContent()).toContain('更新 0');
    await shot(page, 'import-success');
    expect((await api.get<Items<RegionSummary>>(`/regions/${community.id}/children`)).items.some((g) => g.code === goodCode && g.name === 'E2E导入网格')).toBe(true);

    // Closing the modal leaves the regions page.
    await page.locator('.ant-modal-footer:visible').getByRole('button', { name: /关\s*闭/ }).click();
    await modal.waitFor({ state: 'detached' });
  });

  it('raised no script errors on the way', () => {
    expect(t.errors).toEqual([]);
  });
});
