// The tree as files: GeoJSON FeatureCollection and an Excel sheet (编码, 名称, 层级, 类型, 上级编码,
// 边界, 属性). Parsing reports each bad feature or row with its index; nothing is imported from a
// file that has any problem.
import ExcelJS from 'exceljs';
import type { Feature, FeatureCollection } from 'geojson';
import { AppError } from '../../shared/errors.ts';
import { problemIn } from '../../shared/input-check.ts';
import type { ImportProblem } from './regions.bulk.ts';
import { REGION_LEVELS, type Boundary, type RegionInput, type RegionLevel } from './regions.model.ts';
import type { RegionRow } from './regions.repository.ts';

export const LEVEL_ZH = ['市', '区县', '街道(镇)', '社区(村)', '网格', '微网格'];
export const KIND_ZH: Record<string, string> = {
  city: '市', district: '区', county: '县', street: '街道', town: '镇', community: '社区', village: '村',
  residential: '社区网格', rural: '农村网格', officeBuilding: '楼宇网格', businessDistrict: '商圈网格',
  industrialPark: '园区网格', dedicated: '专属网格', microGrid: '微网格',
};
const KIND_BY_ZH = new Map(Object.entries(KIND_ZH).map(([k, v]) => [v, k]));
// Excel caps a cell at 32,767 characters; larger boundaries travel in GeoJSON only.
const EXCEL_CELL_MAX = 32767;

const COLUMNS = [
  { key: 'code', zh: '编码', width: 26 },
  { key: 'name', zh: '名称', width: 24 },
  { key: 'level', zh: '层级', width: 10 },
  { key: 'kind', zh: '类型', width: 12 },
  { key: 'parentCode', zh: '上级编码', width: 26 },
  { key: 'boundary', zh: '边界(GeoJSON)', width: 40 },
  { key: 'attributes', zh: '属性(JSON)', width: 30 },
] as const;

export function toFeatureCollection(rows: RegionRow[], codeOf: Map<number, string>): FeatureCollection {
  return {
    type: 'FeatureCollection',
    features: rows.map((r) => ({
      type: 'Feature',
      geometry: (r.boundary as Boundary | null) ?? (null as unknown as Boundary),
      properties: { code: r.code, name: r.name, level: r.level, kind: r.kind, parentCode: r.parentId ? (codeOf.get(r.parentId) ?? null) : null, attributes: r.attributes },
    })),
  };
}

