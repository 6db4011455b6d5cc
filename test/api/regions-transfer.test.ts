// The tree as files: export to GeoJSON and Excel, re-import unchanged, and refuse a bad file whole.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.ts';

let t: TestApp;
let admin: string;
let communityId: number;
beforeAll(async () => {
  t = await createTestApp({ demo: true });
  admin = await t.login('admin');
  const code = t.demo!.city.regions.find((r) => r.level === 4)!.code;
  communityId = (await t.as(admin, { method: 'GET', url: `/api/v1/regions/search?q=${code}` })).json().items[0].id;
});
afterAll(() => t.close());

const exportFile = (format: string, rootId = communityId) => t.as(admin, { method: 'GET', url: `/api/v1/regions/export?format=${format}&rootId=${rootId}` });
const importFile = (format: string, body: Buffer | string, type = 'application/octet-stream') =>
  t.as(admin, { method: 'POST', url: `/api/v1/regions/import?format=${format}`, payload: body, headers: { 'content-type': type } });
const regionCount = async () => {
  const res = (await t.database.db.execute('SELECT count(*)::int AS n FROM regions' as never)) as unknown as { rows: { n: number }[] };
  return res.rows[0].n;
};

describe('export and re-import', () => {
  it('round-trips a community subtree as GeoJSON: everything unchanged', async () => {
    const res = await exportFile('geojson');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toMatch(/attachment; filename="regions-.*\.geojson"/);
    const fc = res.json();
    expect(fc.features[0].properties.level).toBe(4);
    expect(fc.features.every((f: { geometry: unknown }) => f.geometry)).toBe(true);
    const again = await importFile('geojson', res.body, 'application/geo+json');
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual({ added: 0, updated: 0, unchanged: fc.features.length });
  });

  it('round-trips as Excel with Chinese headers, and a renamed row counts as updated', async () => {
    const res = await exportFile('xlsx');
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    expect(ws.getRow(1).values).toEqual(expect.arrayContaining(['编码', '名称', '层级', '类型', '上级编码']));
    ws.getRow(3).getCell(2).value = '改名网格';
    const buf = Buffer.from(await wb.xlsx.writeBuffer());
    const again = await importFile('xlsx', buf);
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ added: 0, updated: 1 });
  });

  it('adds new regions from a file, children after parents', async () => {
    const parent = (await exportFile('geojson')).json().features[0].properties.code as string;
    const fc = {
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', geometry: null, properties: { code: `010000${parent}90`, name: '导入网格', level: 5, kind: 'residential', parentCode: parent } },
        { type: 'Feature', geometry: null, properties: { code: `010000${parent}90001`, name: '导入微网格', level: '微网格', kind: '微网格', parentCode: `010000${parent}90` } },
      ],
    };
    const before = await regionCount();
    const res = await importFile('geojson', JSON.stringify(fc));
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ added: 2, updated: 0, unchanged: 0 });
    expect(await regionCount()).toBe(before + 2);
  });
});

describe('a bad file imports nothing and says why, row by row', () => {
  it('reports every bad feature with its index and reason', async () => {
    const parent = (await exportFile('geojson')).json().features[0].properties.code as string;
    const good = { type: 'Feature', geometry: null, properties: { code: `010000${parent}91`, name: '好的', level: 5, kind: 'residential', parentCode: parent } };
    const fc = {
      type: 'FeatureCollection',
      features: [
        good,
        { type: 'Feature', geometry: null, properties: { code: `010000${parent}92`, name: '', level: 5, kind: 'residential', parentCode: parent } },
        { type: 'Feature', geometry: null, properties: { code: '123', name: '坏编码', level: 5, kind: 'residential', parentCode: parent } },
        { type: 'Feature', geometry: null, properties: { code: `010000${parent}93`, name: '无上级', level: 5, kind: 'residential', parentCode: '999999999999' } },
        { type: 'Feature', geometry: { type: 'Polygon', coordinates: [[[0, 0], [1, 0], [1, 1]]] }, properties: { code: `010000${parent}94`, name: '坏边界', level: 5, kind: 'residential', parentCode: parent } },
        { type: 'Feature', geometry: null, properties: { code: `010000${parent}95`, name: '错层级', level: 9, kind: 'residential', parentCode: parent } },
      ],
    };
    const before = await regionCount();
    const res = await importFile('geojson', JSON.stringify(fc));
    expect(res.statusCode).toBe(400);
    const body = res.json();
    expect(body.code).toBe('IMPORT_INVALID');
    const byIndex = new Map(body.details.map((d: { index: number; field: string }) => [d.index, d.field]));
    expect(byIndex.get(1)).toBe('name');
    expect(byIndex.get(2)).toBe('code');
    expect(byIndex.get(3)).toBe('parentCode');
    expect(byIndex.get(4)).toBe('boundary');
    expect(byIndex.get(5)).toBe('level');
    expect(byIndex.has(0)).toBe(false);
    expect(await regionCount()).toBe(before);
  });

  it('refuses overlapping siblings in one file, naming both', async () => {
    const parent = (await exportFile('geojson')).json().features[0];
    const ring = parent.geometry.coordinates[0];
    const xs = ring.map((c: number[]) => c[0]);
    const ys = ring.map((c: number[]) => c[1]);
    const cx = (Math.min(...xs) + Math.max(...xs)) / 2;
    const cy = (Math.min(...ys) + Math.max(...ys)) / 2;
    const sq = (d: number) => ({ type: 'Polygon', coordinates: [[[cx, cy], [cx + d, cy], [cx + d, cy + d], [cx, cy + d], [cx, cy]]] });
    // The community already has grids covering its area: a new grid inside it overlaps one of them.
    const fc = { type: 'FeatureCollection', features: [{ type: 'Feature', geometry: sq(0.0005), properties: { code: `010000${parent.properties.code}96`, name: '重叠', level: 5, kind: 'residential', parentCode: parent.properties.code } }] };
    const res = await importFile('geojson', JSON.stringify(fc));
    expect(res.statusCode).toBe(400);
    expect(res.json().details[0]).toMatchObject({ index: 0, field: 'boundary' });
    expect(res.json().details[0].reason).toMatch(/overlaps 0\d{19}/);
  });

  it('reports Excel problems by sheet row number', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('x');
    ws.addRow(['编码', '名称', '层级', '类型', '上级编码']);
    ws.addRow(['445300000000', '云浮市', '市', '市', '']);
    ws.addRow(['bad', '坏', '网格', '社区网格', '445302001001']);
    const res = await importFile('xlsx', Buffer.from(await wb.xlsx.writeBuffer()));
    expect(res.statusCode).toBe(400);
    expect(res.json().details).toEqual([expect.objectContaining({ index: 3, field: 'code' })]);
  });

  it('refuses a file that is not what it claims', async () => {
    expect((await importFile('geojson', 'not json')).json().code).toBe('IMPORT_FORMAT');
    expect((await importFile('xlsx', 'not a workbook')).json().code).toBe('IMPORT_FORMAT');
  });
});
