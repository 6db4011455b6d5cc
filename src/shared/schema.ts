// TypeBox helpers: every object schema refuses unknown fields; ids are positive integers.
import { Type, type TProperties, type ObjectOptions } from '@sinclair/typebox';

export const Obj = <T extends TProperties>(props: T, opts: ObjectOptions = {}) => Type.Object(props, { additionalProperties: false, ...opts });
export const Id = Type.Integer({ minimum: 1, maximum: 2147483647 });
export const IdParams = Obj({ id: Id });
export const ErrorBody = Obj({ code: Type.String(), message: Type.String(), details: Type.Optional(Type.Unknown()) }, { $id: 'Error' });
export const Paging = {
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 50 })),
  offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 10_000_000, default: 0 })),
};
/** Standard error responses documented on every operation. */
export const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };
/** For operations whose success body is documented by its TypeScript type rather than a schema. */
export const anyOk = { 200: Type.Any(), 201: Type.Any(), ...errors };

// GeoJSON shapes are checked in depth by the geometry module; here only their outline.
export const GeoJsonPolygonal = Type.Object(
  {
    type: Type.Union([Type.Literal('Polygon'), Type.Literal('MultiPolygon')]),
    coordinates: Type.Array(Type.Any(), { maxItems: 10000 }),
  },
  { additionalProperties: false },
);
export const GeoJsonLine = Obj({
  type: Type.Literal('LineString'),
  coordinates: Type.Array(Type.Array(Type.Number(), { minItems: 2, maxItems: 3 }), { minItems: 2, maxItems: 1000 }),
});
