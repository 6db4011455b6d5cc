// Request schemas of the places, organizations and assets routes. Objects refuse unknown fields;
// enums come from the model files so API, sheets and web agree on the keys.
import { Type, type TSchema } from '@sinclair/typebox';
import { Id, Obj, Paging } from '../../shared/schema.ts';
import { ASSET_CATEGORIES } from './checks.ts';
import { MEMBER_ROLES, ORG_KINDS } from './organizations.model.ts';
import { ASSET_STATUSES, PLACE_KINDS, PLACE_STATUSES } from './places.model.ts';

/** A union of the map's keys, typed as those keys (TypeBox cannot infer them from Object.keys). */
const keys = <M extends Record<string, unknown>>(m: M) => Type.Unsafe<keyof M & string>(Type.Union(Object.keys(m).map((k) => Type.Literal(k))));
const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);
const Text = (max: number) => Type.String({ maxLength: max });
const Lng = Type.Number({ minimum: -180, maximum: 180 });
const Lat = Type.Number({ minimum: -90, maximum: 90 });
const Version = Type.Integer({ minimum: 1, maximum: 2147483647 });

export const ArchiveQuery = Obj({ version: Type.Optional(Version) });

const placeFields = {
  regionId: Type.Optional(Nullable(Id)),
  name: Type.String({ minLength: 1, maxLength: 200 }),
  kind: keys(PLACE_KINDS),
  address: Type.Optional(Text(300)),
  creditCode: Type.Optional(Nullable(Text(30))),
  contactName: Type.Optional(Nullable(Text(50))),
  contactMobile: Type.Optional(Nullable(Text(20))),
  employees: Type.Optional(Nullable(Type.Integer({ minimum: 0, maximum: 10_000_000 }))),
  buildingId: Type.Optional(Nullable(Id)),
  lng: Type.Optional(Nullable(Lng)),
  lat: Type.Optional(Nullable(Lat)),
  status: Type.Optional(keys(PLACE_STATUSES)),
};
export const PlaceBody = Obj(placeFields);
export const PlacePatch = Obj({ version: Version, ...Type.Partial(Obj(placeFields)).properties });
export const PlaceListQuery = Obj({
  regionId: Type.Optional(Id),
  kind: Type.Optional(keys(PLACE_KINDS)),
  status: Type.Optional(keys(PLACE_STATUSES)),
  q: Type.Optional(Text(100)),
  ...Paging,
});

const orgFields = {
  regionId: Id,
  kind: keys(ORG_KINDS),
  subkind: Type.Optional(Nullable(Text(30))),
  name: Type.String({ minLength: 1, maxLength: 200 }),
  creditCode: Type.Optional(Nullable(Text(30))),
  address: Type.Optional(Text(300)),
  leaderName: Type.Optional(Nullable(Text(50))),
  contactMobile: Type.Optional(Nullable(Text(20))),
  estateId: Type.Optional(Nullable(Id)),
  placeId: Type.Optional(Nullable(Id)),
  description: Type.Optional(Text(2000)),
};
export const OrgBody = Obj(orgFields);
export const OrgPatch = Obj({ version: Version, ...Type.Partial(Obj(orgFields)).properties });
export const OrgListQuery = Obj({
  regionId: Type.Optional(Id),
  kind: Type.Optional(keys(ORG_KINDS)),
  subkind: Type.Optional(Text(30)),
  q: Type.Optional(Text(100)),
  ...Paging,
});
export const MembersBody = Obj({
  members: Type.Array(Obj({ residentId: Id, role: keys(MEMBER_ROLES), joinedOn: Type.Optional(Nullable(Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' }))) }), { maxItems: 2000 }),
});

const Category = keys(ASSET_CATEGORIES);
const Subcategory = Type.String({ pattern: '^\\d{2}$' });
export const AssetBody = Obj({
  code: Type.Optional(Nullable(Text(20))),
  category: Type.Optional(Category),
  subcategory: Type.Optional(Subcategory),
  name: Type.String({ minLength: 1, maxLength: 200 }),
  lng: Lng,
  lat: Lat,
  address: Type.Optional(Text(300)),
  departmentId: Type.Optional(Nullable(Id)),
  status: Type.Optional(keys(ASSET_STATUSES)),
  attributes: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
});
export const AssetPatch = Obj({
  version: Version,
  name: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
  lng: Type.Optional(Lng),
  lat: Type.Optional(Lat),
  address: Type.Optional(Text(300)),
  departmentId: Type.Optional(Nullable(Id)),
  status: Type.Optional(keys(ASSET_STATUSES)),
  attributes: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
});
export const AssetListQuery = Obj({
  regionId: Type.Optional(Id),
  category: Type.Optional(Category),
  subcategory: Type.Optional(Subcategory),
  status: Type.Optional(keys(ASSET_STATUSES)),
  departmentId: Type.Optional(Id),
  bbox: Type.Optional(Type.String({ maxLength: 100 })),
  ...Paging,
});
