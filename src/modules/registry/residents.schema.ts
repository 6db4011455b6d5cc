// TypeBox schemas of the residents, households and care-group operations. Enumerations are listed
// for the OpenAPI document; the meaning checks (ID checksum, dates, tags) are the service's.
import { Type, type TOptional, type TSchema } from '@sinclair/typebox';
import { Id, Obj, Paging } from '../../shared/schema.ts';
import { GENDERS, HOUSEHOLD_ROLES, ID_TYPES, LEFT_REASONS, POLITICAL_STATUSES, RESIDENCE_TYPES } from './residents.model.ts';

const oneOf = <T extends string>(labels: Record<T, string>) => Type.Unsafe<T>({ type: 'string', enum: Object.keys(labels) });
const Version = Type.Integer({ minimum: 1, maximum: 2147483647 });
const DateStr = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', maxLength: 10 });
const Text = (max: number) => Type.String({ maxLength: max });

const fields = {
  name: Type.String({ minLength: 1, maxLength: 50 }),
  gender: oneOf(GENDERS),
  ethnicity: Type.String({ minLength: 1, maxLength: 20 }),
  birthDate: DateStr,
  idType: oneOf(ID_TYPES),
  idNumber: Type.String({ minLength: 1, maxLength: 40 }),
  mobile: Type.Union([Type.String({ maxLength: 20 }), Type.Null()]),
  residenceType: oneOf(RESIDENCE_TYPES),
  householdRole: oneOf(HOUSEHOLD_ROLES),
  employer: Text(100),
  politicalStatus: oneOf(POLITICAL_STATUSES),
  tags: Type.Array(Type.String({ maxLength: 40 }), { maxItems: 30 }),
  seasonal: Type.Boolean(),
  note: Text(500),
};

const opt = <T extends Record<string, TSchema>>(o: T) => Object.fromEntries(Object.entries(o).map(([k, v]) => [k, Type.Optional(v)])) as { [K in keyof T]: TOptional<T[K]> };

export const CreateResidentBody = Obj({
  name: fields.name,
  ethnicity: fields.ethnicity,
  idNumber: fields.idNumber,
  residenceType: fields.residenceType,
  householdRole: fields.householdRole,
  ...opt({
    gender: fields.gender,
    birthDate: fields.birthDate,
    idType: fields.idType,
    mobile: fields.mobile,
    employer: fields.employer,
    politicalStatus: fields.politicalStatus,
    tags: fields.tags,
    seasonal: fields.seasonal,
    note: fields.note,
    regionId: Id,
    dwellingId: Type.Union([Id, Type.Null()]),
    householdId: Type.Union([Id, Type.Null()]),
  }),
});

export const PatchResidentBody = Obj({ version: Version, ...opt(fields) }, { minProperties: 2 });

export const MoveBody = Obj({
  householdRole: fields.householdRole,
  movedOn: DateStr,
  version: Version,
  ...opt({ dwellingId: Id, regionId: Id, householdId: Id, newHousehold: Type.Boolean(), reason: Text(200), newHeadResidentId: Id }),
});

export const ArchiveBody = Obj({
  leftReason: oneOf(LEFT_REASONS),
  on: DateStr,
  version: Version,
  newHeadResidentId: Type.Optional(Id),
});

export const RestoreBody = Obj({ version: Version });

export const StaysBody = Obj({
  stays: Type.Array(Obj({ arriveOn: DateStr, leaveOn: Type.Union([DateStr, Type.Null()]), note: Type.Optional(Text(200)) }), { maxItems: 100 }),
});

export const ResidentListQuery = Obj({
  regionId: Type.Optional(Id),
  residenceType: Type.Optional(oneOf(RESIDENCE_TYPES)),
  tags: Type.Optional(Type.String({ maxLength: 400, pattern: '^[A-Za-z0-9,]*$' })),
  careGroupOnly: Type.Optional(Type.Boolean()),
  seasonal: Type.Optional(Type.Boolean()),
  householdId: Type.Optional(Id),
  dwellingId: Type.Optional(Id),
  buildingId: Type.Optional(Id),
  includeArchived: Type.Optional(Type.Boolean()),
  q: Type.Optional(Type.String({ maxLength: 50 })),
  ...Paging,
});

export const HouseholdListQuery = Obj({
  regionId: Type.Optional(Id),
  dwellingId: Type.Optional(Id),
  includeArchived: Type.Optional(Type.Boolean()),
  ...Paging,
});

export const HouseholdPatchBody = Obj({ headResidentId: Id, version: Version });

export const CareGroupCodeParams = Obj({ code: Type.String({ minLength: 1, maxLength: 40 }) });
export const CareGroupCreateBody = Obj({
  code: Type.String({ minLength: 2, maxLength: 40 }),
  nameZh: Type.String({ minLength: 1, maxLength: 40 }),
  nameEn: Type.String({ minLength: 1, maxLength: 80 }),
  sort: Type.Optional(Type.Integer({ minimum: 0, maximum: 32000 })),
});
export const CareGroupPatchBody = Obj(
  {
    nameZh: Type.Optional(Type.String({ minLength: 1, maxLength: 40 })),
    nameEn: Type.Optional(Type.String({ minLength: 1, maxLength: 80 })),
    sort: Type.Optional(Type.Integer({ minimum: 0, maximum: 32000 })),
    active: Type.Optional(Type.Boolean()),
  },
  { minProperties: 1 },
);
