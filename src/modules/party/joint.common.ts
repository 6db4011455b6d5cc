// What joint committees, partnerships and leader contacts share: loading the party organizations
// and registry organizations they point at (in the caller's scope, active), and date checks that
// answer with the field's name.
import { AppError, type Bilingual } from '../../shared/errors.ts';
import type { ScopedDb } from '../../shared/scoped.ts';
import { ENTITY_NAMES } from '../registry/index.ts';
import { isCalendarDate } from './joint.rules.ts';
import * as refs from './joint.refs.ts';
import { loadPartyScoped, partyArchived, partyInvalid } from './party.common.ts';

export async function loadOrg(sdb: ScopedDb, id: number): Promise<refs.OrgRef> {
  const org = await loadPartyScoped('partyOrg', () => refs.findOrg(sdb, id), () => refs.unscopedOrgExists(sdb.db, id));
  if (org.archivedAt) throw partyArchived('partyOrg');
  return org;
}

/** A registry organization in scope, active, of one of the given kinds. */
export async function loadOrganization(sdb: ScopedDb, id: number, kinds: readonly string[], field: Bilingual): Promise<refs.OrganizationRef> {
  const o = await refs.findOrganization(sdb, id);
  if (!o) throw (await refs.unscopedOrganizationExists(sdb.db, id)) ? new AppError('SCOPE_DENIED') : new AppError('PARTY_NOT_FOUND', { entity: ENTITY_NAMES.organization });
  if (o.archivedAt) throw new AppError('PARTY_ARCHIVED', { entity: ENTITY_NAMES.organization });
  if (!kinds.includes(o.kind)) {
    const zh = (k: string) => KIND_ZH[k] ?? k;
    throw partyInvalid(field, { zh: `「${o.name}」是${zh(o.kind)}，须为${kinds.map(zh).join('或')}`, en: `${o.name} is a ${o.kind}, not a ${kinds.join(' or ')}` });
  }
  return o;
}

const KIND_ZH: Record<string, string> = {
  residentInstitution: '驻区单位',
  newOrganization: '两新组织',
  communityTeam: '群众团队',
  ownersCommittee: '业委会',
  propertyCompany: '物业公司',
};

export function checkDate(field: Bilingual, value: string): string {
  if (!isCalendarDate(value)) throw partyInvalid(field, { zh: `${value} 不是有效日期`, en: `${value} is not a calendar date` });
  return value;
}

/** An optional end date: a calendar day, not before the start. */
export function checkEnd(field: Bilingual, start: string | null, end: string | null | undefined): string | null {
  if (end === null || end === undefined) return null;
  checkDate(field, end);
  if (start !== null && end < start) throw partyInvalid(field, { zh: `不能早于开始日期 ${start}`, en: `cannot be before the start date ${start}` });
  return end;
}

export const FIELDS = {
  fromOn: { zh: '开始日期', en: 'start date' },
  toOn: { zh: '结束日期', en: 'end date' },
  startOn: { zh: '开始日期', en: 'start date' },
  endOn: { zh: '结束日期', en: 'end date' },
  institution: { zh: '驻区单位', en: 'resident institution' },
  name: { zh: '姓名', en: 'name' },
  title: { zh: '标题', en: 'title' },
  heldAt: { zh: '召开时间', en: 'meeting time' },
  heldOn: { zh: '活动日期', en: 'activity date' },
  visitedOn: { zh: '走访日期', en: 'visit date' },
  attendance: { zh: '参会人员', en: 'attendance' },
  decisions: { zh: '议定事项', en: 'decided items' },
  dueOn: { zh: '完成时限', en: 'due date' },
  org: { zh: '党组织', en: 'party organization' },
  partnerOrg: { zh: '结对单位党组织', en: "partner's party organization" },
  region: { zh: '联系对象', en: 'contact target' },
  organization: { zh: '联系企业', en: 'enterprise' },
  leader: { zh: '联系领导', en: 'leader' },
} satisfies Record<string, Bilingual>;

/** Text that must not be blank after trimming. */
export function required(field: Bilingual, value: string): string {
  const v = value.trim();
  if (!v) throw partyInvalid(field, { zh: '不能为空', en: 'must not be empty' });
  return v;
}
