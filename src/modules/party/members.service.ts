// Party members (党员): linked to their resident record where they live in the area (one active
// member per resident; the resident's political status follows the member's standing), or kept by
// name only. Kind (在职/退休/流动/候鸟), organization, joining date, skills. The mobile is personal
// data: stored encrypted, listed masked. Moves between organizations are in members.moves.ts.
import type { Db } from '../../db/engine.ts';
import { assertPermission } from '../../shared/authz.ts';
import { WHOLE_SYSTEM, type RequestContext } from '../../shared/context.ts';
import { AppError } from '../../shared/errors.ts';
import { encryptPii, maskMobile, piiLookupHash, decryptPii } from '../../shared/pii.ts';
import { scoped, type ScopedDb } from '../../shared/scoped.ts';
import { recordAudit } from '../audit/index.ts';
import { loadInScope, pinyinKeys } from '../regions/index.ts';
import { residentForParty, setResidentPoliticalStatus, type ResidentForParty } from '../registry/index.ts';
import { checkMemberFields, MEMBER_FIELDS, type MemberField, type MemberFields } from './members.input.ts';
import * as repo from './members.repository.ts';
import type { PartyMemberDetail, PartyMemberInput, PartyMemberView } from './members.views.ts';
import { loadActiveOrg, loadAttached, loadOrg } from './orgs.service.ts';
import * as orgRepo from './orgs.repository.ts';
import { todayShanghai } from './orgs.rules.ts';
import { loadPartyScoped, partyArchived, partyConflict, partyInvalid } from './party.common.ts';
import { LEFT_REASONS, MEMBER_KINDS, MEMBER_STANDINGS, OFFICER_ROLES, PARTY_ENTITIES, type MemberKind, type OfficerRole } from './party.model.ts';

export const invalidMember = (field: MemberField, zh: string, en: string) => partyInvalid(MEMBER_FIELDS[field], { zh, en });

export const loadMember = (sdb: ScopedDb, id: number) => loadPartyScoped('partyMember', () => repo.findMember(sdb, id), () => repo.unscopedMemberExists(sdb.db, id));

/** Levels a name-only member may be placed at (street to micro-grid). */
const MEMBER_LEVELS = [3, 4, 5, 6];

export function toMemberView(r: repo.MemberListRow): PartyMemberView {
  return {
    id: r.id,
    name: r.name,
    gender: r.gender,
    birthDate: r.birthDate,
    mobileMasked: r.mobileMasked,
    kind: r.kind,
    kindLabel: MEMBER_KINDS[r.kind as MemberKind] ?? r.kind,
    standing: r.standing,
    standingLabel: MEMBER_STANDINGS[r.standing as keyof typeof MEMBER_STANDINGS] ?? r.standing,
    org: { id: r.orgId, name: r.orgName },
    resident: r.residentId ? { id: r.residentId, name: r.residentName ?? '' } : null,
    region: { id: r.regionId, name: r.regionName },
    joinedPartyOn: r.joinedPartyOn,
    employer: r.employer,
    institution: r.institutionId ? { id: r.institutionId, name: r.institutionName ?? '' } : null,
    skills: r.skills,
    archivedAt: r.archivedAt ? r.archivedAt.toISOString() : null,
    leftReason: r.leftReason,
    leftReasonLabel: r.leftReason ? (LEFT_REASONS[r.leftReason as keyof typeof LEFT_REASONS] ?? r.leftReason) : null,
    version: r.version,
  };
}

/** A member row as the audit log may hold it: no ciphertext, no lookup hash. */
export function auditSafe(r: repo.MemberRow): Record<string, unknown> {
  const { mobileEnc: _e, mobileHash: _h, ...rest } = r;
  return rest;
}

export interface MemberQuery {
  orgId?: number;
  regionId?: number;
  kind?: string;
  q?: string;
  includeSubOrgs?: boolean;
  includeArchived?: boolean;
  limit?: number;
  offset?: number;
}

