// Request schemas of the organization, member and rules routes. Objects refuse unknown fields;
// enums come from party.model.ts so API, web and demo agree on the keys. Finer checks (real dates,
// tree shape, scope) happen in the services, which name the field and the reason in zh and en.
import { Type, type TSchema } from '@sinclair/typebox';
import { Id, Obj, Paging } from '../../shared/schema.ts';
import { ATTACH_KINDS, LEFT_REASONS, MEMBER_KINDS, MEMBER_STANDINGS, OFFICER_ROLES, PARTY_ORG_KINDS } from './party.model.ts';

const keys = <M extends Record<string, unknown>>(m: M) => Type.Unsafe<keyof M & string>(Type.Union(Object.keys(m).map((k) => Type.Literal(k))));
const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);
const Text = (max: number) => Type.String({ maxLength: max });
export const Day = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'YYYY-MM-DD' });
const Version = Type.Integer({ minimum: 1, maximum: 2147483647 });
const Bool = Type.Boolean();

const orgFields = {
  parentId: Type.Optional(Nullable(Id)),
  kind: keys(PARTY_ORG_KINDS),
  name: Type.String({ minLength: 1, maxLength: 100 }),
  regionId: Type.Optional(Nullable(Id)),
  attachKind: Type.Optional(keys(ATTACH_KINDS)),
  estateId: Type.Optional(Nullable(Id)),
  buildingId: Type.Optional(Nullable(Id)),
  institutionId: Type.Optional(Nullable(Id)),
  joint: Type.Optional(Bool),
  establishedOn: Type.Optional(Nullable(Day)),
  startOn: Type.Optional(Nullable(Day)),
  endOn: Type.Optional(Nullable(Day)),
  note: Type.Optional(Text(2000)),
};
export const OrgBody = Obj(orgFields);
export const OrgPatch = Obj({ version: Version, ...Type.Partial(Obj(orgFields)).properties });
export const OrgListQuery = Obj({
  regionId: Type.Optional(Id),
  kind: Type.Optional(keys(PARTY_ORG_KINDS)),
  q: Type.Optional(Text(100)),
  includeArchived: Type.Optional(Bool),
});
export const VersionBody = Obj({ version: Version });
export const OfficersBody = Obj({ officers: Type.Array(Obj({ memberId: Id, role: keys(OFFICER_ROLES) }), { maxItems: 50 }) });

const memberFields = {
  name: Type.Optional(Type.String({ maxLength: 50 })),
  gender: Type.Optional(Type.Union([Type.Literal('male'), Type.Literal('female')])),
  residentId: Type.Optional(Nullable(Id)),
  birthDate: Type.Optional(Nullable(Day)),
  mobile: Type.Optional(Nullable(Text(20))),
  kind: keys(MEMBER_KINDS),
  orgId: Id,
  regionId: Type.Optional(Nullable(Id)),
  joinedPartyOn: Type.Optional(Nullable(Day)),
  standing: Type.Optional(keys(MEMBER_STANDINGS)),
  employer: Type.Optional(Text(100)),
  institutionId: Type.Optional(Nullable(Id)),
  skills: Type.Optional(Type.Array(Text(100), { maxItems: 50 })),
};
export const MemberBody = Obj(memberFields);
const { orgId: _orgId, ...patchable } = memberFields;
export const MemberPatch = Obj({ version: Version, ...Type.Partial(Obj(patchable)).properties });
export const MemberListQuery = Obj({
  orgId: Type.Optional(Id),
  regionId: Type.Optional(Id),
  kind: Type.Optional(keys(MEMBER_KINDS)),
  q: Type.Optional(Text(50)),
  includeSubOrgs: Type.Optional(Bool),
  includeArchived: Type.Optional(Bool),
  ...Paging,
});
export const MemberExportQuery = Obj({
  orgId: Type.Optional(Id),
  regionId: Type.Optional(Id),
  kind: Type.Optional(keys(MEMBER_KINDS)),
  q: Type.Optional(Text(50)),
  includeSubOrgs: Type.Optional(Bool),
  includeArchived: Type.Optional(Bool),
});
export const TransferBody = Obj({ version: Version, orgId: Id, on: Day, reason: Type.String({ minLength: 1, maxLength: 200 }) });
export const MemberArchiveBody = Obj({ version: Version, reason: keys(LEFT_REASONS), on: Day });

const Range = Obj({ min: Type.Integer({ minimum: 1, maximum: 10_000 }), max: Type.Integer({ minimum: 1, maximum: 10_000 }) });
export const RulesBody = Obj({
  branchMaxMembers: Type.Integer({ minimum: 1, maximum: 100_000 }),
  householdsPerLiaison: Range,
  liaisonsPerLeader: Range,
});
export const WarningsQuery = Obj({ regionId: Type.Optional(Id) });
