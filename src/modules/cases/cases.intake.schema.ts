// TypeBox shapes for intake, reading, photos, the public routes and the catalogue. Schemas check
// types and keep hostile sizes out; the precise rules (title 2–100 characters, coordinates in
// range, deadlines 1–365 …) are the service's, so each answers with its field named in zh and en.
import { Type } from '@sinclair/typebox';
import { Id, Obj } from '../../shared/schema.ts';

const Text = (max: number) => Type.String({ maxLength: max });
const Coord = Type.Number();

export const CaseCreateBody = Obj({
  source: Text(32),
  title: Text(1000),
  description: Type.Optional(Text(20_000)),
  categoryId: Type.Optional(Id),
  urgency: Type.Optional(Text(16)),
  lng: Type.Optional(Coord),
  lat: Type.Optional(Coord),
  address: Type.Optional(Text(1000)),
  buildingId: Type.Optional(Id),
  dwellingId: Type.Optional(Id),
  placeId: Type.Optional(Id),
  assetId: Type.Optional(Id),
  residentIds: Type.Optional(Type.Array(Id, { maxItems: 100 })),
  reporterName: Type.Optional(Text(200)),
  reporterMobile: Type.Optional(Text(40)),
  anonymous: Type.Optional(Type.Boolean()),
});

export const PublicCaseBody = Obj({
  title: Text(1000),
  description: Text(20_000),
  categoryId: Type.Optional(Id),
  lng: Coord,
  lat: Coord,
  address: Type.Optional(Text(1000)),
  reporterName: Type.Optional(Text(200)),
  reporterMobile: Text(40),
  anonymous: Type.Optional(Type.Boolean()),
});

const Csv = Text(500);
export const CaseListQuery = Obj({
  view: Type.Optional(Type.Union([Type.Literal('desk'), Type.Literal('mine'), Type.Literal('all')])),
  status: Type.Optional(Csv),
  level: Type.Optional(Text(16)),
  categoryId: Type.Optional(Id),
  mode: Type.Optional(Text(16)),
  timerState: Type.Optional(Text(16)),
  departmentId: Type.Optional(Id),
  regionId: Type.Optional(Id),
  source: Type.Optional(Text(16)),
  q: Type.Optional(Text(100)),
  from: Type.Optional(Text(10)),
  to: Type.Optional(Text(10)),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
  offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 10_000_000, default: 0 })),
});
export const CaseExportQuery = Type.Omit(CaseListQuery, ['limit', 'offset']);

export const SuggestQuery = Obj({
  categoryId: Id,
  urgency: Type.Optional(Text(16)),
  /** A case to suggest for: its district decides the department (else the caller's). */
  caseId: Type.Optional(Id),
});

export const PhotoKindQuery = Obj({ kind: Type.Optional(Text(16)) });
export const PhotoParams = Obj({ id: Id, photoId: Id });

export const CodeParams = Obj({ code: Type.String({ minLength: 1, maxLength: 40 }) });
export const CodePhotoParams = Obj({ code: Type.String({ minLength: 1, maxLength: 40 }), photoId: Id });
export const MobileQuery = Obj({ mobile: Text(40) });
export const PublicPhotoQuery = Obj({ mobile: Text(40), kind: Type.Optional(Text(16)) });
export const PublicFeedbackBody = Obj({
  mobile: Text(40),
  satisfaction: Text(32),
  note: Type.Optional(Text(2000)),
});

const Stage = Obj({ amount: Type.Integer({ minimum: -100_000, maximum: 100_000 }), unit: Text(32) });
const CategoryFields = {
  nameZh: Type.Optional(Text(200)),
  nameEn: Type.Optional(Text(200)),
  defaultDepartmentCode: Type.Optional(Type.Union([Text(32), Type.Null()])),
  defaultMode: Type.Optional(Type.Union([Text(32), Type.Null()])),
  dispatch: Type.Optional(Stage),
  respond: Type.Optional(Stage),
  handle: Type.Optional(Stage),
  verify: Type.Optional(Stage),
  urgentHandleHours: Type.Optional(Type.Integer({ minimum: -100_000, maximum: 100_000 })),
  similarRadiusM: Type.Optional(Type.Integer({ minimum: -1_000_000, maximum: 1_000_000 })),
  similarDays: Type.Optional(Type.Integer({ minimum: -100_000, maximum: 100_000 })),
  sortOrder: Type.Optional(Type.Integer({ minimum: -100_000, maximum: 100_000 })),
  archived: Type.Optional(Type.Boolean()),
};
export const CategoryCreateBody = Obj({ code: Text(16), parentCode: Type.Optional(Type.Union([Text(16), Type.Null()])), ...CategoryFields });
export const CategoryPatchBody = Obj(CategoryFields);
export const CategoryListQuery = Obj({ all: Type.Optional(Type.Union([Type.Literal('1'), Type.Literal('0'), Type.Literal('true'), Type.Literal('false')])) });