export async function memberFilters(sdb: ScopedDb, q: MemberQuery): Promise<repo.MemberFilters> {
  const f: repo.MemberFilters = { kind: q.kind, includeArchived: q.includeArchived };
  if (q.regionId) f.regionPath = (await loadInScope(sdb, q.regionId)).path;
  if (q.orgId) {
    const org = await loadOrg(sdb, q.orgId);
    f.orgIds = q.includeSubOrgs ? await orgRepo.subtreeIds(sdb.db, org.id) : [org.id];
  }
  const text = q.q?.trim();
  if (text && /^1\d{10}$/.test(text)) f.mobileHash = piiLookupHash(text);
  else if (text) f.q = text;
  return f;
}

export async function listPartyMembers(db: Db, ctx: RequestContext, q: MemberQuery): Promise<{ items: PartyMemberView[]; total: number }> {
  const sdb = scoped(db, ctx.actor.scope);
  const { rows, total } = await repo.listMembers(sdb, await memberFilters(sdb, q), q.limit ?? 50, q.offset ?? 0);
  return { items: rows.map(toMemberView), total };
}

export async function getPartyMember(db: Db, ctx: RequestContext, id: number): Promise<PartyMemberDetail> {
  const sdb = scoped(db, ctx.actor.scope);
  const row = await loadMember(sdb, id);
  const history = (await repo.history(db, id)).map((h) => ({ org: { id: h.orgId, name: h.orgName }, fromOn: h.fromOn, toOn: h.toOn, reason: h.reason }));
  const posts = (await orgRepo.postsOf(db, id)).map((p) => ({ org: { id: p.orgId, name: p.orgName }, role: p.role, roleLabel: OFFICER_ROLES[p.role as OfficerRole] ?? p.role }));
  return { ...toMemberView(row), history, posts };
}

/** The resident to link: visible, active, not already another active member. */
async function linkable(sdb: ScopedDb, residentId: number, selfId: number | null): Promise<ResidentForParty> {
  const r = await residentForParty(sdb, residentId);
  if (r.archived) throw invalidMember('residentId', `居民 ${r.name} 已迁出或死亡`, `resident ${r.name} is archived`);
  const other = await repo.activeByResident(sdb.db, residentId, selfId);
  if (other) throw new AppError('PARTY_DUPLICATE', { entity: PARTY_ENTITIES.partyMember, key: `${r.name}（居民 ${r.id}）` });
  return r;
}

async function loadInstitution(sdb: ScopedDb, id: number): Promise<void> {
  const o = await loadAttached('organization', () => orgRepo.findRegistryOrg(sdb, id), () => orgRepo.unscopedRegistryOrgExists(sdb.db, id));
  if (o.kind !== 'residentInstitution') throw invalidMember('institutionId', `${o.name} 不是驻区单位`, `${o.name} is not a resident institution`);
  if (o.archivedAt) throw invalidMember('institutionId', `${o.name} 已注销`, `${o.name} is archived`);
}

/** Where a member is placed: where their resident lives; else the region given; else their organization's. */
async function placeMember(sdb: ScopedDb, resident: ResidentForParty | null, regionId: number | null | undefined, org: { regionId: number; regionPath: string }): Promise<{ id: number; path: string }> {
  if (resident) {
    if (regionId && regionId !== resident.regionId) throw invalidMember('regionId', '关联居民的党员随居民所在区域', "a member linked to a resident lives where the resident does");
    return { id: resident.regionId, path: resident.regionPath };
  }
  if (!regionId) return { id: org.regionId, path: org.regionPath };
  const r = await loadInScope(sdb, regionId);
  if (r.archivedAt) throw invalidMember('regionId', `${r.name} 已撤销`, `${r.name} is archived`);
  if (!MEMBER_LEVELS.includes(r.level)) throw invalidMember('regionId', '只能是街道、社区、网格或微网格', 'a street, community, grid or micro-grid');
  return { id: r.id, path: r.path };
}

