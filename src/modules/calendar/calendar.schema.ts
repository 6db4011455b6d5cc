// Request schemas of the calendar routes. The service checks the date and the kind again (for
// callers that are not HTTP), with its own error codes.
import { Type } from '@sinclair/typebox';
import { Obj } from '../../shared/schema.ts';

export const CalendarQuery = Obj({ year: Type.Optional(Type.Integer({ minimum: 2000, maximum: 2100 })) });
export const DayParams = Obj({ day: Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', maxLength: 10 }) });
export const DayBody = Obj({
  kind: Type.Union([Type.Literal('holiday'), Type.Literal('workday')]),
  name: Type.String({ maxLength: 50 }),
});