export async function toWorkbook(rows: RegionRow[], codeOf: Map<number, string>): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('区域 regions');
  ws.columns = COLUMNS.map((c) => ({ header: c.zh, key: c.key, width: c.width }));
  ws.getRow(1).font = { bold: true };
  for (const r of rows) {
    const boundary = r.boundary ? JSON.stringify(r.boundary) : '';
    ws.addRow({
      code: r.code,
      name: r.name,
      level: LEVEL_ZH[r.level - 1],
      kind: KIND_ZH[r.kind] ?? r.kind,
      parentCode: r.parentId ? (codeOf.get(r.parentId) ?? '') : '',
      boundary: boundary.length <= EXCEL_CELL_MAX ? boundary : '',
      attributes: Object.keys(r.attributes as object).length ? JSON.stringify(r.attributes) : '',
    });
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function parseLevel(v: unknown): RegionLevel | null {
  if (typeof v === 'number' && v >= 1 && v <= 6 && Number.isInteger(v)) return v as RegionLevel;
  const s = String(v ?? '').trim();
  if (/^[1-6]$/.test(s)) return Number(s) as RegionLevel;
  const zh = LEVEL_ZH.indexOf(s);
  if (zh >= 0) return (zh + 1) as RegionLevel;
  const en = (REGION_LEVELS as readonly string[]).indexOf(s);
  return en >= 0 ? ((en + 1) as RegionLevel) : null;
}

const parseKind = (v: unknown) => {
  const s = String(v ?? '').trim();
  return KIND_BY_ZH.get(s) ?? s;
};

function fromProps(p: Record<string, unknown>, geometry: unknown, index: number, problems: ImportProblem[]): RegionInput | null {
  const code = String(p.code ?? '').trim();
  // The same hygiene as JSON request bodies: a file row is input too.
  const hostile = problemIn({ p, geometry });
  if (hostile) {
    problems.push({ index, code: code.slice(0, 40), field: 'row', reason: hostile });
    return null;
  }
  const level = parseLevel(p.level);
  if (level === null) {
    problems.push({ index, code, field: 'level', reason: 'must be 1..6 or 市/区县/街道(镇)/社区(村)/网格/微网格' });
    return null;
  }
  let attributes: Record<string, unknown> = {};
  if (p.attributes !== undefined && p.attributes !== null && p.attributes !== '') {
    try {
      attributes = typeof p.attributes === 'string' ? JSON.parse(p.attributes) : (p.attributes as Record<string, unknown>);
      if (typeof attributes !== 'object' || Array.isArray(attributes) || attributes === null) throw new Error('not an object');
    } catch {
      problems.push({ index, code, field: 'attributes', reason: 'not a JSON object' });
      return null;
    }
  }
  const parentCode = String(p.parentCode ?? '').trim() || null;
  return { code, name: String(p.name ?? '').trim(), level, kind: parseKind(p.kind), parentCode, boundary: (geometry as Boundary) ?? null, attributes };
}

/** Parsed rows plus, for each, where it came from (feature index, or sheet row number for Excel). */
export interface ParsedFile {
  inputs: RegionInput[];
  refs: number[];
  problems: ImportProblem[];
}

export function parseGeoJson(buf: Buffer): ParsedFile {
  let doc: unknown;
  try {
    doc = JSON.parse(buf.toString('utf8'));
  } catch (e) {
    throw new AppError('IMPORT_FORMAT', { reason: `JSON: ${(e as Error).message}` });
  }
  const fc = doc as FeatureCollection;
  if (!fc || fc.type !== 'FeatureCollection' || !Array.isArray(fc.features)) throw new AppError('IMPORT_FORMAT', { reason: 'not a GeoJSON FeatureCollection' });
  const problems: ImportProblem[] = [];
  const inputs: RegionInput[] = [];
  const refs: number[] = [];
  fc.features.forEach((f: Feature, i) => {
    if (!f || f.type !== 'Feature' || typeof f.properties !== 'object' || f.properties === null) {
      problems.push({ index: i, code: '', field: 'feature', reason: 'not a Feature with properties' });
      return;
    }
    const r = fromProps(f.properties, f.geometry, i, problems);
    if (r) {
      inputs.push(r);
      refs.push(i);
    }
  });
  return { inputs, refs, problems };
}

export async function parseWorkbook(buf: Buffer): Promise<ParsedFile> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
  } catch (e) {
    throw new AppError('IMPORT_FORMAT', { reason: `xlsx: ${(e as Error).message}` });
  }
  const ws = wb.worksheets[0];
  if (!ws) throw new AppError('IMPORT_FORMAT', { reason: 'no worksheet' });
  // Headers may be Chinese or English; columns are found by name, not position.
  const header = new Map<string, number>();
  ws.getRow(1).eachCell((cell, col) => {
    const t = String(cell.value ?? '').trim();
    const c = COLUMNS.find((x) => x.zh === t || x.key === t || t.startsWith(x.zh.split('(')[0]));
    if (c) header.set(c.key, col);
  });
  for (const need of ['code', 'name', 'level']) if (!header.has(need)) throw new AppError('IMPORT_FORMAT', { reason: `missing column ${need}` });
  const problems: ImportProblem[] = [];
  const inputs: RegionInput[] = [];
  const refs: number[] = [];
  for (let r = 2; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    const get = (k: string) => {
      const col = header.get(k);
      const v = col ? row.getCell(col).value : null;
      return v && typeof v === 'object' && 'text' in v ? (v as { text: string }).text : v;
    };
    if (!get('code') && !get('name')) continue;
    const index = r;
    let geometry: unknown = null;
    const b = get('boundary');
    if (b) {
      try {
        geometry = JSON.parse(String(b));
      } catch {
        problems.push({ index, code: String(get('code') ?? ''), field: 'boundary', reason: 'not GeoJSON' });
        continue;
      }
    }
    const parsed = fromProps({ code: get('code'), name: get('name'), level: get('level'), kind: get('kind'), parentCode: get('parentCode'), attributes: get('attributes') }, geometry, index, problems);
    if (parsed) {
      inputs.push(parsed);
      refs.push(r);
    }
  }
  return { inputs, refs, problems };
}