function mobileColumns(mobile: string | null) {
  return mobile ? { mobileEnc: encryptPii(mobile), mobileHash: piiLookupHash(mobile), mobileMasked: maskMobile(mobile) } : { mobileEnc: null, mobileHash: null, mobileMasked: null };
}

function checked(f: MemberFields): MemberFields {
  const c = checkMemberFields(f, todayShanghai());
  if (!c.ok) throw partyInvalid(MEMBER_FIELDS[c.problem.field], c.problem.reason);
  return c.value;
}

const statusOf = (standing: string) => (standing === 'probationary' ? 'probationaryMember' : 'partyMember') as 'partyMember' | 'probationaryMember';

/** Unique-index races (two requests linking one resident) answer as the duplicate they are. */
function duplicateRace(e: unknown): never {
  for (let cur: unknown = e, depth = 0; cur && depth < 4; cur = (cur as { cause?: unknown }).cause, depth++) {
    if ((cur as { code?: string }).code === '23505') throw new AppError('PARTY_DUPLICATE', { entity: PARTY_ENTITIES.partyMember, key: { zh: '该居民已是党员', en: 'that resident is already a member' } });
  }
  throw e;
}

export async function createPartyMember(db: Db, ctx: RequestContext, input: PartyMemberInput): Promise<PartyMemberDetail> {
  assertPermission(ctx, 'party.write');
  const id = await db
    .transaction(async (tx) => {
      const sdb = scoped(tx, ctx.actor.scope);
      const org = await loadActiveOrg(sdb, input.orgId);
      const resident = input.residentId ? await linkable(sdb, input.residentId, null) : null;
      if (!resident && !input.name?.trim()) throw invalidMember('name', '未关联居民时必填', 'required unless a resident is linked');
      if (!resident && !input.gender) throw invalidMember('gender', '未关联居民时必填', 'required unless a resident is linked');
      const f = checked({
        name: input.name ?? resident?.name ?? '',
        gender: input.gender ?? resident?.gender ?? '',
        birthDate: input.birthDate ?? resident?.birthDate ?? null,
        mobile: input.mobile ?? null,
        kind: input.kind,
        standing: input.standing ?? 'full',
        joinedPartyOn: input.joinedPartyOn ?? null,
        employer: input.employer ?? '',
        skills: input.skills ?? [],
      });
      if (input.institutionId) await loadInstitution(sdb, input.institutionId);
      const where = await placeMember(sdb, resident, input.regionId, org);
      const row = await repo.insertMember(tx, {
        regionId: where.id,
        regionPath: where.path,
        residentId: resident?.id ?? null,
        name: f.name,
        nameInitials: pinyinKeys(f.name).initials,
        gender: f.gender,
        birthDate: f.birthDate,
        ...mobileColumns(f.mobile),
        kind: f.kind,
        orgId: org.id,
        joinedPartyOn: f.joinedPartyOn,
        standing: f.standing,
        employer: f.employer,
        institutionId: input.institutionId ?? null,
        skills: f.skills,
      });
      // The membership history opens with the registration; transfers close and open rows.
      await repo.openMembership(tx, row.id, org.id, todayShanghai(), '登记');
      if (resident) await setResidentPoliticalStatus(tx, ctx, resident.id, statusOf(f.standing));
      await recordAudit(tx, ctx, { action: 'partyMember.create', entityType: 'partyMember', entityId: row.id, regionPath: row.regionPath, after: auditSafe(row) });
      return row.id;
    })
    .catch(duplicateRace);
  return getPartyMember(db, ctx, id);
}

export type MemberPatch = Partial<Omit<PartyMemberInput, 'orgId'>> & { version: number };

