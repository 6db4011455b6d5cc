// Importing residents from Excel through the shared registry import dialog, as community staff
// (sq01) would: download the template from the dialog, fill it with three good rows and two bad ones
// (an ID number whose checksum is wrong, a malformed mobile) for sq01's own grid, then
//   1. all-or-nothing (the default): rejected, nothing imported (checked through the API), and the
//      error workbook downloaded through the dialog names both rows with the column and the reason;
//   2. skip-invalid: the three good rows are added, the two bad ones rejected;
//   3. the same file again: nothing changes (3 unchanged).
// Each step leaves a screenshot in test-results/e2e/.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiSession, launchBrowser, loginThroughForm, openPage, shot, type TestPage } from './support/browser.ts';

interface RegionSummary { id: number; code: string; name: string; level: number; archived: boolean }

/** A valid (synthetic) citizen ID number: GB 11643 checksum over area + birth date + sequence. */
function idNumber(birth: string, seq: number): string {
  const W = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const body = `445302${birth}${String(seq).padStart(3, '0')}`;
  const sum = [...body].reduce((s, d, i) => s + Number(d) * W[i], 0);
  return body + '10X98765432'[sum % 11];
}
/** The same ID number with its check character changed: the checksum no longer holds. */
const breakChecksum = (id: string) => id.slice(0, 17) + (id[17] === '0' ? '1' : '0');

