// TypeBox schemas of the case measures (GET /cases/measures and its Excel export).
import { Type } from '@sinclair/typebox';
import { Id, Obj } from '../../shared/schema.ts';
import { MEASURE_GROUPINGS } from './cases.measures.ts';

// Shape only; cases.measures.ts checks the calendar (2026-02-30 is refused there, with a reason).
const Day = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'YYYY-MM-DD, Asia/Shanghai' });

export const MeasuresQuery = Obj({
  regionId: Type.Optional(Id),
  departmentId: Type.Optional(Id),
  userId: Type.Optional(Id),
  from: Type.Optional(Day),
  to: Type.Optional(Day),
  groupBy: Type.Optional(Type.Union(MEASURE_GROUPINGS.map((g) => Type.Literal(g)))),
});
