// TypeBox schemas of dual registration (双报到). Shapes only: days are checked against the
// calendar, and the rules applied, in the service.
import { Type } from '@sinclair/typebox';
import { Id, Obj, Paging } from '../../shared/schema.ts';

const Day = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'YYYY-MM-DD, Asia/Shanghai' });
const Version = Type.Integer({ minimum: 1, maximum: 2147483647 });
const Kind = Type.Union([Type.Literal('organization'), Type.Literal('member')]);

export const RegistrationListQuery = Obj({
  communityId: Type.Optional(Id),
  institutionId: Type.Optional(Id),
  partyOrgId: Type.Optional(Id),
  memberId: Type.Optional(Id),
  kind: Type.Optional(Kind),
  active: Type.Optional(Type.Boolean({ description: 'true: active only; false: deregistered only' })),
  q: Type.Optional(Type.String({ maxLength: 100 })),
  ...Paging,
});

export const RegistrationBody = Obj({
  kind: Kind,
  partyOrgId: Type.Optional(Id),
  memberId: Type.Optional(Id),
  communityId: Id,
  registeredOn: Type.Optional(Day),
});

export const DeregisterBody = Obj({
  on: Day,
  reason: Type.String({ minLength: 1, maxLength: 500 }),
  version: Type.Optional(Version),
});

export const PostBody = Obj({ title: Type.String({ minLength: 1, maxLength: 100 }), duty: Type.Optional(Type.String({ maxLength: 2000 })) });
export const PledgeBody = Obj({ title: Type.String({ minLength: 1, maxLength: 200 }), dueOn: Day });
export const PledgePatchBody = Obj({
  version: Version,
  status: Type.Union([Type.Literal('pending'), Type.Literal('kept'), Type.Literal('missed')]),
  fulfilledOn: Type.Optional(Type.Union([Day, Type.Null()])),
  evidence: Type.Optional(Type.Union([Type.String({ maxLength: 2000 }), Type.Null()])),
});
export const ServiceBody = Obj({
  servedOn: Day,
  hours: Type.Number({ description: 'more than 0, at most 24, in tenths' }),
  activity: Type.String({ minLength: 1, maxLength: 500 }),
});

export const CoverageQuery = Obj({
  regionId: Type.Optional(Id),
  by: Type.Optional(Type.Union([Type.Literal('community'), Type.Literal('institution')])),
  from: Type.Optional(Day),
  to: Type.Optional(Day),
});
