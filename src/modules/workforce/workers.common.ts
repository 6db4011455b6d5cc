// What the workers, positions, teams and visits services share: field names for errors, input
// checks, "today" in Asia/Shanghai, and the departments a caller may name as a sending unit.
import type { DbOrTx } from '../../db/engine.ts';
import type { RequestContext } from '../../shared/context.ts';
import type { Bilingual } from '../../shared/errors.ts';
import { listDepartments } from '../accounts/index.ts';
import type { Db } from '../../db/engine.ts';
import { workforceInvalid } from './workforce.common.ts';
import { isDay, shanghaiDay } from './week.ts';

export const FIELDS = {
  name: { zh: '姓名', en: 'name' },
  gender: { zh: '性别', en: 'gender' },
  mobile: { zh: '手机号', en: 'mobile' },
  user: { zh: '系统用户', en: 'user' },
  resident: { zh: '居民', en: 'resident' },
  region: { zh: '所属区域', en: 'region' },
  sendingUnitKind: { zh: '派出单位类型', en: 'sending unit kind' },
  sendingUnit: { zh: '派出单位', en: 'sending unit' },
  department: { zh: '部门', en: 'department' },
  note: { zh: '备注', en: 'note' },
  kind: { zh: '岗位类型', en: 'position kind' },
  building: { zh: '楼栋', en: 'building' },
  unit: { zh: '单元', en: 'unit' },
  team: { zh: '驻村(社区)团队', en: 'stationed team' },
  zone: { zh: '网格片', en: 'grid zone' },
  isLeader: { zh: '队长', en: 'leader' },
  startOn: { zh: '开始日期', en: 'start date' },
  endOn: { zh: '结束日期', en: 'end date' },
  teamName: { zh: '团队名称', en: 'team name' },
  fixedWeekday: { zh: '固定驻点日', en: 'fixed visit day' },
  grid: { zh: '网格', en: 'grid' },
  lng: { zh: '经度', en: 'longitude' },
  lat: { zh: '纬度', en: 'latitude' },
  purpose: { zh: '走访类型', en: 'purpose' },
  notes: { zh: '走访记录', en: 'notes' },
  description: { zh: '问题描述', en: 'description' },
  residents: { zh: '走访居民', en: 'residents visited' },
  households: { zh: '走访住户', en: 'households visited' },
  from: { zh: '开始日期', en: 'from date' },
  to: { zh: '结束日期', en: 'to date' },
  title: { zh: '事件标题', en: 'case title' },
} satisfies Record<string, Bilingual>;
export type Field = keyof typeof FIELDS;

export const invalid = (field: Field, zh: string, en: string) => workforceInvalid(FIELDS[field], { zh, en });

/** Today's calendar day in Asia/Shanghai. */
export const today = (now = new Date()) => shanghaiDay(now);

export function checkDay(field: Field, value: string): string {
  if (!isDay(value)) throw invalid(field, '应为有效日期 YYYY-MM-DD', 'must be a real date, YYYY-MM-DD');
  return value;
}

/** Trimmed text within `max` characters; '' allowed unless `required`. */
export function checkText(field: Field, value: string | undefined | null, max: number, required = false): string {
  const v = (value ?? '').trim();
  if (required && !v) throw invalid(field, '不能为空', 'is required');
  if ([...v].length > max) throw invalid(field, `不能超过 ${max} 个字符`, `may not exceed ${max} characters`);
  return v;
}

/** Both coordinates or neither, each in range. */
export function checkPoint(lng: number | undefined, lat: number | undefined): { lng: number; lat: number } | null {
  if (lng === undefined && lat === undefined) return null;
  if (lng === undefined) throw invalid('lng', '须与纬度一起提供', 'must come with the latitude');
  if (lat === undefined) throw invalid('lat', '须与经度一起提供', 'must come with the longitude');
  if (!Number.isFinite(lng) || lng < -180 || lng > 180) throw invalid('lng', '应在 -180 到 180 之间', 'must be within -180..180');
  if (!Number.isFinite(lat) || lat < -90 || lat > 90) throw invalid('lat', '应在 -90 到 90 之间', 'must be within -90..90');
  return { lng, lat };
}

/**
 * Departments the caller may see (those serving a region in or above their scope), by id: a
 * department named as a sending unit must be one of them, and views name them from here.
 */
export async function visibleDepartments(db: DbOrTx, ctx: RequestContext): Promise<Map<number, { id: number; name: string }>> {
  const list = await listDepartments(db as Db, ctx);
  return new Map(list.map((d) => [d.id, { id: d.id, name: d.name }]));
}
