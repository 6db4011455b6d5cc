// The checks of a resident's own fields, shared by the API (create/update) and the sheet (import
// rows): formats, enums, the ID number's checksum and its agreement with birth date and gender.
// Both callers report the same field and the same bilingual reason. Nothing here needs the
// database; tags are checked against the active care groups by the caller that can see them.
import { AppError, type Bilingual } from '../../shared/errors.ts';
import { checkIdNumber, checkMobile } from './checks.ts';
import {
  GENDERS,
  HOUSEHOLD_ROLES,
  ID_TYPES,
  POLITICAL_STATUSES,
  RESIDENCE_TYPES,
  type Gender,
  type HouseholdRole,
  type IdType,
  type PoliticalStatus,
  type ResidenceType,
} from './residents.model.ts';
import type { RowProblem } from './sheet.ts';

/** Field names for errors, keyed like the sheet's columns. */
export const FIELD_LABELS: Record<string, Bilingual> = {
  name: { zh: '姓名', en: 'name' },
  gender: { zh: '性别', en: 'gender' },
  ethnicity: { zh: '民族', en: 'ethnicity' },
  birthDate: { zh: '出生日期', en: 'birth date' },
  idType: { zh: '证件类型', en: 'ID type' },
  idNumber: { zh: '证件号码', en: 'ID number' },
  mobile: { zh: '手机号码', en: 'mobile' },
  residenceType: { zh: '人口类型', en: 'residence type' },
  regionId: { zh: '所在网格', en: 'grid' },
  regionCode: { zh: '所在网格编码', en: 'grid code' },
  dwellingId: { zh: '房屋', en: 'dwelling' },
  estate: { zh: '小区', en: 'estate' },
  building: { zh: '楼栋', en: 'building' },
  unit: { zh: '单元', en: 'unit' },
  room: { zh: '房号', en: 'room' },
  householdId: { zh: '户', en: 'household' },
  householdHeadIdNumber: { zh: '户主证件号码', en: "household head's ID number" },
  householdRole: { zh: '与户主关系', en: 'relation to the household head' },
  employer: { zh: '工作单位', en: 'employer' },
  politicalStatus: { zh: '政治面貌', en: 'political status' },
  tags: { zh: '特殊人群', en: 'care groups' },
  seasonal: { zh: '是否候鸟', en: 'seasonal resident' },
  note: { zh: '备注', en: 'note' },
  stays: { zh: '候鸟居住时段', en: 'stay periods' },
  movedOn: { zh: '日期', en: 'date' },
  newHeadResidentId: { zh: '新户主', en: 'new household head' },
};

export interface ResidentFieldsRaw {
  name: string;
  gender?: string | null;
  ethnicity: string;
  birthDate?: string | null;
  idType: string;
  idNumber: string;
  mobile?: string | null;
  residenceType: string;
  householdRole: string;
  employer?: string;
  politicalStatus?: string;
  tags?: readonly string[];
  seasonal?: boolean;
  note?: string;
}

export interface ResidentFields {
  name: string;
  gender: Gender;
  ethnicity: string;
  birthDate: string;
  idType: IdType;
  idNumber: string;
  mobile: string | null;
  residenceType: ResidenceType;
  householdRole: HouseholdRole;
  employer: string;
  politicalStatus: PoliticalStatus;
  tags: string[];
  seasonal: boolean;
  note: string;
}

export const fieldLabel = (key: string): Bilingual => FIELD_LABELS[key] ?? { zh: key, en: key };

const r = (zh: string, en: string): Bilingual => ({ zh, en });

/** A real calendar date written YYYY-MM-DD, not after `today`. */
export function checkIsoDate(v: string, today = new Date(), allowFuture = false): Bilingual | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v);
  if (!m) return r(`日期格式应为 YYYY-MM-DD：${v}`, `date must be YYYY-MM-DD: ${v}`);
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const dt = new Date(Date.UTC(y, mo - 1, d));
  if (y < 1900 || dt.getUTCMonth() !== mo - 1 || dt.getUTCDate() !== d) return r(`日期不存在：${v}`, `no such date: ${v}`);
  if (!allowFuture && dt.getTime() > today.getTime()) return r(`日期晚于今天：${v}`, `date is in the future: ${v}`);
  return null;
}

const OTHER_ID_RE = /^[A-Z0-9]{5,30}$/;
/** Care-group codes: camelCase ASCII, as stored in care_groups.code. */
export const TAG_CODE_RE = /^[a-z][a-zA-Z0-9]{1,39}$/;