export async function updatePartyMember(db: Db, ctx: RequestContext, id: number, patch: MemberPatch): Promise<PartyMemberDetail> {
  assertPermission(ctx, 'party.write');
  const { version, ...changes } = patch;
  await db
    .transaction(async (tx) => {
      const sdb = scoped(tx, ctx.actor.scope);
      const before = await loadMember(sdb, id);
      if (before.archivedAt) throw partyArchived('partyMember');
      const residentChanged = 'residentId' in changes && (changes.residentId ?? null) !== before.residentId;
      const resident = residentChanged && changes.residentId ? await linkable(sdb, changes.residentId, id) : null;
      // A newly linked resident supplies what the change does not say.
      const f = checked({
        name: changes.name ?? resident?.name ?? before.name,
        gender: changes.gender ?? resident?.gender ?? before.gender,
        birthDate: 'birthDate' in changes ? (changes.birthDate ?? null) : (resident?.birthDate ?? before.birthDate),
        mobile: 'mobile' in changes ? (changes.mobile ?? null) : before.mobileEnc ? decryptPii(before.mobileEnc) : null,
        kind: changes.kind ?? before.kind,
        standing: changes.standing ?? before.standing,
        joinedPartyOn: 'joinedPartyOn' in changes ? (changes.joinedPartyOn ?? null) : before.joinedPartyOn,
        employer: changes.employer ?? before.employer,
        skills: changes.skills ?? before.skills,
      });
      const institutionId = 'institutionId' in changes ? (changes.institutionId ?? null) : before.institutionId;
      if (institutionId && institutionId !== before.institutionId) await loadInstitution(sdb, institutionId);
      // The member's own organization, wherever it sits: only its region is needed here.
      const org = await orgRepo.findOrg(scoped(tx, WHOLE_SYSTEM), before.orgId);
      let where = { id: before.regionId, path: before.regionPath };
      if (resident) where = await placeMember(sdb, resident, changes.regionId, org!);
      else if (changes.regionId && changes.regionId !== before.regionId) {
        if (before.residentId && !residentChanged) throw invalidMember('regionId', '关联居民的党员随居民所在区域', 'a member linked to a resident lives where the resident does');
        where = await placeMember(sdb, null, changes.regionId, org!);
      }
      const keepMobile = 'mobile' in changes ? false : true;
      const after = await repo.updateMember(tx, id, version, {
        regionId: where.id,
        regionPath: where.path,
        residentId: residentChanged ? (resident?.id ?? null) : before.residentId,
        name: f.name,
        nameInitials: pinyinKeys(f.name).initials,
        gender: f.gender,
        birthDate: f.birthDate,
        // Unchanged ciphertext is kept: re-encrypting would only churn the row.
        ...(keepMobile ? {} : mobileColumns(f.mobile)),
        kind: f.kind,
        standing: f.standing,
        joinedPartyOn: f.joinedPartyOn,
        employer: f.employer,
        institutionId,
        skills: f.skills,
      });
      if (!after) throw partyConflict();
      if (after.residentId && (residentChanged || after.standing !== before.standing)) await setResidentPoliticalStatus(tx, ctx, after.residentId, statusOf(after.standing));
      await recordAudit(tx, ctx, { action: 'partyMember.update', entityType: 'partyMember', entityId: id, regionPath: after.regionPath, before: auditSafe(before), after: auditSafe(after) });
    })
    .catch(duplicateRace);
  return getPartyMember(db, ctx, id);
}

/** The full mobile of one member: needs `pii.read`, and the audit row commits with the read. */
export async function revealPartyMember(db: Db, ctx: RequestContext, id: number): Promise<{ id: number; mobile: string | null }> {
  // Checked before loading, so someone without the permission learns nothing, not even existence.
  assertPermission(ctx, 'pii.read');
  return db.transaction(async (tx) => {
    const m = await loadMember(scoped(tx, ctx.actor.scope), id);
    await recordAudit(tx, ctx, { action: 'pii.view', entityType: 'partyMember', entityId: m.id, regionPath: m.regionPath, after: { fields: ['mobile'], subject: `${m.name}（党员 ${m.id}）` } });
    return { id: m.id, mobile: m.mobileEnc ? decryptPii(m.mobileEnc) : null };
  });
}
