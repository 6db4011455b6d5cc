// What the four housing sheets (estate, building, dwelling, rental) share: cell readers that give
// a bilingual reason, and batched resolution of region codes, estates and buildings named by a
// row, so a batch of thousands of rows costs a handful of queries.
import type { Db, DbOrTx } from '../../db/engine.ts';
import type { Bilingual } from '../../shared/errors.ts';
import type { ScopedDb } from '../../shared/scoped.ts';
import { findRegionByCodeSystem, findRegionsByCodes, type RegionPlacementRow } from '../regions/index.ts';
import * as buildingsRepo from './buildings.repository.ts';
import * as estatesRepo from './estates.repository.ts';
import type { RowProblem } from './sheet.ts';

export type Cells = Record<string, string>;

/** Collects a row's problems while reading its cells. */
export class RowReader {
  readonly problems: RowProblem[] = [];
  constructor(private readonly cells: Cells) {}

  fail(column: string, zh: string, en: string): void {
    this.problems.push({ column, reason: { zh, en } });
  }

  text(key: string, opts: { required?: boolean; max?: number } = {}): string {
    const v = (this.cells[key] ?? '').trim();
    if (!v && opts.required) this.fail(key, '必填', 'required');
    if (opts.max && v.length > opts.max) this.fail(key, `不能超过 ${opts.max} 个字`, `at most ${opts.max} characters`);
    return v;
  }

  int(key: string, opts: { required?: boolean; min?: number; max?: number } = {}): number | null {
    const v = this.text(key, { required: opts.required });
    if (!v) return null;
    const n = Number(v.replace(/[层楼单元]$/u, ''));
    if (!Number.isInteger(n)) {
      this.fail(key, `${v} 不是整数`, `${v} is not a whole number`);
      return null;
    }
    if ((opts.min !== undefined && n < opts.min) || (opts.max !== undefined && n > opts.max)) {
      this.fail(key, `应在 ${opts.min}–${opts.max} 之间`, `must be within ${opts.min}–${opts.max}`);
      return null;
    }
    return n;
  }

  number(key: string, opts: { required?: boolean; min?: number; max?: number; positive?: boolean } = {}): number | null {
    const v = this.text(key, { required: opts.required });
    if (!v) return null;
    const n = Number(v.replace(/,/g, ''));
    if (!Number.isFinite(n)) {
      this.fail(key, `${v} 不是数字`, `${v} is not a number`);
      return null;
    }
    if (opts.positive && !(n > 0)) {
      this.fail(key, '须大于 0', 'must be greater than 0');
      return null;
    }
    if ((opts.min !== undefined && n < opts.min) || (opts.max !== undefined && n > opts.max)) {
      this.fail(key, `应在 ${opts.min}–${opts.max} 之间`, `must be within ${opts.min}–${opts.max}`);
      return null;
    }
    return n;
  }

  /** 有/无 (also 是/否, Y/N); empty = the default. */
  yesNo(key: string, dflt: boolean): boolean {
    const v = this.text(key);
    if (!v) return dflt;
    if (['有', '是', 'Y', 'y', '1', 'yes', 'true'].includes(v)) return true;
    if (['无', '否', '没有', 'N', 'n', '0', 'no', 'false'].includes(v)) return false;
    this.fail(key, '应填“有”或“无”', 'must be 有 or 无');
    return dflt;
  }

  /** A vocabulary value by its Chinese label (or code); empty = the default. */
  choice<T extends Record<string, string>>(key: string, labels: T, dflt: keyof T): keyof T {
    const v = this.text(key);
    if (!v) return dflt;
    if (v in labels) return v as keyof T;
    const hit = Object.entries(labels).find(([, l]) => l === v);
    if (hit) return hit[0] as keyof T;
    this.fail(key, `应为：${Object.values(labels).join('、')}`, `must be one of ${Object.values(labels).join(', ')}`);
    return dflt;
  }

  /** ISO date, also 2026/3/1 and 2026.3.1 and Excel's serial day numbers. */
  date(key: string): string | null {
    const v = this.text(key);
    if (!v) return null;
    let iso: string | null = null;
    const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(v);
    if (m) iso = `${m[1]}-${m[2].padStart(2, '0')}-${m[3].padStart(2, '0')}`;
    else if (/^\d{5}$/.test(v)) iso = new Date(Date.UTC(1899, 11, 30) + Number(v) * 86_400_000).toISOString().slice(0, 10);
    const d = iso ? new Date(`${iso}T00:00:00Z`) : null;
    if (!iso || !d || Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== iso) {
      this.fail(key, `${v} 不是有效日期（如 2026-03-01）`, `${v} is not a valid date (e.g. 2026-03-01)`);
      return null;
    }
    return iso;
  }

