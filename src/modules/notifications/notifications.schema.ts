// TypeBox schemas of the inbox routes.
import { Type } from '@sinclair/typebox';
import { Id, Obj } from '../../shared/schema.ts';

export const InboxQuery = Obj({
  unread: Type.Optional(Type.Boolean({ description: 'true: unread items only' })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
  offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000, default: 0 })),
});

export const ReadAllBody = Obj({
  upToId: Type.Optional(Id),
}, { description: 'upToId: mark only items up to this id (the newest one the reader has seen), so later arrivals stay unread' });

const Item = Obj({
  id: Type.Integer(),
  kind: Type.String(),
  caseId: Type.Union([Type.Integer(), Type.Null()]),
  caseCode: Type.Optional(Type.String()),
  params: Type.Record(Type.String(), Type.Unknown()),
  readAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  createdAt: Type.String({ format: 'date-time' }),
});

export const InboxPageBody = Obj({ items: Type.Array(Item), total: Type.Integer(), unread: Type.Integer() });
export const ReadResultBody = Obj({ item: Item, unread: Type.Integer() });
export const ReadAllResultBody = Obj({ marked: Type.Integer(), unread: Type.Integer() });