let browser: Browser;
let tmp: string;
beforeAll(async () => {
  browser = await launchBrowser();
  tmp = mkdtempSync(join(tmpdir(), 'wangge-e2e-registry-'));
});
afterAll(async () => {
  await browser?.close();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

describe('sq01 imports residents from the template: all-or-nothing, error workbook, skip-invalid, re-import', () => {
  let t: TestPage;
  let api: Awaited<ReturnType<typeof apiSession>>;
  let grid: RegionSummary;
  let filePath: string;
  // Unique per run: a sequence number the demo population is unlikely to use, and names no one has.
  const seq = 700 + Math.floor(Math.random() * 200);
  const good = [
    { name: '导入测试甲', id: idNumber('19800101', seq), mobile: '13800001111' },
    { name: '导入测试乙', id: idNumber('19900215', seq), mobile: '13900002222' },
    { name: '导入测试丙', id: idNumber('20050630', seq), mobile: '' },
  ];
  const badId = { name: '导入测试丁', id: breakChecksum(idNumber('19751010', seq)), mobile: '13700003333' };
  const badMobile = { name: '导入测试戊', id: idNumber('19661120', seq), mobile: '1380000' };

  const modal = (page: Page) => page.getByTestId('registry-import-modal');
  const countByName = async (name: string) => (await api.get<{ total: number }>(`/residents?q=${encodeURIComponent(name)}&limit=5`)).total;

  async function runImport(page: Page, mode: 'all' | 'skip', shotName: string) {
    const m = modal(page);
    await m.getByTestId('import-step-choose').waitFor();
    await m.locator('input[type=file]').setInputFiles(filePath);
    await m.getByTestId('import-file-name').waitFor();
    await m.getByTestId(mode === 'all' ? 'import-mode-all' : 'import-mode-skip').click();
    await page.getByTestId('import-start').click();
    const result = m.getByTestId('import-result');
    await result.waitFor({ timeout: 60_000 });
    await page.waitForTimeout(300);
    await shot(page, shotName);
    return result;
  }
  const stat = async (page: Page, id: string) => Number((await modal(page).getByTestId(id).locator('.ant-statistic-content-value').textContent())?.replace(/\D/g, ''));

  beforeAll(async () => {
    t = await openPage(browser);
    api = await apiSession('sq01');
    const own = api.user.scopeRegion!;
    const children = (await api.get<{ items: RegionSummary[] }>(`/regions/${own.id}/children`)).items;
    grid = children.find((g) => g.level === 5 && !g.archived)!;
    expect(grid).toBeDefined();
  });
  afterAll(async () => {
    await t?.context.close();
  });

  it('downloads the resident template from the import dialog and fills it', async () => {
    const { page } = t;
    await loginThroughForm(page, 'sq01');
    await page.getByTestId('nav').getByText('实有人口').click();
    await page.waitForURL(/\/residents$/);
    await page.getByTestId('residents-table').waitFor();
    await page.getByTestId('resident-import').click();
    await modal(page).waitFor();
    await page.waitForTimeout(400); // zoom-in animation
    await shot(page, 'registry-import-dialog');

    const [download] = await Promise.all([page.waitForEvent('download'), modal(page).getByTestId('import-template').click()]);
    const templatePath = join(tmp, 'template.xlsx');
    await download.saveAs(templatePath);

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(templatePath);
    const ws = wb.getWorksheet('实有人口')!;
    expect(ws).toBeDefined();
    const header = (ws.getRow(1).values as unknown[]).slice(1).map(String);
    expect(header).toEqual(expect.arrayContaining(['姓名', '证件号码', '手机号码', '人口类型', '所在网格编码', '与户主关系', '特殊人群']));
    const col = (h: string) => header.indexOf(h) + 1;
    const rows = [...good, badId, badMobile];
    rows.forEach((r, i) => {
      const row = ws.getRow(3 + i); // row 2 is the template's sample, skipped while unchanged
      const set = (h: string, v: string) => { row.getCell(col(h)).value = v; };
      set('姓名', r.name);
      set('民族', '汉族');
      set('证件类型', '居民身份证');
      set('证件号码', r.id);
      set('手机号码', r.mobile);
      set('人口类型', '户籍人口');
      set('所在网格编码', grid.code);
      set('与户主关系', '户主');
      set('政治面貌', '群众');
      set('是否候鸟', '否');
      set('特殊人群', i === 0 ? '独居老人' : '');
      row.commit();
    });
    filePath = join(tmp, '实有人口导入.xlsx');
    await wb.xlsx.writeFile(filePath);
  });

  it('all-or-nothing: two bad rows stop the file, nothing is imported', async () => {
    const { page } = t;
    const result = await runImport(page, 'all', 'registry-import-rejected');
    expect(await result.getAttribute('data-status')).toBe('rejected');
    await expect.poll(() => modal(page).getByTestId('import-rejected-all').textContent()).toContain('未导入任何数据');
    expect(await stat(page, 'import-added')).toBe(0);
    expect(await stat(page, 'import-rejected')).toBe(2);
    const problems = modal(page).getByTestId('import-problems');
    await expect.poll(() => problems.textContent()).toContain('证件号码');
    await expect.poll(() => problems.textContent()).toContain('手机号码');
    for (const r of [...good, badId, badMobile]) expect(await countByName(r.name)).toBe(0);
  });

  it('downloads the error workbook: both rows, with column and reason', async () => {
    const { page } = t;
    const [download] = await Promise.all([page.waitForEvent('download'), modal(page).getByTestId('import-errors-download').click()]);
    const path = join(tmp, 'errors.xlsx');
    await download.saveAs(path);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path);
    const ws = wb.worksheets[0];
    const header = (ws.getRow(1).values as unknown[]).slice(1).map(String);
    const at = (h: string) => header.indexOf(h) + 1;
    expect(at('错误列')).toBeGreaterThan(0);
    expect(at('错误原因')).toBeGreaterThan(0);
    const rows: { name: string; where: string; why: string }[] = [];
    ws.eachRow((row, n) => {
      if (n === 1) return;
      rows.push({ name: String(row.getCell(at('姓名')).value ?? ''), where: String(row.getCell(at('错误列')).value ?? ''), why: String(row.getCell(at('错误原因')).value ?? '') });
    });
    expect(rows.map((r) => r.name).sort()).toEqual([badId.name, badMobile.name].sort());
    const idRow = rows.find((r) => r.name === badId.name)!;
    expect(idRow.where).toBe('证件号码');
    expect(idRow.why).toMatch(/第 \d+ 行：证件号码：.*校验/);
    const mobileRow = rows.find((r) => r.name === badMobile.name)!;
    expect(mobileRow.where).toBe('手机号码');
    expect(mobileRow.why).toContain('手机号码：');
  });

  it('skip-invalid: the three good rows are added, the two bad ones reported', async () => {
    const { page } = t;
    await page.getByTestId('import-again').click();
    const result = await runImport(page, 'skip', 'registry-import-skip-invalid');
    expect(await result.getAttribute('data-status')).toBe('done');
    expect(await stat(page, 'import-added')).toBe(3);
    expect(await stat(page, 'import-rejected')).toBe(2);
    for (const r of good) expect(await countByName(r.name)).toBe(1);
    for (const r of [badId, badMobile]) expect(await countByName(r.name)).toBe(0);
  });

  it('the same file again changes nothing, and the history lists all three imports', async () => {
    const { page } = t;
    await page.getByTestId('import-again').click();
    const result = await runImport(page, 'skip', 'registry-import-reimport');
    expect(await result.getAttribute('data-status')).toBe('done');
    expect(await stat(page, 'import-added')).toBe(0);
    expect(await stat(page, 'import-updated')).toBe(0);
    expect(await stat(page, 'import-unchanged')).toBe(3);
    for (const r of good) expect(await countByName(r.name)).toBe(1);

    await page.getByTestId('import-history-tab').click();
    const history = modal(page).getByTestId('import-history');
    await expect.poll(() => history.locator('tbody tr.ant-table-row').count()).toBeGreaterThanOrEqual(3);
    await expect.poll(() => history.textContent()).toContain('实有人口导入.xlsx');
    await page.waitForTimeout(400); // the tab's fade-in
    await shot(page, 'registry-import-history');

    // The list behind the dialog shows the new residents with masked personal data.
    await page.keyboard.press('Escape');
    await modal(page).waitFor({ state: 'detached' });
    await page.getByTestId('residents-search').fill('导入测试');
    await page.getByTestId('residents-search-submit').click();
    const rows = page.getByTestId('residents-table').locator('tbody tr.ant-table-row');
    await expect.poll(() => rows.count()).toBe(3);
    const text = (await page.getByTestId('residents-table').textContent()) ?? '';
    expect(text).toContain(`${good[0].id.slice(0, 3)}***********${good[0].id.slice(14)}`);
    expect(text).not.toContain(good[0].id);
    expect(text).toContain('独居老人');
    await shot(page, 'registry-import-list');
    expect(t.errors).toEqual([]);
  });
});
