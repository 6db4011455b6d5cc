// The resident sheet (实有人口): template columns with the Chinese headers offices use, parsing of
// one uploaded row into a ResidentInput (everything checkable without the database), the batch
// write (delegated to the bulk writer) and masked export pages with the list's filters.
import type { DbOrTx } from '../../db/engine.ts';
import type { RequestContext } from '../../shared/context.ts';
import type { Bilingual } from '../../shared/errors.ts';
import { scoped } from '../../shared/scoped.ts';
import { DEFAULT_CARE_GROUPS } from './care-groups.defaults.ts';
import { listCareGroups } from './care-groups.repository.ts';
import { checkIdNumber } from './checks.ts';
import { householdsByIds } from './households.repository.ts';
import { writeResidents } from './residents.bulk.ts';
import { checkResidentFields, TAG_CODE_RE } from './residents.input.ts';
import { GENDERS, HOUSEHOLD_ROLES, ID_TYPES, POLITICAL_STATUSES, RESIDENCE_TYPES, codeOf, type ResidentInput } from './residents.model.ts';
import * as repo from './residents.repository.ts';
import { classify, pageContext, toFilter, type ResidentQuery } from './residents.search.ts';
import { assertRegistryReader } from './residents.service.ts';
import type { EntitySheet, Parsed, RowProblem, SheetColumn } from './sheet.ts';

const b = (zh: string, en: string): Bilingual => ({ zh, en });
const labels = (o: Record<string, string>) => Object.values(o);

export const RESIDENT_COLUMNS: SheetColumn[] = [
  { key: 'name', header: '姓名', headerEn: 'Name', required: true, example: '张伟', width: 10 },
  { key: 'gender', header: '性别', headerEn: 'Gender', hint: b('男/女；空白时按身份证号', 'male/female; blank: from the ID number'), example: '男', choices: labels(GENDERS), width: 6 },
  { key: 'ethnicity', header: '民族', headerEn: 'Ethnicity', required: true, example: '汉族', width: 8 },
  { key: 'birthDate', header: '出生日期', headerEn: 'Birth date', hint: b('YYYY-MM-DD；空白时按身份证号', 'YYYY-MM-DD; blank: from the ID number'), example: '1985-03-12', width: 12 },
  { key: 'idType', header: '证件类型', headerEn: 'ID type', hint: b('空白为居民身份证', 'blank: citizen ID card'), example: '居民身份证', choices: labels(ID_TYPES), width: 14 },
  { key: 'idNumber', header: '证件号码', headerEn: 'ID number', aliases: ['身份证号', '身份证号码', '公民身份号码'], required: true, hint: b('18 位身份证号，校验位须正确', '18-character ID number with a correct check digit'), example: '440305198503120017', width: 22 },
  { key: 'mobile', header: '手机号码', headerEn: 'Mobile', aliases: ['手机号', '联系电话', '电话'], example: '13812345678', width: 14 },
  { key: 'residenceType', header: '人口类型', headerEn: 'Residence type', required: true, example: '户籍人口', choices: labels(RESIDENCE_TYPES), width: 10 },
  { key: 'regionCode', header: '所在网格编码', headerEn: 'Grid code', aliases: ['网格编码'], required: true, hint: b('网格或微网格编码', 'code of the grid or micro-grid'), example: '', width: 26 },
  { key: 'estate', header: '小区', headerEn: 'Estate', example: '阳光小区', width: 14 },
  { key: 'building', header: '楼栋', headerEn: 'Building', example: '3', width: 8 },
  { key: 'unit', header: '单元', headerEn: 'Unit', hint: b('空白为 1 单元', 'blank: unit 1'), example: '2', width: 6 },
  { key: 'room', header: '房号', headerEn: 'Room', aliases: ['门牌号', '室'], example: '501', width: 8 },
  { key: 'householdHeadIdNumber', header: '户主证件号码', headerEn: "Household head's ID number", aliases: ['户主身份证号'], hint: b('本人为户主时留空', 'blank when this person is the head'), example: '', width: 22 },
  { key: 'householdRole', header: '与户主关系', headerEn: 'Relation to head', example: '户主', choices: labels(HOUSEHOLD_ROLES), width: 10 },
  { key: 'employer', header: '工作单位', headerEn: 'Employer', example: '', width: 20 },
  { key: 'politicalStatus', header: '政治面貌', headerEn: 'Political status', hint: b('空白为群众', 'blank: masses'), example: '群众', choices: labels(POLITICAL_STATUSES), width: 12 },
  { key: 'tags', header: '特殊人群', headerEn: 'Care groups', hint: b('多个用 、 或 , 分隔', 'several separated by 、 or ,'), example: '独居老人', width: 18 },
  { key: 'seasonal', header: '是否候鸟', headerEn: 'Seasonal', example: '否', choices: ['是', '否'], width: 8 },
  { key: 'note', header: '备注', headerEn: 'Note', example: '', width: 20 },
];