  /** 经度/纬度: both or neither, within WGS84. */
  position(lngKey: string, latKey: string): { lng: number | null; lat: number | null } {
    const lng = this.number(lngKey, { min: -180, max: 180 });
    const lat = this.number(latKey, { min: -90, max: 90 });
    if ((lng === null) !== (lat === null) && this.problems.length === 0) this.fail(lng === null ? lngKey : latKey, '经度和纬度须同时填写', 'longitude and latitude go together');
    return lng === null || lat === null ? { lng: null, lat: null } : { lng, lat };
  }
}

export type Resolved<T> = { ok: true; value: T } | { ok: false; reason: Bilingual };

/**
 * Region codes of a batch → regions in the caller's scope at the allowed levels. A code outside the
 * scope and an unknown code are told apart (only for the few codes that failed).
 */
export async function resolveRegions(tx: DbOrTx, sdb: ScopedDb, codes: string[], levels: readonly number[], levelName: Bilingual): Promise<Map<string, Resolved<RegionPlacementRow>>> {
  const distinct = [...new Set(codes.filter(Boolean))];
  const found = new Map((await findRegionsByCodes(sdb, distinct)).map((r) => [r.code, r]));
  const out = new Map<string, Resolved<RegionPlacementRow>>();
  for (const code of distinct) {
    const r = found.get(code);
    if (!r) {
      const anywhere = await findRegionByCodeSystem(tx as Db, code);
      out.set(code, { ok: false, reason: anywhere ? { zh: `区域 ${code} 超出您的管辖范围`, en: `region ${code} is outside your scope` } : { zh: `区域编码 ${code} 不存在`, en: `no region with code ${code}` } });
    } else if (r.archivedAt) out.set(code, { ok: false, reason: { zh: `${r.name} 已归档`, en: `${r.name} is archived` } });
    else if (!levels.includes(r.level)) out.set(code, { ok: false, reason: { zh: `${r.name} 不是${levelName.zh}`, en: `${r.name} is not a ${levelName.en}` } });
    else out.set(code, { ok: true, value: r });
  }
  return out;
}

/** Estates named by rows, found among those whose region contains the row's region (the deepest wins). */
export class EstateFinder {
  private constructor(private readonly byName: Map<string, estatesRepo.EstateRow[]>) {}

  static async load(sdb: ScopedDb, wanted: { name: string; path: string }[]): Promise<EstateFinder> {
    const named = wanted.filter((w) => w.name);
    const rows = await estatesRepo.findEstatesAbove(sdb, [...new Set(named.map((w) => w.name))], [...new Set(named.map((w) => w.path))]);
    const byName = new Map<string, estatesRepo.EstateRow[]>();
    for (const r of rows) byName.set(r.name, [...(byName.get(r.name) ?? []), r]);
    return new EstateFinder(byName);
  }

  find(name: string, path: string): Resolved<estatesRepo.EstateRow | null> {
    if (!name) return { ok: true, value: null };
    const hits = (this.byName.get(name) ?? []).filter((e) => path.startsWith(e.regionPath)).sort((a, z) => z.regionPath.length - a.regionPath.length);
    if (hits.length === 0) return { ok: false, reason: { zh: `该区域内没有小区「${name}」`, en: `no estate ${name} in that region` } };
    return { ok: true, value: hits[0] };
  }
}

export const buildingKey = (regionId: number, estateId: number | null, number: string) => `${regionId}:${estateId ?? 0}:${number}`;

/** Active buildings by (region, estate, number), for the rows of a batch. */
export async function buildingsByKey(tx: DbOrTx, keys: { regionId: number; estateId: number | null; number: string }[]): Promise<Map<string, buildingsRepo.BuildingRow>> {
  const seen = new Map(keys.map((k) => [buildingKey(k.regionId, k.estateId, k.number), k]));
  const rows = await buildingsRepo.findBuildingsByKey(tx, [...seen.values()]);
  return new Map(rows.map((b) => [buildingKey(b.regionId, b.estateId, b.number), b]));
}

/** Display helpers for exports. */
export const yesNo = (b: boolean) => (b ? '有' : '无');
export const str = (v: number | string | null | undefined) => (v === null || v === undefined ? '' : String(v));

/** Value equality for "unchanged": key order of JSON objects does not matter (jsonb reorders keys); numeric strings equal numbers. */
export function same(a: unknown, b: unknown): boolean {
  return canonical(a) === canonical(b);
}
function canonical(v: unknown): string {
  if (v === undefined || v === null) return 'null';
  if (typeof v === 'number') return String(v);
  if (typeof v === 'string') return /^-?\d+(\.\d+)?$/.test(v) ? String(Number(v)) : JSON.stringify(v);
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v instanceof Date) return JSON.stringify(v.toISOString());
  if (typeof v === 'object') return `{${Object.keys(v as object).sort().map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`).join(',')}}`;
  return JSON.stringify(v);
}

/** The fields of `next` that differ from `before` (empty = unchanged). */
export function changed<T extends Record<string, unknown>>(next: T, before: Record<string, unknown>): Partial<T> {
  const out: Partial<T> = {};
  for (const k of Object.keys(next) as (keyof T & string)[]) if (!same(next[k], before[k])) out[k] = next[k];
  return out;
}
