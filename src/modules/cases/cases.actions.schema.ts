// TypeBox for workflow steps: POST /cases/:id/actions/:action. One body for every action; which
// fields a step must carry is the transition table's business (`requires`), checked by the service
// so the refusal names the missing field in both languages.
import { Type, type Static } from '@sinclair/typebox';
import { Id, Obj } from '../../shared/schema.ts';
import { CASE_ACTIONS, HANDLING_MODES, SATISFACTIONS } from './cases.workflow.ts';

const Text = (maxLength: number) => Type.String({ maxLength });

export const ActionParams = Obj({ id: Id, action: Type.Union(CASE_ACTIONS.map((a) => Type.Literal(a))) });

export const ActionBody = Obj({
  /** The version the caller saw: a step on a stale case is refused with 409. */
  version: Type.Integer({ minimum: 1, maximum: 2147483647 }),
  reason: Type.Optional(Text(2000)),
  note: Type.Optional(Text(4000)),
  categoryId: Type.Optional(Id),
  mode: Type.Optional(Type.Union(HANDLING_MODES.map((m) => Type.Literal(m)))),
  urgency: Type.Optional(Type.Union([Type.Literal('normal'), Type.Literal('urgent')])),
  duplicateOfId: Type.Optional(Id),
  result: Type.Optional(Text(4000)),
  target: Type.Optional(
    Obj({
      departmentId: Type.Optional(Type.Union([Id, Type.Null()])),
      assistDepartmentIds: Type.Optional(Type.Array(Id, { maxItems: 20 })),
    }),
  ),
  extension: Type.Optional(
    Obj({
      amount: Type.Integer({ minimum: 1, maximum: 1000 }),
      unit: Type.Union([Type.Literal('workingDays'), Type.Literal('workingHours'), Type.Literal('naturalHours')]),
    }),
  ),
  reviewOn: Type.Optional(Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', maxLength: 10 })),
  satisfaction: Type.Optional(Type.Union(SATISFACTIONS.map((s) => Type.Literal(s)))),
  departmentIds: Type.Optional(Type.Array(Id, { maxItems: 20 })),
  hours: Type.Optional(Type.Integer({ minimum: 1, maximum: 72 })),
});

export type ActionInput = Static<typeof ActionBody>;