/** Dates as offices type them: 1985-03-12, 1985/3/12, 19850312, or an Excel serial day number. */
export function parseSheetDate(v: string): string | null {
  const s = v.trim();
  let y: number, m: number, d: number;
  let mt: RegExpExecArray | null;
  if ((mt = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?:[ T].*)?$/.exec(s))) [y, m, d] = [Number(mt[1]), Number(mt[2]), Number(mt[3])];
  else if ((mt = /^(\d{4})(\d{2})(\d{2})$/.exec(s))) [y, m, d] = [Number(mt[1]), Number(mt[2]), Number(mt[3])];
  else if (/^\d{1,5}(\.\d+)?$/.test(s)) {
    // Excel counts days from 1899-12-30 (its 1900 leap-year bug included in that epoch).
    const dt = new Date(Date.UTC(1899, 11, 30) + Math.floor(Number(s)) * 86_400_000);
    [y, m, d] = [dt.getUTCFullYear(), dt.getUTCMonth() + 1, dt.getUTCDate()];
  } else return null;
  const dt = new Date(Date.UTC(y, m - 1, d));
  if (dt.getUTCFullYear() !== y || dt.getUTCMonth() !== m - 1 || dt.getUTCDate() !== d) return null;
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

const CN_DIGITS: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9, 十: 10 };
function parseUnit(v: string): number | null {
  const s = v.trim().replace(/单元$/, '');
  if (!s) return 1;
  if (/^\d{1,3}$/.test(s)) return Number(s) >= 1 ? Number(s) : null;
  return CN_DIGITS[s] ?? null;
}

const TAG_BY_NAME = new Map(DEFAULT_CARE_GROUPS.map((g) => [g.nameZh, g.code]));
const YES = new Set(['是', 'Y', 'YES', 'TRUE', '1']);
const NO = new Set(['', '否', 'N', 'NO', 'FALSE', '0']);

export function parseResidentRow(cells: Record<string, string>): Parsed<ResidentInput> {
  const problems: RowProblem[] = [];
  const cell = (k: string) => (cells[k] ?? '').trim();
  const bad = (column: string, zh: string, en: string) => problems.push({ column, reason: b(zh, en) });
  const enumOf = <T extends Record<string, string>>(column: string, o: T, fallback: keyof T | null): keyof T | null => {
    const v = cell(column);
    if (!v) {
      if (fallback === null) bad(column, '不能为空', 'must not be empty');
      return fallback;
    }
    const c = codeOf(o, v);
    if (c === undefined) bad(column, `应为 ${labels(o).join('、')} 之一`, `must be one of ${labels(o).join(', ')}`);
    return c ?? null;
  };

  const gender = cell('gender') ? enumOf('gender', GENDERS, null) : null;
  const idType = enumOf('idType', ID_TYPES, 'idCard');
  const residenceType = enumOf('residenceType', RESIDENCE_TYPES, null);
  const politicalStatus = enumOf('politicalStatus', POLITICAL_STATUSES, 'masses');
  let birthDate: string | null = null;
  if (cell('birthDate')) {
    birthDate = parseSheetDate(cell('birthDate'));
    if (!birthDate) bad('birthDate', `无法识别的日期：${cell('birthDate')}`, `not a date: ${cell('birthDate')}`);
  }
  const seasonalRaw = cell('seasonal').toUpperCase();
  if (!YES.has(seasonalRaw) && !NO.has(seasonalRaw)) bad('seasonal', '应为 是 或 否', 'must be 是 (yes) or 否 (no)');

  const tags: string[] = [];
  for (const t of cell('tags').split(/[、,，;；\s]+/).filter(Boolean)) {
    const code = TAG_BY_NAME.get(t) ?? (TAG_CODE_RE.test(t) ? t : undefined);
    if (code) tags.push(code);
    else bad('tags', `未知的特殊人群类别：${t}`, `unknown care group: ${t}`);
  }

  const ownId = cell('idNumber').toUpperCase();
  const headId = cell('householdHeadIdNumber').toUpperCase();
  const headIsSelf = !headId || headId === ownId;
  let householdRole = cell('householdRole') ? enumOf('householdRole', HOUSEHOLD_ROLES, null) : headIsSelf ? 'head' : 'other';
  if (householdRole === 'head' && !headIsSelf) bad('householdRole', '填了他人为户主，本人不能是户主', "someone else is named as head, so this person cannot be the head");
  if (headId && !headIsSelf) {
    // Eighteen characters opening with digits is a citizen ID number: check it as one.
    if (/^\d{17}./.test(headId) || /^\d{15,18}$/.test(headId)) {
      const h = checkIdNumber(headId);
      if (!h.ok) problems.push({ column: 'householdHeadIdNumber', reason: h.reason });
    } else if (!/^[A-Z0-9]{5,30}$/.test(headId)) bad('householdHeadIdNumber', '应为 5–30 位字母或数字', 'must be 5–30 letters or digits');
  }
  if (householdRole !== 'head' && headIsSelf && headId) householdRole = 'head';

  const building = cell('building');
  const room = cell('room').replace(/室$/, '');
  const unit = parseUnit(cell('unit'));
  if (unit === null) bad('unit', `无法识别的单元：${cell('unit')}`, `not a unit number: ${cell('unit')}`);
  let dwellingRef: ResidentInput['dwellingRef'] = null;
  if (building || room || cell('estate') || cell('unit')) {
    if (!building) bad('building', '填写了房屋地址但缺少楼栋', 'the address has no building');
    if (!room) bad('room', '填写了房屋地址但缺少房号', 'the address has no room');
    dwellingRef = { estate: cell('estate'), building, unit: unit ?? 1, room };
  }
  const regionCode = cell('regionCode');
  if (!regionCode) bad('regionCode', '不能为空', 'must not be empty');
  else if (!/^[0-9A-Za-z]{1,40}$/.test(regionCode)) bad('regionCode', '编码只能是字母和数字', 'codes are letters and digits');

  const checked = checkResidentFields({
    name: cell('name'),
    gender: gender as string | null,
    ethnicity: cell('ethnicity'),
    birthDate,
    idType: (idType as string | null) ?? 'idCard',
    idNumber: ownId,
    mobile: cell('mobile') || null,
    residenceType: (residenceType as string | null) ?? 'registered',
    householdRole: (householdRole as string | null) ?? 'other',
    employer: cell('employer'),
    politicalStatus: (politicalStatus as string | null) ?? 'masses',
    tags,
    seasonal: YES.has(seasonalRaw),
    note: cell('note'),
  });
  // Problems already reported for a column (e.g. an enum label) are not repeated by the core check.
  if (!checked.ok) for (const p of checked.problems) if (!problems.some((q) => q.column === p.column)) problems.push(p);
  if (problems.length > 0 || !checked.ok) return { ok: false, problems };
  const f = checked.value;
  return {
    ok: true,
    value: { ...f, regionCode, dwellingRef, householdHeadIdNumber: f.householdRole === 'head' ? null : headId || null },
  };
}

