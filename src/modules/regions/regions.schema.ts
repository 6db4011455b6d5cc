// Request and response schemas of the regions routes.
import { Type } from '@sinclair/typebox';
import { GeoJsonLine, GeoJsonPolygonal, Id, Obj } from '../../shared/schema.ts';
import { SizeRulesSchema } from './size-rules.ts';

export const RegionSummarySchema = Type.Object({
  id: Type.Integer(),
  code: Type.String(),
  name: Type.String(),
  level: Type.Integer(),
  kind: Type.String(),
  parentId: Type.Union([Type.Integer(), Type.Null()]),
  childCount: Type.Integer(),
  archived: Type.Boolean(),
  sizeStatus: Type.String(),
});

export const RegionDetailSchema = Type.Intersect([
  RegionSummarySchema,
  Type.Object({
    path: Type.String(),
    attributes: Type.Record(Type.String(), Type.Unknown()),
    boundary: Type.Unknown(),
    version: Type.Integer(),
    ancestors: Type.Array(RegionSummarySchema),
    counters: Type.Record(Type.String(), Type.Number()),
    warnings: Type.Array(
      Type.Object({
        code: Type.Union([Type.Literal('MICROGRID_RESIDENTS'), Type.Literal('GRID_HOUSEHOLDS')]),
        measure: Type.String(),
        actual: Type.Number(),
        target: Type.Number(),
        min: Type.Number(),
        max: Type.Number(),
        status: Type.Union([Type.Literal('under'), Type.Literal('over')]),
        message: Type.String(),
      }),
    ),
    createdAt: Type.String(),
    updatedAt: Type.String(),
    archivedAt: Type.Union([Type.String(), Type.Null()]),
  }),
]);

const Name = Type.String({ minLength: 1, maxLength: 100 });
const Attributes = Type.Record(Type.String({ maxLength: 64 }), Type.Unknown(), { maxProperties: 100 });

export const CreateRegionBody = Obj({
  parentId: Type.Union([Id, Type.Null()]),
  name: Name,
  kind: Type.Optional(Type.String({ maxLength: 32 })),
  code: Type.Optional(Type.String({ pattern: '^[0-9]{12,23}$' })),
  boundary: Type.Optional(Type.Union([GeoJsonPolygonal, Type.Null()])),
  attributes: Type.Optional(Attributes),
});

export const UpdateRegionBody = Obj({
  version: Type.Integer({ minimum: 1, maximum: 2147483647 }),
  name: Type.Optional(Name),
  kind: Type.Optional(Type.String({ maxLength: 32 })),
  boundary: Type.Optional(Type.Union([GeoJsonPolygonal, Type.Null()])),
  attributes: Type.Optional(Attributes),
});

export const MoveBody = Obj({ newParentId: Id });
export const MergeBody = Obj({ otherId: Id });
export const SplitBody = Type.Union([
  Obj({ line: GeoJsonLine, names: Type.Optional(Type.Tuple([Type.String({ maxLength: 100 }), Type.String({ maxLength: 100 })])) }),
  Obj({ childIds: Type.Array(Id, { minItems: 1, maxItems: 1000 }), name: Name }),
]);

export const SearchQuery = Obj({
  q: Type.String({ maxLength: 100 }),
  level: Type.Optional(Type.Integer({ minimum: 1, maximum: 6 })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 50, default: 20 })),
});
export const ChildrenQuery = Obj({ includeArchived: Type.Optional(Type.Boolean({ default: false })) });
export const GeoJsonQuery = Obj({ depth: Type.Optional(Type.Integer({ minimum: 1, maximum: 3, default: 2 })) });
export const LocateQuery = Obj({ lng: Type.Number({ minimum: -180, maximum: 180 }), lat: Type.Number({ minimum: -90, maximum: 90 }) });
export const ExportQuery = Obj({ rootId: Type.Optional(Id), format: Type.Union([Type.Literal('geojson'), Type.Literal('xlsx')]) });
export const ImportQuery = Obj({ format: Type.Union([Type.Literal('geojson'), Type.Literal('xlsx')]) });
export const SizeRulesBody = Obj({ regionId: Type.Union([Id, Type.Null()]), rules: SizeRulesSchema });