export function checkResidentFields(raw: ResidentFieldsRaw, today = new Date()): { ok: true; value: ResidentFields } | { ok: false; problems: RowProblem[] } {
  const problems: RowProblem[] = [];
  const bad = (column: string, reason: Bilingual) => problems.push({ column, reason });
  const name = raw.name.trim();
  if (!name) bad('name', r('不能为空', 'must not be empty'));
  else if (name.length > 50) bad('name', r('不能超过 50 个字', 'at most 50 characters'));
  const ethnicity = raw.ethnicity.trim();
  if (!ethnicity) bad('ethnicity', r('不能为空', 'must not be empty'));
  else if (ethnicity.length > 20) bad('ethnicity', r('不能超过 20 个字', 'at most 20 characters'));
  const inEnum = (column: string, labels: Record<string, string>, v: string | null | undefined) => {
    if (v && v in labels) return true;
    bad(column, r(`应为 ${Object.values(labels).join('、')} 之一`, `must be one of ${Object.keys(labels).join(', ')}`));
    return false;
  };
  inEnum('idType', ID_TYPES, raw.idType);
  inEnum('residenceType', RESIDENCE_TYPES, raw.residenceType);
  inEnum('householdRole', HOUSEHOLD_ROLES, raw.householdRole);
  const politicalStatus = raw.politicalStatus || 'masses';
  inEnum('politicalStatus', POLITICAL_STATUSES, politicalStatus);

  let idNumber = raw.idNumber.trim().toUpperCase();
  let gender = raw.gender || null;
  let birthDate = raw.birthDate || null;
  if (gender !== null) inEnum('gender', GENDERS, gender);
  if (birthDate !== null) {
    const why = checkIsoDate(birthDate, today);
    if (why) {
      bad('birthDate', why);
      birthDate = null;
    }
  }
  if (raw.idType === 'idCard') {
    const id = checkIdNumber(idNumber, today);
    if (!id.ok) bad('idNumber', id.reason);
    else {
      idNumber = id.value.idNumber;
      // The ID number encodes birth date and gender: a form or row that disagrees has a typo in one of them.
      if (birthDate !== null && birthDate !== id.value.birthDate) bad('birthDate', r(`与身份证号不符（身份证号为 ${id.value.birthDate}）`, `does not match the ID number (${id.value.birthDate})`));
      if (gender !== null && gender in GENDERS && gender !== id.value.gender) bad('gender', r(`与身份证号不符（身份证号为${GENDERS[id.value.gender]}）`, `does not match the ID number (${id.value.gender})`));
      birthDate ??= id.value.birthDate;
      gender ??= id.value.gender;
    }
  } else if (raw.idType in ID_TYPES) {
    if (!OTHER_ID_RE.test(idNumber)) bad('idNumber', r('应为 5–30 位字母或数字', 'must be 5–30 letters or digits'));
    if (gender === null) bad('gender', r('非身份证人员须填写性别', 'required when the ID is not a citizen ID card'));
    if (birthDate === null && !problems.some((p) => p.column === 'birthDate')) bad('birthDate', r('非身份证人员须填写出生日期', 'required when the ID is not a citizen ID card'));
  }

  let mobile: string | null = null;
  if (raw.mobile && raw.mobile.trim()) {
    const m = checkMobile(raw.mobile);
    if (m.ok) mobile = m.value;
    else bad('mobile', m.reason);
  }
  const tags = [...new Set((raw.tags ?? []).map((t) => t.trim()).filter(Boolean))];
  for (const t of tags) if (!TAG_CODE_RE.test(t)) bad('tags', r(`未知的特殊人群类别：${t}`, `unknown care group: ${t}`));
  const employer = (raw.employer ?? '').trim();
  if (employer.length > 100) bad('employer', r('不能超过 100 个字', 'at most 100 characters'));
  const note = (raw.note ?? '').trim();
  if (note.length > 500) bad('note', r('不能超过 500 个字', 'at most 500 characters'));

  if (problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    value: {
      name,
      gender: gender as Gender,
      ethnicity,
      birthDate: birthDate!,
      idType: raw.idType as IdType,
      idNumber,
      mobile,
      residenceType: raw.residenceType as ResidenceType,
      householdRole: raw.householdRole as HouseholdRole,
      employer,
      politicalStatus: politicalStatus as PoliticalStatus,
      tags,
      seasonal: raw.seasonal ?? false,
      note,
    },
  };
}

/** The API form of a failed check: the first problem as REGISTRY_FIELD_INVALID, all of them in details. */
export function throwProblems(problems: RowProblem[]): never {
  const first = problems[0];
  throw new AppError('REGISTRY_FIELD_INVALID', { field: fieldLabel(first.column), reason: first.reason }, { problems });
}