const yesNo = (v: boolean) => (v ? '是' : '否');

async function exportPage(db: DbOrTx, ctx: RequestContext, filters: Record<string, unknown>, afterId: number, limit: number) {
  assertRegistryReader(ctx);
  const sdb = scoped(db, ctx.actor.scope);
  const q = filters as ResidentQuery;
  const [filter, branches] = await Promise.all([toFilter(sdb, q), classify(sdb, q.q)]);
  const rows = await repo.exportRows(sdb, filter, branches, afterId, limit);
  const { regions, places } = await pageContext(db, sdb, rows);
  const households = new Map((await householdsByIds(sdb, rows.flatMap((r) => (r.householdId ? [r.householdId] : [])))).map((h) => [h.id, h]));
  const headIds = [...new Set([...households.values()].flatMap((h) => (h.headResidentId ? [h.headResidentId] : [])))];
  const heads = new Map((await repo.findResidentsByIds(sdb, headIds)).map((r) => [r.id, r]));
  const groupNames = new Map((await listCareGroups(db)).map((g) => [g.code, g.nameZh]));
  const out = rows.map((r) => {
    const place = r.dwellingId ? places.get(r.dwellingId) : undefined;
    const h = r.householdId ? households.get(r.householdId) : undefined;
    const head = h?.headResidentId && h.headResidentId !== r.id ? heads.get(h.headResidentId) : undefined;
    return {
      name: r.name,
      gender: GENDERS[r.gender as keyof typeof GENDERS] ?? r.gender,
      ethnicity: r.ethnicity,
      birthDate: r.birthDate,
      idType: ID_TYPES[r.idType as keyof typeof ID_TYPES] ?? r.idType,
      idNumber: r.idNumberMasked,
      mobile: r.mobileMasked ?? '',
      residenceType: RESIDENCE_TYPES[r.residenceType as keyof typeof RESIDENCE_TYPES] ?? r.residenceType,
      regionCode: regions.get(r.regionId)?.code ?? '',
      estate: place?.estate?.name ?? '',
      building: place?.building.number ?? '',
      unit: place ? String(place.unitNumber) : '',
      room: place?.number ?? '',
      householdHeadIdNumber: head?.idNumberMasked ?? '',
      householdRole: HOUSEHOLD_ROLES[r.householdRole as keyof typeof HOUSEHOLD_ROLES] ?? r.householdRole,
      employer: r.employer,
      politicalStatus: POLITICAL_STATUSES[r.politicalStatus as keyof typeof POLITICAL_STATUSES] ?? r.politicalStatus,
      tags: r.tags.map((t) => groupNames.get(t) ?? t).join('、'),
      seasonal: yesNo(r.seasonal),
      note: r.note,
    };
  });
  return { rows: out, lastId: rows.length > 0 ? rows[rows.length - 1].id : null };
}

export const residentSheet: EntitySheet<ResidentInput> = {
  entity: 'resident',
  title: { zh: '实有人口', en: 'Residents' },
  columns: RESIDENT_COLUMNS,
  parse: parseResidentRow,
  write: (tx, ctx, sdb, rows) => writeResidents(tx, ctx, sdb, rows),
  exportPage,
};
