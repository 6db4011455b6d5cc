// TypeBox request schemas of housing: one per operation, unknown fields refused (Obj).
import { Type, type TLiteral, type TUnion } from '@sinclair/typebox';
import { Id, Obj, Paging } from '../../shared/schema.ts';
import { BUILDING_USES, DWELLING_USES, ESTATE_AGES, OCCUPANCIES, RENTAL_PURPOSES } from './housing.views.ts';

// A vocabulary's codes as a union of literals, typed as such (Object.keys loses the literal types).
const keysOf = <T extends Record<string, string>>(o: T) => Type.Union(Object.keys(o).map((k) => Type.Literal(k))) as unknown as TUnion<TLiteral<keyof T & string>[]>;
const Version = Type.Integer({ minimum: 1, maximum: 2147483647 });
const Text = (max: number, min = 0) => Type.String({ minLength: min, maxLength: max });
const Year = Type.Union([Type.Integer({ minimum: 1800, maximum: 2100 }), Type.Null()]);
const Lng = Type.Union([Type.Number({ minimum: -180, maximum: 180 }), Type.Null()]);
const Lat = Type.Union([Type.Number({ minimum: -90, maximum: 90 }), Type.Null()]);
const IsoDate = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' });
const Q = Type.Optional(Text(100));

export const EstateAge = keysOf(ESTATE_AGES);
export const BuildingUse = keysOf(BUILDING_USES);
export const DwellingUse = keysOf(DWELLING_USES);
export const Occupancy = keysOf(OCCUPANCIES);
export const RentalPurpose = keysOf(RENTAL_PURPOSES);

// Outline only; coordinates are checked in depth by the estate service.
export const EstateGeometry = Type.Union([
  Obj({ type: Type.Literal('Point'), coordinates: Type.Array(Type.Number(), { minItems: 2, maxItems: 3 }) }),
  Obj({ type: Type.Literal('Polygon'), coordinates: Type.Array(Type.Array(Type.Array(Type.Number(), { minItems: 2, maxItems: 3 }), { maxItems: 5000 }), { minItems: 1, maxItems: 50 }) }),
]);

const estateFields = {
  regionId: Id,
  name: Text(100, 1),
  address: Type.Optional(Text(200)),
  propertyCompanyId: Type.Optional(Type.Union([Id, Type.Null()])),
  hasSecurity: Type.Optional(Type.Boolean()),
  hasEnclosure: Type.Optional(Type.Boolean()),
  age: Type.Optional(EstateAge),
  builtYear: Type.Optional(Year),
  geometry: Type.Optional(Type.Union([EstateGeometry, Type.Null()])),
};
export const EstateCreate = Obj(estateFields);
export const EstatePatch = Obj({ version: Version, ...Type.Partial(Obj(estateFields)).properties });
export const EstateQuery = Obj({ regionId: Type.Optional(Id), q: Q, unmanaged: Type.Optional(Type.Boolean()), age: Type.Optional(EstateAge), includeArchived: Type.Optional(Type.Boolean()), ...Paging });

const buildingFields = {
  regionId: Id,
  estateId: Type.Optional(Type.Union([Id, Type.Null()])),
  number: Text(40, 1),
  address: Type.Optional(Text(200)),
  floors: Type.Integer({ minimum: 1, maximum: 200 }),
  basementFloors: Type.Optional(Type.Integer({ minimum: 0, maximum: 20 })),
  unitCount: Type.Optional(Type.Integer({ minimum: 1, maximum: 50 })),
  use: Type.Optional(BuildingUse),
  builtYear: Type.Optional(Year),
  lng: Type.Optional(Lng),
  lat: Type.Optional(Lat),
};
export const BuildingCreate = Obj(buildingFields);
export const BuildingPatch = Obj({ version: Version, ...Type.Partial(Obj(buildingFields)).properties });
export const BuildingQuery = Obj({ regionId: Type.Optional(Id), estateId: Type.Optional(Id), q: Q, includeArchived: Type.Optional(Type.Boolean()), ...Paging });
export const GenerateBody = Obj({
  floors: Type.Tuple([Type.Integer({ minimum: -20, maximum: 200 }), Type.Integer({ minimum: -20, maximum: 200 })]),
  perUnitPerFloor: Type.Integer({ minimum: 1, maximum: 20 }),
  area: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 100000 })),
  use: Type.Optional(DwellingUse),
});

const dwellingFields = {
  buildingId: Id,
  unitNumber: Type.Integer({ minimum: 1, maximum: 50 }),
  floor: Type.Integer({ minimum: -20, maximum: 200 }),
  number: Text(20, 1),
  // No lower bound here: with type coercion on, a 0 failing the number branch would be coerced to null; the service says why.
  area: Type.Optional(Type.Union([Type.Number({ maximum: 100000 }), Type.Null()])),
  use: Type.Optional(DwellingUse),
  occupancy: Type.Optional(Occupancy),
};
export const DwellingCreate = Obj(dwellingFields);
export const DwellingPatch = Obj({ version: Version, ...Type.Partial(Obj(dwellingFields)).properties });
export const DwellingQuery = Obj({ regionId: Type.Optional(Id), buildingId: Type.Optional(Id), occupancy: Type.Optional(Occupancy), q: Q, includeArchived: Type.Optional(Type.Boolean()), ...Paging });

const rentalFields = {
  dwellingId: Id,
  landlordName: Text(50, 1),
  landlordMobile: Type.Optional(Type.Union([Text(20), Type.Null()])),
  landlordResidentId: Type.Optional(Type.Union([Id, Type.Null()])),
  leaseStart: Type.Optional(Type.Union([IsoDate, Type.Null()])),
  leaseEnd: Type.Optional(Type.Union([IsoDate, Type.Null()])),
  monthlyRent: Type.Optional(Type.Union([Type.Number({ minimum: 0, maximum: 10_000_000 }), Type.Null()])),
  purpose: Type.Optional(RentalPurpose),
};
export const RentalCreate = Obj(rentalFields);
const { dwellingId: _d, ...rentalEditable } = rentalFields;
export const RentalPatch = Obj({ version: Version, ...Type.Partial(Obj(rentalEditable)).properties });
export const RentalEnd = Obj({ endedOn: IsoDate, occupancy: Type.Optional(Occupancy), version: Type.Optional(Version) });
export const RentalQuery = Obj({
  regionId: Type.Optional(Id),
  dwellingId: Type.Optional(Id),
  includeEnded: Type.Optional(Type.Boolean()),
  leaseEndingWithinDays: Type.Optional(Type.Integer({ minimum: 0, maximum: 3650 })),
  q: Q,
  ...Paging,
});
export const PostingParams = Obj({ postingCode: Type.String({ minLength: 8, maxLength: 64, pattern: '^[A-Za-z0-9_-]+$' }) });

export type EstateInput = import('@sinclair/typebox').Static<typeof EstateCreate>;
export type EstatePatchInput = import('@sinclair/typebox').Static<typeof EstatePatch>;
export type BuildingInput = import('@sinclair/typebox').Static<typeof BuildingCreate>;
export type BuildingPatchInput = import('@sinclair/typebox').Static<typeof BuildingPatch>;
export type DwellingInput = import('@sinclair/typebox').Static<typeof DwellingCreate>;
export type DwellingPatchInput = import('@sinclair/typebox').Static<typeof DwellingPatch>;
export type RentalInput = import('@sinclair/typebox').Static<typeof RentalCreate>;
export type RentalPatchInput = import('@sinclair/typebox').Static<typeof RentalPatch>;
export type GenerateInput = import('@sinclair/typebox').Static<typeof GenerateBody>;
